using System.Text.Json;
using Resilient.Drills.Tests.Backends;

namespace Resilient.Drills.Tests.Integration;

/// <summary>Short drills against real Kestrel backends through a real client: what the report says callers saw.</summary>
public sealed class DrillRunnerTests
{
    [Fact]
    public async Task RunAsync_EndpointTakenDownAndRestored_NoCallFails_AndTheReportTimesHowTrafficLeftAndReturned()
    {
        await using var harness = await DrillHarness.StartAsync();
        var script = new DrillScript("take a down")
            .Phase("steady", TimeSpan.FromMilliseconds(600))
            .Phase("a down", TimeSpan.FromMilliseconds(500), DrillAction.TakeDown(DrillTarget.Endpoint("a")))
            .Phase("restored", TimeSpan.FromMilliseconds(2000), DrillAction.Restore(DrillTarget.Endpoint("a")));
        var samples = 0;

        var report = await harness.Runner(new DrillOptions { OnSample = _ => { samples++; return ValueTask.CompletedTask; } })
            .RunAsync(script, DrillTraffic.Http(harness.Client, "/items", requestsPerSecond: 100, concurrency: 8));

        report.FailedCalls.Should().Be(0, report.ToText());
        report.Succeeded.Should().BeTrue();
        report.Calls.Should().BeInRange(220, 340, "100 calls per second for 3.1 s");
        report.Retries.Should().BeGreaterThan(0, "the refused attempts were retried");
        report.Phases.Select(p => p.Name).Should().Equal("steady", "a down", "restored");
        report.Phases[1].TrafficShare["a"].Should().BeLessThan(0.15, "only the attempts that found it down, and perhaps a trial, went there");
        report.Phases[0].TrafficShare["dr"].Should().Be(0, "the standby takes nothing while the primaries are up");
        report.Samples.Should().HaveCount(samples).And.HaveCountGreaterThan(8);
        harness["a"].RequestCount.Should().BeGreaterThan(0);

        using var scope = new FluentAssertions.Execution.AssertionScope();
        scope.AddReportable("report", report.ToText);
        var episode = report.Endpoints.Single(e => e.Name == "a").Episodes.Should().ContainSingle().Which;
        episode.Faults.Should().Equal("take a down");
        episode.Start.Should().Be(report.Phases[1].Start);
        episode.TrafficLeftAfter.Should().NotBeNull().And.BeLessThan(TimeSpan.FromMilliseconds(250));
        episode.LeftRotationAs.Should().Be(EndpointState.Unreachable);
        episode.LeftRotationAfter.Should().BeLessThan(TimeSpan.FromMilliseconds(250));
        episode.FailedAttempts.Should().BeGreaterThanOrEqualTo(2, "two refusals mark it unreachable");
        episode.RestoredAt.Should().NotBeNull();
        episode.BackInRotationAfter.Should().NotBeNull("the first trial comes within a second of the fault and, after the restore, succeeds").And.BeLessThan(TimeSpan.FromSeconds(1.1));
        episode.TrafficReturnedAfter.Should().NotBeNull().And.BeLessThan(TimeSpan.FromSeconds(1.2));
        report.Endpoints.Where(e => e.Name != "a").Should().OnlyContain(e => e.Episodes.Count == 0);
        harness.Chaos.Faults.Should().BeEmpty("the drill leaves nothing behind");
    }

    [Fact]
    public async Task RunAsync_RestoreOfOneFaultWhileAWiderOneBegins_IsOneEpisode_AndEverythingIsUndoneAtTheEnd()
    {
        await using var harness = await DrillHarness.StartAsync();
        var restored = 0;
        var script = new DrillScript("overlap")
            .Phase("steady", TimeSpan.FromMilliseconds(300))
            .Phase("b fails", TimeSpan.FromMilliseconds(300), DrillAction.Fail(DrillTarget.Endpoint("b"), 503), DrillAction.Custom("page someone", _ => ValueTask.CompletedTask, _ => { restored++; return ValueTask.CompletedTask; }))
            .Phase("zone down", TimeSpan.FromMilliseconds(300), DrillAction.Restore(DrillTarget.Endpoint("b")), DrillAction.TakeDown(DrillTarget.Tier(0)));

        var report = await harness.Runner().RunAsync(script, DrillTraffic.Callback(_ => ValueTask.FromResult(true), requestsPerSecond: 20, concurrency: 1));

        var b = report.Endpoints.Single(e => e.Name == "b").Episodes.Should().ContainSingle().Which;
        b.Faults.Should().Equal("b answers 503", "take tier 0 down");
        b.RestoredAt.Should().NotBeNull("the drill's end undoes what is still in force").And.BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(850));
        report.Endpoints.Single(e => e.Name == "a").Episodes.Should().ContainSingle().Which.Faults.Should().Equal("take tier 0 down");
        report.Endpoints.Single(e => e.Name == "dr").Episodes.Should().BeEmpty();
        restored.Should().Be(1);
        harness.Chaos.Faults.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_CallbackTraffic_CountsWhatTheCallerSaw()
    {
        await using var harness = await DrillHarness.StartAsync();
        var calls = 0;
        var traffic = DrillTraffic.Callback(
            _ => Interlocked.Increment(ref calls) % 5 == 0 ? throw new InvalidOperationException("boom") : ValueTask.FromResult(Volatile.Read(ref calls) % 5 != 1),
            requestsPerSecond: 100,
            concurrency: 4);

        var report = await harness.Runner().RunAsync(new DrillScript("callbacks").Phase("only", TimeSpan.FromMilliseconds(800)), traffic);

        report.Calls.Should().Be(calls).And.BeInRange(60, 100);
        report.FailedCalls.Should().BeCloseTo(report.Calls * 2 / 5, 4);
        report.Errors.Select(e => e.Key).Should().BeEquivalentTo("the callback returned false", "InvalidOperationException: boom");
        report.Phases.Should().ContainSingle().Which.Calls.Should().Be(report.Calls);
    }

