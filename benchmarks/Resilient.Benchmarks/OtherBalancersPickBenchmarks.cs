using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>
/// One pick with our balancers that have no YARP peer, against our RoundRobin: WeightedRoundRobin with weights
/// 1, 2, 3 cycling, PeakEwma with a latency sample on every endpoint, ConsistentHash with a new request key per
/// pick, and FirstAvailable.
/// </summary>
public class OtherBalancersPickBenchmarks : PickBenchmarkBase
{
    private Func<int> _roundRobin = null!;
    private Func<int> _weightedRoundRobin = null!;
    private Func<int> _peakEwma = null!;
    private Func<int> _consistentHash = null!;
    private Func<int> _firstAvailable = null!;

    /// <summary>Our RoundRobin (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Resilient_RoundRobin() => Measure(_roundRobin);

    /// <summary>Our WeightedRoundRobin, weights 1, 2, 3 cycling.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_WeightedRoundRobin() => Measure(_weightedRoundRobin);

    /// <summary>Our PeakEwma, every endpoint measured (1 to 7 ms).</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_PeakEwma() => Measure(_peakEwma);

    /// <summary>Our ConsistentHash (Maglev, bounded load), a different request key on every pick.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_ConsistentHash() => Measure(_consistentHash);

    /// <summary>Our FirstAvailable.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Resilient_FirstAvailable() => Measure(_firstAvailable);

    /// <inheritdoc />
    protected override void Setup()
    {
        _roundRobin = new PickFixture(LoadBalancers.RoundRobin, Endpoints).PickBatch;
        _weightedRoundRobin = new PickFixture(LoadBalancers.WeightedRoundRobin, Endpoints, weighted: true).PickBatch;
        _peakEwma = new PickFixture(LoadBalancers.PeakEwma, Endpoints, measured: true).PickBatch;
        _consistentHash = new PickFixture(LoadBalancers.ConsistentHash, Endpoints).PickBatchWithKeys;
        _firstAvailable = new PickFixture(LoadBalancers.FirstAvailable, Endpoints).PickBatch;
    }
}
