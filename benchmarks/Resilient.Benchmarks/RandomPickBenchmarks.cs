using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>One pick, YARP's Random against ours: one uniform draw.</summary>
public class RandomPickBenchmarks : PickBenchmarkBase
{
    private Func<int> _yarp = null!;
    private Func<int> _resilient = null!;

    /// <summary>YARP's Random policy (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Yarp_Random() => Measure(_yarp);

    /// <summary>Our Random balancer.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_Random() => Measure(_resilient);

    /// <inheritdoc />
    protected override void Setup()
    {
        _yarp = new YarpFixture("Random", Endpoints).PickBatch;
        _resilient = new PickFixture(LoadBalancers.Random, Endpoints).PickBatch;
    }
}
