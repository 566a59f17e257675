namespace Resilient.Benchmarks;

/// <summary>
/// One of our balancers over N candidates, called the way <see cref="EndpointGroup"/> calls it: a fresh
/// <see cref="PickContext"/> per pick, interface dispatch, no exclusions. Time is a fixed sample taken at set-up
/// (the group reads the clock once per acquire; <see cref="GroupAcquireBenchmarks"/> measures that).
/// </summary>
internal sealed class PickFixture
{
    [ThreadStatic]
    private static ulong t_nextKey;

    private readonly ILoadBalancer _balancer;
    private readonly EndpointCandidate[] _candidates;
    private readonly object? _state;
    private readonly long _timestamp;
    private readonly uint _nowMs;

    /// <param name="balancer">A name from <see cref="LoadBalancers"/>.</param>
    /// <param name="endpoints">The candidate count.</param>
    /// <param name="weighted">Weights 1, 2, 3 cycling instead of all 1.</param>
    /// <param name="measured">Give every endpoint a latency sample (1 to 7 ms) first, as Peak-EWMA has in steady state.</param>
    /// <param name="busy">Leave <see cref="Fixtures.BusyCount"/> requests in flight on every third endpoint.</param>
    public PickFixture(string balancer, int endpoints, bool weighted = false, bool measured = false, bool busy = true)
    {
        var clock = new SelectionClock(TimeProvider.System, LoadBalancingDefaults.PeakEwmaDecay);
        _timestamp = clock.GetTimestamp();
        _nowMs = clock.ToMilliseconds(_timestamp);
        _candidates = new EndpointCandidate[endpoints];
        for (var i = 0; i < endpoints; i++)
        {
            var weight = Fixtures.Weight(i, weighted);
            var runtime = new EndpointRuntime(new Endpoint(new Uri(Fixtures.Address(i)), Fixtures.Name(i), weight), i, clock);
            if (measured)
            {
                var latency = (long)((1 + (i % 7)) * clock.TimeProvider.TimestampFrequency / 1000.0);
                if (!runtime.TryEnter())
                {
                    throw new InvalidOperationException("A fresh endpoint refused an attempt.");
                }

                runtime.Complete(EndpointOutcome.Success, _timestamp - latency, _timestamp);
            }

            // Never completed: these stay in flight for the whole run.
            for (var inFlight = 0; busy && inFlight < Fixtures.BusyCount(i); inFlight++)
            {
                runtime.TryEnter();
            }

            _candidates[i] = new EndpointCandidate(runtime, weight);
        }

        _balancer = LoadBalancerRegistry.Default.Create(balancer);
        _state = _balancer.Prepare(_candidates);
    }

    /// <summary>Picks <see cref="PickBenchmarkBase.PicksPerThread"/> times without a request key; returns the sum of the picked indices.</summary>
    public int PickBatch()
    {
        var balancer = _balancer;
        var candidates = _candidates;
        var state = _state;
        var random = RandomSource.Shared;
        var tried = default(TriedEndpoints);
        var sum = 0;
        for (var i = 0; i < PickBenchmarkBase.PicksPerThread; i++)
        {
            var context = new PickContext(candidates, state, in tried, random, _timestamp, _nowMs, 0, hasRequestKey: false);
            sum += balancer.Pick(in context);
        }

        return sum;
    }

    /// <summary>Like <see cref="PickBatch"/> with a different request key on every pick (a per-thread counter that never repeats).</summary>
    public int PickBatchWithKeys()
    {
        var balancer = _balancer;
        var candidates = _candidates;
        var state = _state;
        var random = RandomSource.Shared;
        var tried = default(TriedEndpoints);
        var key = t_nextKey;
        var sum = 0;
        for (var i = 0; i < PickBenchmarkBase.PicksPerThread; i++)
        {
            var context = new PickContext(candidates, state, in tried, random, _timestamp, _nowMs, key++, hasRequestKey: true);
            sum += balancer.Pick(in context);
        }

        t_nextKey = key;
        return sum;
    }
}
