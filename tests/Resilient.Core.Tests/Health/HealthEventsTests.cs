using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

public sealed class HealthEventsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void SubscribeHealthChanges_SeesEveryTransitionWithReasonAndUntil_UntilUnsubscribed()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(5), _time, 1, 1, 1);
        var seen = new List<EndpointHealthChange>();
        var subscription = group.SubscribeHealthChanges(change =>
        {
            seen.Add(change);
            return ValueTask.CompletedTask;
        });

        group.Record("e0", EndpointOutcome.Failure, times: 5);
        _time.Advance(TimeSpan.FromSeconds(34));
        group.AcquireOn("e0").Complete(EndpointOutcome.Success);
        group.Drain("e1");
        group.Restore("e1");
        subscription.Dispose();
        group.Record("e2", EndpointOutcome.Unreachable, times: 2);

        seen.Select(c => $"{c.Endpoint.Name}:{c.PreviousState}->{c.State}").Should().Equal(
            "e0:Available->Ejected", "e0:Ejected->InTrial", "e0:InTrial->Available", "e1:Available->Drained", "e1:Drained->Available");
        seen[0].Reason.Should().Be("5 consecutive failures");
        seen[0].Until.Should().BeAfter(_time.GetUtcNow().AddSeconds(-34 + 29));
        seen[0].GroupName.Should().Be("test");
    }

    [Fact]
    public void SubscribeHealthChanges_AThrowingHandler_DoesNotBreakHealthTracking()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(5), _time, 1, 1);
        var calls = 0;
        using var bad = group.SubscribeHealthChanges(_ => throw new InvalidOperationException("boom"));
        using var faulted = group.SubscribeHealthChanges(_ => ValueTask.FromException(new InvalidOperationException("async boom")));
        using var good = group.SubscribeHealthChanges(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });

        group.Record("e0", EndpointOutcome.Failure, times: 5);

        group.State("e0").Should().Be(EndpointState.Ejected);
        calls.Should().Be(1);
    }
}
