using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

public sealed class UnreachableTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Record_TwoUnreachableInARow_TakeTheEndpointOut_OneDoesNot()
    {
        var group = Group();

        group.Record("e0", EndpointOutcome.Unreachable);
        group.State("e0").Should().Be(EndpointState.Available);
        group.Record("e0", EndpointOutcome.Success);
        group.Record("e0", EndpointOutcome.Unreachable);
        group.State("e0").Should().Be(EndpointState.Available, "an answer in between resets the count");

        group.Record("e0", EndpointOutcome.Unreachable);

        group.State("e0").Should().Be(EndpointState.Unreachable);
        group.Distribution(200)["e0"].Should().Be(0);
    }

    [Fact]
    public void Trials_AreSpacedByExponentialBackoffWithJitter_FirstWithinOneSecond_CappedAt30s()
    {
        var group = Group();
        group.Record("e0", EndpointOutcome.Unreachable, times: 2);
        var waits = new List<double>();

        for (var i = 0; i < 9; i++)
        {
            var wait = (group.Snapshot("e0").Until!.Value - _time.GetUtcNow()).TotalSeconds;
            waits.Add(wait);
            _time.Advance(TimeSpan.FromSeconds(wait + 0.001));
            group.State("e0").Should().Be(EndpointState.InTrial);
            group.AcquireOn("e0").Complete(EndpointOutcome.Unreachable);
            group.State("e0").Should().Be(EndpointState.Unreachable);
        }

        waits[0].Should().BeInRange(0.5, 1.0);
        for (var i = 1; i < waits.Count; i++)
        {
            var nominal = Math.Min(Math.Pow(2, i), 30);
            waits[i].Should().BeInRange(nominal * 0.5, nominal, "trial {0}", i + 1);
        }
    }

    [Fact]
    public void Trial_Success_BringsTheEndpointBack()
    {
        var group = Group();
        group.Record("e1", EndpointOutcome.Unreachable, times: 2);
        _time.Advance(TimeSpan.FromSeconds(1.01));

        var trial = group.AcquireOn("e1");
        trial.IsTrial.Should().BeTrue();
        trial.Complete(EndpointOutcome.Success);

        group.State("e1").Should().Be(EndpointState.Available);
        group.Distribution(300)["e1"].Should().BeGreaterThan(50);
    }

    [Fact]
    public void Trial_NeverReportedBack_GoesStale_AndTheNextCallTakesItOver()
    {
        var group = Group();
        group.Record("e1", EndpointOutcome.Unreachable, times: 2);
        _time.Advance(TimeSpan.FromSeconds(1.01));
        var forgotten = group.AcquireOn("e1");
        forgotten.IsTrial.Should().BeTrue();

        // While the claim is fresh no other call gets e1: it has exactly one trial.
        group.Distribution(100).GetValueOrDefault("e1").Should().Be(0);

        // The forgotten call never completes (a response nobody disposed); after the stale-claim time another call may try.
        _time.Advance(TimeSpan.FromSeconds(31));
        var retrial = group.AcquireOn("e1");
        retrial.IsTrial.Should().BeTrue();
        retrial.Complete(EndpointOutcome.Success);

        group.State("e1").Should().Be(EndpointState.Available);
        forgotten.Complete(EndpointOutcome.Success);
        group.State("e1").Should().Be(EndpointState.Available, "a late report of the stale trial changes nothing");
    }

    [Fact]
    public void Unreachable_IsNeverCapped_EveryEndpointCanBeOut()
    {
        var group = Group();

        foreach (var name in new[] { "e0", "e1", "e2" })
        {
            group.Record(name, EndpointOutcome.Unreachable, times: 2);
        }

        group.GetSnapshot().Endpoints.Should().OnlyContain(e => e.State == EndpointState.Unreachable);
        group.TryAcquire(out _).Should().BeFalse();

        // When backoffs end, calls go out as trials and bring endpoints back.
        _time.Advance(TimeSpan.FromSeconds(1.01));
        group.TryAcquire(out var trial).Should().BeTrue();
        trial.IsTrial.Should().BeTrue();
        trial.Complete(EndpointOutcome.Success);
        group.State(trial.Endpoint!.Name).Should().Be(EndpointState.Available);
    }

    private EndpointGroup Group() =>
        TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(5), _time, 1, 1, 1);
}
