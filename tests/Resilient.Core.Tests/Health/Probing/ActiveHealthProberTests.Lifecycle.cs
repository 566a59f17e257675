namespace Resilient.Core.Tests.Health.Probing;

/// <summary>Starting, endpoint-set updates, re-reports, disposal and a faulty sink.</summary>
public sealed partial class ActiveHealthProberTests
{
    [Fact]
    public void Start_NotCalled_ProbesNothingUntilItIs()
    {
        var prober = Create(TestGroups.Runtimes(_time, 2), start: false);

        AdvanceTo(60);
        _probe.Calls.Should().BeEmpty();

        prober.Start();
        prober.Start();
        AdvanceTo(65);
        _probe.Calls.Select(Elapsed).Should().Equal(TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(65));
    }

    [Fact]
    public void Start_Disabled_ProbesNothing()
    {
        Create(TestGroups.Runtimes(_time, 2), Options(o => o.Enabled = false));

        AdvanceTo(60);

        _probe.Calls.Should().BeEmpty();
        _sink.Events.Should().BeEmpty();
    }

    [Fact]
    public void UpdateEndpoints_AddedEndpoint_StartsBeingProbedAndTheOthersKeepTheirSchedule()
    {
        var runtimes = TestGroups.Runtimes(_time, 2);
        var prober = Create(runtimes[..1]);
        AdvanceTo(18);

        prober.UpdateEndpoints(runtimes);
        AdvanceTo(40);

        _probe.Calls.Where(c => c.Name == "e0").Select(Elapsed).Should().Equal(Seconds(5, 15, 25, 35));
        _probe.Calls.Where(c => c.Name == "e1").Select(Elapsed).Should().Equal(Seconds(23, 33), "a new endpoint's first probe comes within one interval");
        prober.Count.Should().Be(2);
    }

    [Fact]
    public void UpdateEndpoints_KeptEndpoint_KeepsItsConsecutiveFailures()
    {
        _probe.Behaviour = _ => new ValueTask<ProbeResult>(ProbeResult.Unhealthy("down"));
        var runtimes = TestGroups.Runtimes(_time, 2);
        var prober = Create(runtimes[..1]);
        AdvanceTo(8);
        _sink.Events.Should().BeEmpty();

        prober.UpdateEndpoints(runtimes);
        AdvanceTo(15);

        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"));
    }

    [Fact]
    public void UpdateEndpoints_RemovedEndpoint_StopsBeingProbedAndItsProbeInFlightIsCancelledWithoutAVerdict()
    {
        _probe.Behaviour = c => c.Name == "e1" ? new ValueTask<ProbeResult>(UntilCancelled(c.Token)) : new ValueTask<ProbeResult>(ProbeResult.Healthy);
        var runtimes = TestGroups.Runtimes(_time, 2);
        var prober = Create(runtimes, Options(o => o.UnhealthyThreshold = 1));
        AdvanceTo(6);
        var inFlight = _probe.Calls.Single(c => c.Name == "e1");

        prober.UpdateEndpoints(runtimes[..1]);

        inFlight.Token.IsCancellationRequested.Should().BeTrue();
        AdvanceTo(60);
        _probe.CallsTo("e1").Should().Be(1);
        _probe.CallsTo("e0").Should().Be(6);
        _sink.Events.Should().Equal(new SinkEvent("e0", true, null));
        prober.Count.Should().Be(1);
    }

    [Fact]
    public void UpdateEndpoints_EndpointReaddedAfterRemoval_StartsAFreshHistory()
    {
        _probe.Behaviour = _ => new ValueTask<ProbeResult>(ProbeResult.Unhealthy("down"));
        var runtimes = TestGroups.Runtimes(_time, 1);
        var prober = Create(runtimes);
        AdvanceTo(6);

        prober.UpdateEndpoints([]);
        prober.UpdateEndpoints(runtimes);
        AdvanceTo(11);
        _sink.Events.Should().BeEmpty("the failure before the removal does not count");

        AdvanceTo(21);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"));
    }

    [Fact]
    public void RequestReport_AfterAVerdict_TheSameVerdictIsReportedAgainOnTheNextProbe()
    {
        var runtimes = TestGroups.Runtimes(_time, 1);
        var prober = Create(runtimes);
        AdvanceTo(15);
        _sink.Events.Should().HaveCount(1);

        prober.RequestReport(runtimes[0]).Should().BeTrue();
        AdvanceTo(25);

        _sink.Events.Should().Equal(new SinkEvent("e0", true, null), new SinkEvent("e0", true, null));
        prober.RequestReport(TestGroups.Runtimes(_time, 1)[0]).Should().BeFalse("that runtime is not probed");
    }

    [Fact]
    public void Dispose_WithProbesInFlight_ReturnsAtOnceCancelsThemReportsNothingAndProbesNoMore()
    {
        var ignoring = new TaskCompletionSource<ProbeResult>();
        _probe.Behaviour = c => c.Name == "e0" ? new ValueTask<ProbeResult>(UntilCancelled(c.Token)) : new ValueTask<ProbeResult>(ignoring.Task);
        var runtimes = TestGroups.Runtimes(_time, 2);
        var prober = Create(runtimes, Options(o => o.UnhealthyThreshold = 1));
        AdvanceTo(5);
        _probe.Calls.Should().HaveCount(2);

        prober.DisposeAsync().IsCompletedSuccessfully.Should().BeTrue("disposal waits for no probe, not even one that ignores its token");

        _probe.Calls.Single(c => c.Name == "e0").Token.IsCancellationRequested.Should().BeTrue();
        ignoring.SetResult(ProbeResult.Unhealthy("late"));
        AdvanceTo(120);
        prober.Dispose();
        prober.Start();
        prober.UpdateEndpoints(runtimes);
        AdvanceTo(240);
        _probe.Calls.Should().HaveCount(2);
        _sink.Events.Should().BeEmpty();
        prober.Count.Should().Be(0);
    }

    [Fact]
    public void Sink_Throws_ProbingGoesOnAndLaterTransitionsAreStillReported()
    {
        _sink.Throw = true;
        _probe.Behaviour = c => new ValueTask<ProbeResult>(c.Index == 0 ? ProbeResult.Unhealthy("down") : ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1), Options(o => o.UnhealthyThreshold = 1));

        AdvanceTo(35);

        _probe.Calls.Should().HaveCount(4);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"), new SinkEvent("e0", true, null));
    }

    [Theory]
    [InlineData("Interval", "ActiveHealth:Interval")]
    [InlineData("Timeout", "ActiveHealth:Timeout")]
    [InlineData("UnhealthyThreshold", "ActiveHealth:UnhealthyThreshold")]
    [InlineData("HealthyThreshold", "ActiveHealth:HealthyThreshold")]
    [InlineData("Path", "ActiveHealth:Path")]
    public void Constructor_InvalidOption_ThrowsNamingTheGroupAndTheKey(string property, string key)
    {
        var options = Options(o =>
        {
            switch (property)
            {
                case "Interval": o.Interval = TimeSpan.Zero; break;
                case "Timeout": o.Timeout = TimeSpan.FromSeconds(-1); break;
                case "UnhealthyThreshold": o.UnhealthyThreshold = 0; break;
                case "HealthyThreshold": o.HealthyThreshold = 0; break;
                default: o.Path = "healthz"; break;
            }
        });

        var act = () => new ActiveHealthProber("orders", options, _probe, _sink, _time, new ScriptedRandomSource(Half));

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("'orders'").And.Contain(key);
    }

    private static TimeSpan[] Seconds(params double[] values) => values.Select(TimeSpan.FromSeconds).ToArray();
}
