using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.LoadBalancing;

public sealed class PeakEwmaBalancerTests
{
    private static readonly TimeSpan s_fast = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_slow = TimeSpan.FromMilliseconds(110);

    [Fact]
    public void TryAcquire_MovesTrafficAwayFromASlowEndpointAndBackAfterItRecovers()
    {
        var time = new FakeTimeProvider();
        var group = TestGroups.Create(LoadBalancers.PeakEwma, new SeededRandomSource(17), time, 1, 1, 1);

        // e1 answers 100 ms slower than its peers.
        var slow = Run(group, time, rounds: 3_000, e1Latency: s_slow);
        var slowShare = slow.Skip(500).Count(n => n == "e1") / 2_500.0;

        // e1 recovers. Its estimate decays (10 s time constant), it is tried again, and its share returns.
        var recovered = Run(group, time, rounds: 12_000, e1Latency: s_fast);
        var recoveredShare = recovered.Skip(9_000).Count(n => n == "e1") / 3_000.0;

        slowShare.Should().BeLessThan(0.05);
        recoveredShare.Should().BeInRange(0.25, 0.42);
    }

    [Fact]
    public void TryAcquire_NewEndpointWithoutSamples_IsTriedWhileIdleButNotFloodedWhileBusy()
    {
        var time = new FakeTimeProvider();
        var group = TestGroups.Create(LoadBalancers.PeakEwma, new SeededRandomSource(21), time, 1, 1);
        Run(group, time, rounds: 200, e1Latency: s_fast);
        group.UpdateEndpoints([.. group.Endpoints, new Endpoint(new Uri("http://new.test/"), "new")]);

        // Held leases: the new endpoint gets one attempt, then waits for its first answer.
        var held = new List<EndpointLease>();
        for (var i = 0; i < 60; i++)
        {
            group.TryAcquire(out var lease);
            held.Add(lease);
        }

        held.Count(l => l.Endpoint!.Name == "new").Should().BeInRange(1, 3);
        held.ForEach(l => l.Complete(EndpointOutcome.Success));
    }

    [Fact]
    public void Complete_Failures_StillTeachLatencyButCancellationsDoNot()
    {
        var time = new FakeTimeProvider();
        var group = TestGroups.Create(LoadBalancers.PeakEwma, new SeededRandomSource(1), time, 1);

        group.TryAcquire(out var cancelled);
        time.Advance(TimeSpan.FromSeconds(3));
        cancelled.Complete(EndpointOutcome.Cancelled);
        group.GetSnapshot().Endpoints[0].LatencyEstimate.Should().BeNull();

        group.TryAcquire(out var timedOut);
        time.Advance(TimeSpan.FromSeconds(2));
        timedOut.Complete(EndpointOutcome.Timeout);
        group.GetSnapshot().Endpoints[0].LatencyEstimate!.Value.TotalSeconds.Should().BeApproximately(2, 0.01);
    }

    private static List<string> Run(EndpointGroup group, FakeTimeProvider time, int rounds, TimeSpan e1Latency)
    {
        var names = new List<string>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            group.TryAcquire(out var lease).Should().BeTrue();
            var name = lease.Endpoint!.Name;
            time.Advance(name == "e1" ? e1Latency : s_fast);
            lease.Complete(EndpointOutcome.Success);
            names.Add(name);
        }

        return names;
    }
}
