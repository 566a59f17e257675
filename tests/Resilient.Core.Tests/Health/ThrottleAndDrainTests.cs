using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

public sealed class ThrottleAndDrainTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(5.0, 5.0)]
    [InlineData(120.0, 60.0)] // capped at 60 s
    [InlineData(0.0, 1.0)]    // no Retry-After: 1 s
    public void Throttled_EndpointIsSkippedForRetryAfter_ThenReturnsByItself(double retryAfter, double expected)
    {
        var group = Group();

        group.Record("e0", EndpointOutcome.Throttled, TimeSpan.FromSeconds(retryAfter));

        group.State("e0").Should().Be(EndpointState.Throttled);
        group.Distribution(100)["e0"].Should().Be(0);
        _time.Advance(TimeSpan.FromSeconds(expected - 0.01));
        group.State("e0").Should().Be(EndpointState.Throttled);
        _time.Advance(TimeSpan.FromSeconds(0.02));
        group.State("e0").Should().Be(EndpointState.Available);
        group.Distribution(300)["e0"].Should().BeInRange(80, 120);
    }

    [Fact]
    public void Drain_WithAttemptsInFlight_TheyFinishAndNoNewOnesStart()
    {
        var group = Group();
        var inFlight = new[] { group.AcquireOn("e1"), group.AcquireOn("e1") };

        group.Drain("e1").Should().BeTrue();

        group.State("e1").Should().Be(EndpointState.Drained);
        group.Snapshot("e1").InFlight.Should().Be(2);
        group.Distribution(300)["e1"].Should().Be(0);
        inFlight[0].Complete(EndpointOutcome.Success).Should().BeTrue();
        inFlight[1].Complete(EndpointOutcome.Success).Should().BeTrue();
        group.Snapshot("e1").InFlight.Should().Be(0);
        group.State("e1").Should().Be(EndpointState.Drained);

        group.Restore("e1");
        group.State("e1").Should().Be(EndpointState.Available);
    }

    [Fact]
    public void Drain_OfAnEjectedEndpoint_WinsUntilRestored()
    {
        var group = Group();
        group.Record("e2", EndpointOutcome.Failure, times: 5);

        group.Drain("e2");
        _time.Advance(TimeSpan.FromSeconds(40));

        group.State("e2").Should().Be(EndpointState.Drained);
        group.Distribution(100)["e2"].Should().Be(0, "a drained endpoint gets no trial either");
        group.Restore("e2");
        group.State("e2").Should().Be(EndpointState.InTrial);
    }

    private EndpointGroup Group() =>
        TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(5), _time, 1, 1, 1);
}
