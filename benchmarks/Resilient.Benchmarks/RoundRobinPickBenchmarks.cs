using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>One pick, YARP's RoundRobin against ours: both one shared atomic increment per pick.</summary>
public class RoundRobinPickBenchmarks : PickBenchmarkBase
{
    private Func<int> _yarp = null!;
    private Func<int> _resilient = null!;

    /// <summary>YARP's RoundRobin policy (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Yarp_RoundRobin() => Measure(_yarp);

    /// <summary>Our RoundRobin balancer.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_RoundRobin() => Measure(_resilient);

    /// <inheritdoc />
    protected override void Setup()
    {
        _yarp = new YarpFixture("RoundRobin", Endpoints).PickBatch;
        _resilient = new PickFixture(LoadBalancers.RoundRobin, Endpoints).PickBatch;
    }
}
