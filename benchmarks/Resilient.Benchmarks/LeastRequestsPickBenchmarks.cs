using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>One pick, YARP's LeastRequests against ours: a scan of every candidate's in-flight count.</summary>
public class LeastRequestsPickBenchmarks : PickBenchmarkBase
{
    private Func<int> _yarp = null!;
    private Func<int> _resilient = null!;

    /// <summary>YARP's LeastRequests policy (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Yarp_LeastRequests() => Measure(_yarp);

    /// <summary>Our LeastRequests balancer.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_LeastRequests() => Measure(_resilient);

    /// <inheritdoc />
    protected override void Setup()
    {
        _yarp = new YarpFixture("LeastRequests", Endpoints).PickBatch;
        _resilient = new PickFixture(LoadBalancers.LeastRequests, Endpoints).PickBatch;
    }
}
