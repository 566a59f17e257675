using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health.Probing;

/// <summary>
/// Scheduling and verdicts. Unless a test scripts otherwise, every random draw is 0.5, so each endpoint is first
/// probed 5 s after Start and then exactly every 10 s (5, 15, 25, ...). Probes that answer synchronously make every
/// verdict happen inside the clock step that fires the probe.
/// </summary>
public sealed partial class ActiveHealthProberTests : IDisposable
{
    /// <summary>A draw for which <see cref="RandomSource.NextDouble"/> is exactly 0.5.</summary>
    private const ulong Half = 1UL << 63;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _start;
    private readonly RecordingSink _sink = new();
    private readonly FakeProbe _probe;
    private readonly List<ActiveHealthProber> _probers = [];

    public ActiveHealthProberTests()
    {
        _start = _time.GetUtcNow();
        _probe = new FakeProbe(_time);
    }

    [Fact]
    public void Start_FirstProbes_SpreadOverOneIntervalByTheRandomSource()
    {
        var runtimes = TestGroups.Runtimes(_time, 2);
        Create(runtimes, random: new ScriptedRandomSource(Draw(0.25), Draw(0.75), Half));

        AdvanceTo(8);

        _probe.Calls.Select(c => Elapsed(c)).Should().BeEquivalentTo([TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(7.5)]);
        _probe.Calls.Select(c => c.Name).Should().BeEquivalentTo(["e0", "e1"]);
    }

    [Fact]
    public void Tick_ScriptedExtremeDraws_NextProbeComesAfterNinetyAndAfterOneHundredTenPercentOfTheInterval()
    {
        Create(TestGroups.Runtimes(_time, 1), random: new ScriptedRandomSource(Half, 0, ulong.MaxValue, Half));

        AdvanceTo(40);

        var times = _probe.Calls.Select(Elapsed).ToArray();
        times.Should().HaveCount(4);
        times[0].Should().Be(TimeSpan.FromSeconds(5));
        times[1].Should().Be(TimeSpan.FromSeconds(14), "the lowest draw shortens the interval by 10 %");
        times[2].Should().BeCloseTo(TimeSpan.FromSeconds(25), TimeSpan.FromMilliseconds(1), "the highest draw lengthens it by (almost) 10 %");
        times[3].Should().BeCloseTo(TimeSpan.FromSeconds(35), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Tick_SeededJitter_EveryGapWithinTenPercentOfTheIntervalAndGapsVary()
    {
        Create(TestGroups.Runtimes(_time, 3), random: new SeededRandomSource(42));

        AdvanceTo(600);

        var gaps = new List<TimeSpan>();
        foreach (var name in new[] { "e0", "e1", "e2" })
        {
            var times = _probe.Calls.Where(c => c.Name == name).Select(Elapsed).ToArray();
            times.Length.Should().BeInRange(54, 67, $"{name} is probed about every 10 s for 600 s");
            times[0].Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromSeconds(10));
            for (var i = 1; i < times.Length; i++)
            {
                gaps.Add(times[i] - times[i - 1]);
            }
        }

        gaps.Should().OnlyContain(g => g >= TimeSpan.FromSeconds(9) && g < TimeSpan.FromSeconds(11));
        gaps.Distinct().Count().Should().BeGreaterThan(gaps.Count / 2, "the intervals are jittered, not fixed");
        _probe.Calls.Where(c => c.Name == "e0").Select(Elapsed)
            .Should().NotIntersectWith(_probe.Calls.Where(c => c.Name == "e1").Select(Elapsed), "endpoints do not probe in lockstep");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Probe_ConsecutiveFailures_ReportUnhealthyOnceWhenTheThresholdIsReachedAndNotBefore(int threshold)
    {
        _probe.Behaviour = _ => new ValueTask<ProbeResult>(ProbeResult.Unhealthy("HTTP 503"));
        Create(TestGroups.Runtimes(_time, 1), Options(o => o.UnhealthyThreshold = threshold));

        AdvanceTo(5 + (10 * (threshold - 1)) - 1);
        _probe.Calls.Should().HaveCount(threshold - 1);
        _sink.Events.Should().BeEmpty();

        AdvanceTo(5 + (10 * (threshold - 1)));
        _probe.Calls.Should().HaveCount(threshold);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "HTTP 503"));

        AdvanceTo(100);
        _sink.Events.Should().HaveCount(1, "the sink hears transitions, not every failed probe");
    }

