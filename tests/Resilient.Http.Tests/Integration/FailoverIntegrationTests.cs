namespace Resilient.Http.Tests.Integration;

/// <summary>Real Kestrel backends on 127.0.0.1: stopped, failing, slow; what the caller sees.</summary>
public sealed class FailoverIntegrationTests
{
    [Fact]
    public async Task OneOfThreeBackendsStopped_DuringThreeThousandGets_NoCallFails()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var harness = GroupClientHarness.Create(cluster);
        var stoppedAt = -1L;
        var runtime = harness.Group.FindRuntime("b")!;

        var results = await harness.RunAsync(3_000, concurrency: 16, between: async i =>
        {
            if (i == 1_000)
            {
                await cluster["b"].StopAsync();
                Interlocked.Exchange(ref stoppedAt, runtime.CompletedCount + runtime.InFlight);
            }
        });

        results.Failed.Should().Be(0, "every attempt on the stopped backend fails over: {0}", string.Join(" | ", results.Errors.Take(3)));
        var afterStop = runtime.CompletedCount - Interlocked.Read(ref stoppedAt);
        afterStop.Should().BeLessThanOrEqualTo(16 + 2, "after the backend stopped only the attempts already racing towards it, two confirmations and backoff-spaced trials reach it");
        harness.Group.Snapshot("b").State.Should().BeOneOf(EndpointState.Unreachable, EndpointState.InTrial);
        results.ByBackend.Should().ContainKeys("a", "c");
    }

    [Fact]
    public async Task PrimaryTierStopped_AllTrafficGoesToTheStandby_AndReturnsWhenThePrimariesRestart()
    {
        await using var cluster = await LoopbackCluster.StartAsync("p1", "p2", "dr");
        await using var harness = GroupClientHarness.Create(cluster, tier: b => b.Name == "dr" ? 1 : 0);
        (await harness.RunAsync(200, 8)).ByBackend.Should().NotContainKey("dr");

        await cluster["p1"].StopAsync();
        await cluster["p2"].StopAsync();
        var down = await harness.RunAsync(600, 8);

        down.Failed.Should().Be(0);
        down.ByBackend.Keys.Should().Equal("dr");

        await cluster["p1"].RestartAsync();
        await cluster["p2"].RestartAsync();
        var back = new CallResults();
        for (var round = 0; round < 60 && back.ByBackend.GetValueOrDefault("dr", 1) > 0; round++)
        {
            await Task.Delay(100);
            back = await harness.RunAsync(100, 4);
        }

        back.Failed.Should().Be(0);
        back.ByBackend.Should().NotContainKey("dr", "traffic returns to the primary tier once trials succeed");
    }

    [Fact]
    public async Task BackendAnswering500_IsEjectedAfterFiveFailures_NoCallFails_AndReturnsAfterItHeals()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.RoundRobin);
        cluster["c"].StatusCode = 500;

        var sick = await harness.RunAsync(600, 4);

        sick.Failed.Should().Be(0);
        cluster["c"].RequestCount.Should().BeInRange(5, 12, "5 failures eject it; a trial after each 1 s ejection may add one");
        var snapshot = harness.Group.Snapshot("c");
        snapshot.State.Should().BeOneOf(EndpointState.Ejected, EndpointState.InTrial);

        cluster["c"].StatusCode = 200;
        var healed = new CallResults();
        for (var round = 0; round < 40 && healed.ByBackend.GetValueOrDefault("c") == 0; round++)
        {
            await Task.Delay(100);
            healed = await harness.RunAsync(60, 2);
        }

        healed.ByBackend.GetValueOrDefault("c").Should().BeGreaterThan(0, "a successful trial re-admits it");
        harness.Group.Snapshot("c").State.Should().Be(EndpointState.Available);
    }

    [Fact]
    public async Task AllBackendsStopped_CallsFailFastWithAClearError_AndResumeWhenOneReturns()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var harness = GroupClientHarness.Create(cluster);
        await harness.RunAsync(30, 3);
        foreach (var backend in cluster.Backends)
        {
            await backend.StopAsync();
        }

        var attemptsBefore = harness.Group.GetSnapshot().Endpoints.Sum(e => e.CompletedCount);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var down = await harness.RunAsync(500, 4);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var attempts = harness.Group.GetSnapshot().Endpoints.Sum(e => e.CompletedCount) - attemptsBefore;

        down.Failed.Should().Be(500);
        down.Errors[0].Should().Contain("Endpoint group 'catalog'");
        down.Errors.Should().Contain(e => e.Contains("no endpoint is available", StringComparison.Ordinal));
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "calls fail fast instead of waiting for timeouts");
        ((double)attempts / 500).Should().BeLessThanOrEqualTo(1.2 + (10.0 * Math.Max(1, elapsed.TotalSeconds) / 500), "retries stay within 20 % of calls plus the floor of 10 per second");

        await cluster["b"].RestartAsync();
        var back = new CallResults();
        for (var round = 0; round < 80 && back.ByBackend.GetValueOrDefault("b") == 0; round++)
        {
            await Task.Delay(100);
            back = await harness.RunAsync(20, 2);
        }

        back.ByBackend.GetValueOrDefault("b").Should().BeGreaterThan(0, "traffic resumes without a restart of the client");
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetried_AndNotHeldAgainstTheEndpoint()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].Delay = TimeSpan.FromSeconds(5);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var act = () => harness.Client.GetAsync("/items", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        cluster["b"].RequestCount.Should().Be(0, "a cancelled call is not retried elsewhere");
        var a = harness.Group.Snapshot("a");
        (a.State, a.ConsecutiveFailures).Should().Be((EndpointState.Available, 0));
    }

    [Fact]
    public async Task Throttled_With429AndRetryAfter_TheEndpointIsSkippedForThatLong()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].StatusCode = 429;
        cluster["a"].RetryAfter = TimeSpan.FromSeconds(2);

        using (var first = await harness.Client.GetAsync("/items"))
        {
            first.IsSuccessStatusCode.Should().BeTrue("a throttled GET fails over");
        }

        cluster["a"].StatusCode = 200;
        var during = await harness.RunAsync(50, 2);
        harness.Group.Snapshot("a").State.Should().Be(EndpointState.Throttled);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        harness.Group.Snapshot("a").State.Should().Be(EndpointState.Throttled, "still inside its 2 s pause");

        // The pause ends on the group's timer; under load the thread pool may run it a little late.
        for (var i = 0; i < 100 && harness.Group.Snapshot("a").State != EndpointState.Available; i++)
        {
            await Task.Delay(20);
        }

        var after = await harness.RunAsync(20, 1);

        cluster["a"].RequestCount.Should().Be(1 + after.ByBackend.GetValueOrDefault("a"));
        during.ByBackend.Keys.Should().Equal("b");
        after.ByBackend.GetValueOrDefault("a").Should().Be(20, "FirstAvailable returns to 'a' once its pause is over");
    }
}