    [Fact]
    public async Task RunAsync_Cancelled_UndoesWhatItDid_AndThrows()
    {
        await using var harness = await DrillHarness.StartAsync();
        var restored = false;
        var script = new DrillScript("cut short")
            .Phase("down", TimeSpan.FromSeconds(30), DrillAction.TakeDown(DrillTarget.Zone("z1")), DrillAction.Custom("stop a process", _ => ValueTask.CompletedTask, _ => { restored = true; return ValueTask.CompletedTask; }));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        var run = () => harness.Runner().RunAsync(script, DrillTraffic.Http(harness.Client, "/", 50, 2), cancel.Token);

        await run.Should().ThrowAsync<OperationCanceledException>();
        restored.Should().BeTrue();
        harness.Chaos.Faults.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_FaultsWithoutEnabledChaos_FailBeforeAnythingRuns()
    {
        await using var harness = await DrillHarness.StartAsync(chaosEnabled: false);
        var script = new DrillScript("d").Phase("down", TimeSpan.FromSeconds(1), DrillAction.TakeDown(DrillTarget.Endpoint("a")));
        var before = harness["a"].RequestCount + harness["b"].RequestCount;

        var run = () => harness.Runner().RunAsync(script, DrillTraffic.Http(harness.Client));

        (await run.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain($"chaos is disabled for group '{harness.GroupName}'").And.Contain($"Resilient:Groups:{harness.GroupName}:Chaos:Enabled");
        (harness["a"].RequestCount + harness["b"].RequestCount).Should().Be(before, "no traffic was sent");
    }

    [Fact]
    public async Task RunAsync_TargetMatchingNoEndpoint_ThrowsNamingThePhaseAndTheTarget()
    {
        await using var harness = await DrillHarness.StartAsync();
        var script = new DrillScript("d").Phase("typo", TimeSpan.FromSeconds(1), DrillAction.Slow(DrillTarget.Zone("z9"), TimeSpan.FromSeconds(1)));

        var run = () => harness.Runner().RunAsync(script, DrillTraffic.Http(harness.Client));

        (await run.Should().ThrowAsync<ArgumentException>()).Which.Message.Should()
            .StartWith($"Drill 'd', phase 'typo', action 'slow zone z9 by 1000 ms': zone z9 matches no endpoint of group '{harness.GroupName}'");
    }

    [Fact]
    public async Task Report_RendersAsTextAndJson()
    {
        await using var harness = await DrillHarness.StartAsync();
        var script = new DrillScript("render")
            .Phase("steady", TimeSpan.FromMilliseconds(400))
            .Phase("b slow", TimeSpan.FromMilliseconds(400), DrillAction.Slow(DrillTarget.Endpoint("b"), TimeSpan.FromMilliseconds(50)));

        var report = await harness.Runner().RunAsync(script, DrillTraffic.Http(harness.Client, "/", 50, 4));

        var text = report.ToText();
        text.Should().StartWith($"Drill 'render' on group '{harness.GroupName}' (RoundRobin), ").And.Contain("slow b by 50 ms").And.Contain("Traffic share per phase");
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        root.GetProperty("calls").GetInt64().Should().Be(report.Calls);
        root.GetProperty("failedCalls").GetInt64().Should().Be(0);
        root.GetProperty("phases").GetArrayLength().Should().Be(2);
        root.GetProperty("phases")[1].GetProperty("latencySeconds").GetProperty("p99").GetDouble().Should().BeGreaterThanOrEqualTo(0.05, "round robin keeps sending to the slow endpoint");
        root.GetProperty("endpoints")[1].GetProperty("episodes")[0].GetProperty("faults")[0].GetString().Should().Be("slow b by 50 ms");
        root.GetProperty("samples").GetArrayLength().Should().Be(report.Samples.Count);
    }
}
