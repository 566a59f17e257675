using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

// TEMPORARY: diagnosis only, deleted before hand-off.
public class ScratchExperiments : PickBenchmarkBase
{
    private Func<int> _ewmaBusy = null!, _ewmaIdle = null!, _chBusy = null!, _chIdle = null!, _lrOurs = null!, _lrFixedStart = null!;
    private EndpointCandidate[] _candidates = null!;

    [Benchmark(Baseline = true, OperationsPerInvoke = PicksPerThread)] public int PeakEwma_Busy() => Measure(_ewmaBusy);
    [Benchmark(OperationsPerInvoke = PicksPerThread)] public int PeakEwma_Idle() => Measure(_ewmaIdle);
    [Benchmark(OperationsPerInvoke = PicksPerThread)] public int ConsistentHash_Busy() => Measure(_chBusy);
    [Benchmark(OperationsPerInvoke = PicksPerThread)] public int ConsistentHash_Idle() => Measure(_chIdle);
    [Benchmark(OperationsPerInvoke = PicksPerThread)] public int LeastRequests_Ours() => Measure(_lrOurs);
    [Benchmark(OperationsPerInvoke = PicksPerThread)] public int LeastRequests_FixedStartCopy() => Measure(_lrFixedStart);

    protected override void Setup()
    {
        _ewmaBusy = new PickFixture(LoadBalancers.PeakEwma, Endpoints, measured: true).PickBatch;
        _ewmaIdle = new PickFixture(LoadBalancers.PeakEwma, Endpoints, measured: true, busy: false).PickBatch;
        _chBusy = new PickFixture(LoadBalancers.ConsistentHash, Endpoints).PickBatchWithKeys;
        _chIdle = new PickFixture(LoadBalancers.ConsistentHash, Endpoints, busy: false).PickBatchWithKeys;
        _lrOurs = new PickFixture(LoadBalancers.LeastRequests, Endpoints).PickBatch;
        var clock = new SelectionClock(TimeProvider.System, LoadBalancingDefaults.PeakEwmaDecay);
        _candidates = new EndpointCandidate[Endpoints];
        for (var i = 0; i < Endpoints; i++)
        {
            var rt = new EndpointRuntime(new Endpoint(new Uri(Fixtures.Address(i))), i, clock);
            for (var b = 0; b < Fixtures.BusyCount(i); b++) { rt.TryEnter(); }
            _candidates[i] = new EndpointCandidate(rt, 1);
        }
        _lrFixedStart = FixedStartBatch;
    }

    private int FixedStartBatch()
    {
        var c = _candidates; var sum = 0;
        for (var n = 0; n < PicksPerThread; n++)
        {
            var best = 0; var bestLoad = c[0].Runtime.InFlight;
            for (var i = 1; i < c.Length; i++) { var l = c[i].Runtime.InFlight; if (l < bestLoad) { best = i; bestLoad = l; } }
            sum += best;
        }
        return sum;
    }
}
