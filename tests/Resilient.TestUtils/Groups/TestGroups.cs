using Microsoft.Extensions.Time.Testing;

namespace Resilient.TestUtils;

/// <summary>Builds groups and candidate lists for tests.</summary>
internal static class TestGroups
{
    /// <summary>
    /// Endpoints http://e{i}.test/ named e{i} with the given weights (tier 0). Slow start is off so that drains and
    /// restores in selection tests do not change weights; health tests turn it on explicitly.
    /// </summary>
    public static EndpointGroupOptions Options(string loadBalancer, params int[] weights)
    {
        var options = new EndpointGroupOptions { LoadBalancer = loadBalancer, SlowStartWindow = TimeSpan.Zero };
        for (var i = 0; i < weights.Length; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = $"http://e{i}.test/", Name = $"e{i}", Weight = weights[i] });
        }

        return options;
    }

    public static EndpointGroup Create(string loadBalancer, RandomSource random, TimeProvider? time = null, params int[] weights) =>
        new("test", Options(loadBalancer, weights), time ?? new FakeTimeProvider(), null, random);

    public static EndpointGroup Create(EndpointGroupOptions options, RandomSource random, TimeProvider? time = null) =>
        new("test", options, time ?? new FakeTimeProvider(), null, random);

    /// <summary>Standalone runtimes for balancer-level tests.</summary>
    public static EndpointRuntime[] Runtimes(TimeProvider time, int count)
    {
        var clock = new SelectionClock(time, LoadBalancingDefaults.PeakEwmaDecay);
        var runtimes = new EndpointRuntime[count];
        for (var i = 0; i < count; i++)
        {
            runtimes[i] = new EndpointRuntime(new Endpoint(new Uri($"http://e{i}.test/"), $"e{i}"), i, clock);
        }

        return runtimes;
    }

    public static EndpointCandidate[] Candidates(EndpointRuntime[] runtimes, params double[] weights)
    {
        var candidates = new EndpointCandidate[runtimes.Length];
        for (var i = 0; i < runtimes.Length; i++)
        {
            candidates[i] = new EndpointCandidate(runtimes[i], weights.Length == 0 ? 1 : weights[i]);
        }

        return candidates;
    }

    /// <summary>Runs one balancer pick outside a group.</summary>
    public static int Pick(ILoadBalancer balancer, EndpointCandidate[] candidates, object? state, RandomSource random, ref TriedEndpoints tried, long timestamp = 0, ulong? key = null)
    {
        var context = new PickContext(candidates, state, in tried, random, timestamp, 0, key ?? 0, key.HasValue);
        return balancer.Pick(in context);
    }
}
