using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>
/// The whole public path per operation, <c>group.TryAcquire(out var lease); lease.Complete(Success);</c>, on
/// <see cref="TimeProvider.System"/>: snapshot read, pick, in-flight increment and decrement, two clock reads and,
/// for PeakEwma, the latency update. RoundRobin is the baseline.
/// </summary>
public class GroupAcquireBenchmarks : PickBenchmarkBase
{
    private Func<int> _roundRobin = null!;
    private Func<int> _powerOfTwoChoices = null!;
    private Func<int> _peakEwma = null!;

    /// <summary>A RoundRobin group (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)]
    public int Group_RoundRobin() => Measure(_roundRobin);

    /// <summary>A PowerOfTwoChoices group.</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Group_PowerOfTwoChoices() => Measure(_powerOfTwoChoices);

    /// <summary>A PeakEwma group (the library's default balancer).</summary>
    [Benchmark(OperationsPerInvoke = PicksPerThread)]
    public int Group_PeakEwma() => Measure(_peakEwma);

    /// <inheritdoc />
    protected override void Setup()
    {
        _roundRobin = new GroupFixture(LoadBalancers.RoundRobin, Endpoints).AcquireBatch;
        _powerOfTwoChoices = new GroupFixture(LoadBalancers.PowerOfTwoChoices, Endpoints).AcquireBatch;
        _peakEwma = new GroupFixture(LoadBalancers.PeakEwma, Endpoints).AcquireBatch;
    }
}
