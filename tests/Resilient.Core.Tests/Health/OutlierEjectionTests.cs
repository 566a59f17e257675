using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

public sealed class OutlierEjectionTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Record_FiveConsecutiveFailuresEject_FourDoNot()
    {
        var group = Group(3);

        group.Record("e0", EndpointOutcome.Failure, times: 4);
        group.State("e0").Should().Be(EndpointState.Available);
        group.Record("e0", EndpointOutcome.Success);
        group.Record("e0", EndpointOutcome.Failure, times: 4);
        group.State("e0").Should().Be(EndpointState.Available, "a success in between resets the count");

        group.Record("e0", EndpointOutcome.Timeout);

        var snapshot = group.Snapshot("e0");
        snapshot.State.Should().Be(EndpointState.Ejected);
        snapshot.Reason.Should().Be("5 consecutive failures");
        snapshot.Until.Should().BeCloseTo(_time.GetUtcNow().AddSeconds(30), TimeSpan.FromSeconds(3.01));
        group.Distribution(300).Should().Contain("e0", 0);
    }

    [Fact]
    public void Record_FailureRateOverTheWindow_EjectsOnlyWithMinimumThroughput()
    {
        var group = Group(3);

        // Alternating failures never reach 5 in a row; 5 of 9 fail, below the 10-call minimum.
        for (var i = 0; i < 9; i++)
        {
            group.Record("e1", i % 2 == 0 ? EndpointOutcome.Failure : EndpointOutcome.Success);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        group.State("e1").Should().Be(EndpointState.Available);
        group.Record("e1", EndpointOutcome.Success);
        group.State("e1").Should().Be(EndpointState.Available, "5 of 10 is the threshold, but only a failure triggers the check");

        group.Record("e1", EndpointOutcome.Failure);

        group.State("e1").Should().Be(EndpointState.Ejected);
        group.Snapshot("e1").Reason.Should().Be("6 of 11 calls failed within 30 s");
    }

    [Fact]
    public void Record_FailuresOlderThanTheWindow_DoNotCount()
    {
        var group = Group(3);
        for (var i = 0; i < 8; i++)
        {
            group.Record("e1", i % 2 == 0 ? EndpointOutcome.Failure : EndpointOutcome.Success);
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        group.Record("e1", EndpointOutcome.Success, times: 8);
        group.Record("e1", EndpointOutcome.Failure, times: 2);

        group.State("e1").Should().Be(EndpointState.Available, "only 2 of 10 calls in the last 30 s failed");
    }

    [Fact]
    public void Trial_AfterEachEjectionFails_EjectionGrowsBy30sAndCapsAt300s()
    {
        var group = Group(3);
        group.Record("e2", EndpointOutcome.Failure, times: 5);
        var durations = new List<double>();

        for (var round = 0; round < 12; round++)
        {
            var snapshot = group.Snapshot("e2");
            snapshot.State.Should().Be(EndpointState.Ejected);
            var seconds = (snapshot.Until!.Value - _time.GetUtcNow()).TotalSeconds;
            durations.Add(seconds);
            _time.Advance(TimeSpan.FromSeconds(seconds - 0.5));
            group.State("e2").Should().Be(EndpointState.Ejected, "not before its time");
            _time.Advance(TimeSpan.FromSeconds(0.501));
            group.State("e2").Should().Be(EndpointState.InTrial);
            var trial = group.AcquireOn("e2");
            trial.IsTrial.Should().BeTrue();
            trial.Complete(EndpointOutcome.Failure);
        }

        for (var i = 0; i < durations.Count; i++)
        {
            var nominal = Math.Min(30.0 * (i + 1), 300);
            durations[i].Should().BeInRange(nominal, nominal * 1.1, "ejection {0} lasts n x 30 s (at most 300 s) plus up to 10 % jitter", i + 1);
        }
    }

    [Fact]
    public void Trial_Success_RestoresTheEndpoint_AndOnlyOneCallIsTheTrial()
    {
        var group = Group(3);
        group.Record("e0", EndpointOutcome.Failure, times: 5);
        _time.Advance(TimeSpan.FromSeconds(34));
        group.State("e0").Should().Be(EndpointState.InTrial);

        var trial = group.AcquireOn("e0");
        var others = Enumerable.Range(0, 200).Select(_ =>
        {
            group.TryAcquire(out var lease);
            return lease;
        }).ToList();

        trial.IsTrial.Should().BeTrue();
        others.Should().NotContain(l => l.Endpoint!.Name == "e0", "while the trial is out, nothing else goes there");
        trial.Complete(EndpointOutcome.Success);
        others.ForEach(l => l.Complete(EndpointOutcome.Success));
        group.State("e0").Should().Be(EndpointState.Available);
        group.Snapshot("e0").EjectionCount.Should().Be(1, "the multiplier decays only while the endpoint stays healthy");
        group.Distribution(300)["e0"].Should().BeGreaterThan(50);
    }

    [Fact]
    public void Trial_CancelledByTheCaller_LeavesTheTrialForTheNextCall()
    {
        var group = Group(2);
        group.Record("e0", EndpointOutcome.Failure, times: 5);
        _time.Advance(TimeSpan.FromSeconds(34));

        var cancelled = group.AcquireOn("e0");
        cancelled.Complete(EndpointOutcome.Cancelled);

        group.State("e0").Should().Be(EndpointState.InTrial);
        var next = group.AcquireOn("e0");
        next.IsTrial.Should().BeTrue();
        next.Complete(EndpointOutcome.Success);
        group.State("e0").Should().Be(EndpointState.Available);
    }

    [Fact]
    public void EjectionCount_DecaysWhileTheEndpointStaysHealthy()
    {
        var group = Group(3);
        group.Record("e0", EndpointOutcome.Failure, times: 5);
        _time.Advance(TimeSpan.FromSeconds(34));
        group.AcquireOn("e0").Complete(EndpointOutcome.Failure); // second ejection: 60 s
        _time.Advance(TimeSpan.FromSeconds(67));
        group.AcquireOn("e0").Complete(EndpointOutcome.Success);

        _time.Advance(TimeSpan.FromSeconds(65)); // two quiet periods of 30 s
        group.Record("e0", EndpointOutcome.Failure, times: 5);

        var snapshot = group.Snapshot("e0");
        snapshot.EjectionCount.Should().Be(1);
        (snapshot.Until!.Value - _time.GetUtcNow()).TotalSeconds.Should().BeInRange(30, 33);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(10, 5)]
    public void MaxEjectionPercent_CapsOutlierEjections_AtLeastOne(int endpoints, int maxEjected)
    {
        var group = Group(endpoints);

        for (var i = 0; i < endpoints; i++)
        {
            group.Record($"e{i}", EndpointOutcome.Failure, times: 5);
        }

        var states = group.GetSnapshot().Endpoints.Select(e => e.State).ToList();
        states.Count(s => s == EndpointState.Ejected).Should().Be(maxEjected);
        group.GetSnapshot().Endpoints.Where(e => e.State == EndpointState.Available)
            .Should().OnlyContain(e => e.ConsecutiveFailures == 5, "they failed as often, but the cap kept them in rotation");
        group.TryAcquire(out var lease).Should().BeTrue("the cap keeps capacity in rotation");
        lease.Complete(EndpointOutcome.Success);
    }

    [Fact]
    public void MaxEjectionPercent_DoesNotLimitUnreachableEndpoints()
    {
        var group = Group(3);

        group.Record("e0", EndpointOutcome.Failure, times: 5);
        group.Record("e1", EndpointOutcome.Unreachable, times: 2);
        group.Record("e2", EndpointOutcome.Unreachable, times: 2);

        group.GetSnapshot().Endpoints.Select(e => e.State).Should().Equal(EndpointState.Ejected, EndpointState.Unreachable, EndpointState.Unreachable);
        group.TryAcquire(out _).Should().BeFalse("nothing can serve: a pick says so without throwing");
    }

    [Fact]
    public void LateAnswers_FromCallsStartedBeforeTheEjection_DoNotMoveTheEndpoint()
    {
        var group = Group(3);
        var late = group.AcquireOn("e1");
        group.Record("e1", EndpointOutcome.Failure, times: 5);

        late.Complete(EndpointOutcome.Success);

        group.State("e1").Should().Be(EndpointState.Ejected);
        group.Snapshot("e1").InFlight.Should().Be(0);
    }

    private EndpointGroup Group(int count) =>
        TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(77), _time, Enumerable.Repeat(1, count).ToArray());
}
