using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>One pick, YARP's PowerOfTwoChoices against ours: two random candidates, the less loaded wins.</summary>
public class PowerOfTwoChoicesPickBenchmarks : PickBenchmarkBase
{
    private Func<int> _yarp = null!;
    private Func<int> _resilient = null!;

    /// <summary>YARP's PowerOfTwoChoices policy (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Yarp_PowerOfTwoChoices() => Measure(_yarp);

    /// <summary>Our PowerOfTwoChoices balancer.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_PowerOfTwoChoices() => Measure(_resilient);

    /// <inheritdoc />
    protected override void Setup()
    {
        _yarp = new YarpFixture("PowerOfTwoChoices", Endpoints).PickBatch;
        _resilient = new PickFixture(LoadBalancers.PowerOfTwoChoices, Endpoints).PickBatch;
    }
}