    [Fact]
    public void Probe_DefaultThreshold_OneFailureIsNotEnoughButTwoInARowAre()
    {
        _probe.Behaviour = _ => new ValueTask<ProbeResult>(ProbeResult.Unhealthy("refused"));
        Create(TestGroups.Runtimes(_time, 1));

        AdvanceTo(5);
        _sink.Events.Should().BeEmpty();

        AdvanceTo(15);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "refused"));
    }

    [Fact]
    public void Probe_FailuresNotInARow_NeverReportUnhealthy()
    {
        _probe.Behaviour = c => new ValueTask<ProbeResult>(c.Index % 2 == 0 ? ProbeResult.Unhealthy("flaky") : ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1));

        AdvanceTo(100);

        _probe.Calls.Should().HaveCount(10);
        _sink.Events.Should().Equal(new SinkEvent("e0", true, null));
    }

    [Fact]
    public void Probe_HealthyEndpoint_IsReportedHealthyOnceOnItsFirstProbe()
    {
        Create(TestGroups.Runtimes(_time, 2));

        AdvanceTo(5);
        _sink.Events.Should().BeEquivalentTo([new SinkEvent("e0", true, null), new SinkEvent("e1", true, null)]);

        AdvanceTo(100);
        _sink.Events.Should().HaveCount(2);
    }

    [Fact]
    public void Probe_OneSuccessAfterUnhealthy_ReportsHealthyOnce()
    {
        _probe.Behaviour = c => new ValueTask<ProbeResult>(c.Index < 2 ? ProbeResult.Unhealthy("down") : ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1));

        AdvanceTo(15);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"));

        AdvanceTo(25);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"), new SinkEvent("e0", true, null));

        AdvanceTo(100);
        _sink.Events.Should().HaveCount(2);
    }

    [Fact]
    public void Probe_HealthyThresholdThree_RecoveryNeedsThreeSuccessesInARow()
    {
        // F F | S S F | S S S
        _probe.Behaviour = c => new ValueTask<ProbeResult>(c.Index is 0 or 1 or 4 ? ProbeResult.Unhealthy("down") : ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1), Options(o => o.HealthyThreshold = 3));

        AdvanceTo(74);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"));

        AdvanceTo(75);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "down"), new SinkEvent("e0", true, null));
    }

    [Fact]
    public void Probe_Throws_CountsAsAFailureWithTheExceptionInTheReason()
    {
        _probe.Behaviour = c => c.Index == 0
            ? throw new InvalidOperationException("boom")
            : ValueTask.FromException<ProbeResult>(new HttpRequestException("connection refused"));
        Create(TestGroups.Runtimes(_time, 1));

        AdvanceTo(15);

        _sink.Events.Should().ContainSingle().Which.Should().Match<SinkEvent>(e => !e.Healthy && e.Reason!.Contains("connection refused"));
    }

    [Fact]
    public async Task Probe_HonoursItsTokenButNeverAnswers_FailsAtTheTimeoutAndTheNextTickProbesAgain()
    {
        _probe.Behaviour = c => c.Index == 0 ? new ValueTask<ProbeResult>(UntilCancelled(c.Token)) : new ValueTask<ProbeResult>(ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1), Options(o => o.UnhealthyThreshold = 1));

        AdvanceTo(5);
        Advance(TimeSpan.FromMilliseconds(1999));
        _sink.Events.Should().BeEmpty();
        _probe.Calls.Single().Token.IsCancellationRequested.Should().BeFalse();

        Advance(TimeSpan.FromMilliseconds(1));
        _probe.Calls.Single().Token.IsCancellationRequested.Should().BeTrue("the probe's token is cancelled at the timeout");
        await _sink.WaitForAsync(1);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "no answer within 2000 ms"));

        AdvanceTo(15);
        _probe.Calls.Select(Elapsed).Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        await _sink.WaitForAsync(2);
        _sink.Events[1].Should().Be(new SinkEvent("e0", true, null));
    }

    [Fact]
    public async Task Probe_IgnoresItsTokenAndHangs_FailsAtTheTimeoutAndAtEachBlockedTickWithoutASecondCall()
    {
        var hung = new TaskCompletionSource<ProbeResult>();
        _probe.Behaviour = c => c.Index == 0 ? new ValueTask<ProbeResult>(hung.Task) : new ValueTask<ProbeResult>(ProbeResult.Healthy);
        var runtimes = TestGroups.Runtimes(_time, 1);
        var prober = Create(runtimes, Options(o => o.UnhealthyThreshold = 1));

        AdvanceTo(7);
        await _sink.WaitForAsync(1);
        _sink.Events.Should().Equal(new SinkEvent("e0", false, "no answer within 2000 ms"));

        // Forget the verdict, so the failure the blocked tick counts is reported again.
        prober.RequestReport(runtimes[0]);
        AdvanceTo(15);
        await _sink.WaitForAsync(2);
        _sink.Events[1].Should().Be(new SinkEvent("e0", false, "no answer within 2000 ms"));
        _probe.Calls.Should().HaveCount(1, "no second probe while the first has not returned");

        hung.SetResult(ProbeResult.Healthy);
        _sink.Events.Should().HaveCount(2, "the late answer of the abandoned probe is not a verdict");
        AdvanceTo(25);
        await _sink.WaitForAsync(3);
        _probe.Calls.Select(Elapsed).Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25));
        _sink.Events[2].Should().Be(new SinkEvent("e0", true, null));
        _probe.MaxInFlightPerEndpoint.Should().Be(1);
    }

    [Fact]
    public async Task Tick_SlowProbeSpanningSeveralIntervals_IsNeverOverlappedAndTheNextTickAfterItProbesAgain()
    {
        var slow = new TaskCompletionSource<ProbeResult>();
        _probe.Behaviour = c => c.Index == 0 ? new ValueTask<ProbeResult>(slow.Task) : new ValueTask<ProbeResult>(ProbeResult.Healthy);
        Create(TestGroups.Runtimes(_time, 1), Options(o => o.Timeout = TimeSpan.FromSeconds(60)));

        AdvanceTo(50);
        _probe.Calls.Should().HaveCount(1, "the ticks at 15, 25, 35 and 45 s found the probe still running");

        slow.SetResult(ProbeResult.Healthy);
        await _sink.WaitForAsync(1);
        _sink.Events.Should().Equal(new SinkEvent("e0", true, null));
        AdvanceTo(55);

        _probe.Calls.Select(Elapsed).Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(55));
        _probe.MaxInFlightPerEndpoint.Should().Be(1);
    }

    public void Dispose()
    {
        foreach (var prober in _probers)
        {
            prober.Dispose();
        }
    }

    /// <summary>What a well-behaved probe that never gets an answer does: fail when its token is cancelled.</summary>
    private static Task<ProbeResult> UntilCancelled(CancellationToken token)
    {
        var pending = new TaskCompletionSource<ProbeResult>();
        token.Register(() => pending.TrySetCanceled(token));
        return pending.Task;
    }

    private static ulong Draw(double fraction) => (ulong)(fraction * (1UL << 53)) << 11;

    private static ActiveHealthOptions Options(Action<ActiveHealthOptions>? configure = null)
    {
        var options = new ActiveHealthOptions { Enabled = true };
        configure?.Invoke(options);
        return options;
    }

    private ActiveHealthProber Create(EndpointRuntime[] runtimes, ActiveHealthOptions? options = null, RandomSource? random = null, bool start = true)
    {
        var prober = new ActiveHealthProber("test", options ?? Options(), _probe, _sink, _time, random ?? new ScriptedRandomSource(Half));
        _probers.Add(prober);
        prober.UpdateEndpoints(runtimes);
        if (start)
        {
            prober.Start();
        }

        return prober;
    }

    /// <summary>
    /// Moves the clock to <paramref name="seconds"/> after the start in 1 ms steps. FakeTimeProvider sets the clock to
    /// the end of a step before it fires the timers due in it, and a timer re-armed in its callback counts from there,
    /// so fine steps keep every tick on time.
    /// </summary>
    private void AdvanceTo(double seconds) => RunTo(_start + TimeSpan.FromSeconds(seconds));

    private void Advance(TimeSpan delta) => RunTo(_time.GetUtcNow() + delta);

    private void RunTo(DateTimeOffset target)
    {
        while (_time.GetUtcNow() < target)
        {
            var next = _time.GetUtcNow() + Step;
            _time.SetUtcNow(next < target ? next : target);
        }
    }

    private TimeSpan Elapsed(ProbeCall call) => call.At - _start;
}
