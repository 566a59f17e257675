using System.Net;

namespace Resilient.Http.Tests.Integration;

public sealed class HedgingIntegrationTests
{
    [Fact]
    public async Task Get_SlowFirstEndpoint_IsHedgedToAnother_FirstAnswerWins_TheLoserIsCancelled()
    {
        await using var cluster = await LoopbackCluster.StartAsync("slow", "fast");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.LoadBalancer = LoadBalancers.FirstAvailable;
            g.Failover.HedgingDelay = "00:00:00.050";
        });
        cluster["slow"].Delay = TimeSpan.FromSeconds(3);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        using var response = await harness.Client.GetAsync("/items/1");

        System.Diagnostics.Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(2));
        (await response.Content.ReadAsStringAsync()).Should().Be("fast");
        response.RequestMessage!.RequestUri!.Port.Should().Be(cluster["fast"].Port);
        var loser = cluster["slow"].Requests.Should().ContainSingle().Subject;
        (await loser.Finished.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(RequestOutcome.Aborted, "the losing attempt is cancelled");
        for (var i = 0; i < 50 && harness.Group.Snapshot("slow").InFlight != 0; i++)
        {
            await Task.Delay(20);
        }

        harness.Group.Snapshot("slow").InFlight.Should().Be(0);
        harness.Group.Snapshot("slow").ConsecutiveFailures.Should().Be(0, "a cancelled hedge is not held against the endpoint");
        harness.Group.Failover.Budget.Current.Retries.Should().Be(1, "the hedge drew on the retry budget");
    }

    [Fact]
    public async Task Post_IsNeverHedged()
    {
        await using var cluster = await LoopbackCluster.StartAsync("slow", "fast");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.LoadBalancer = LoadBalancers.FirstAvailable;
            g.Failover.HedgingDelay = "00:00:00.020";
        });
        cluster["slow"].Delay = TimeSpan.FromMilliseconds(300);

        using var response = await harness.Client.PostAsync("/orders", new StringContent("once"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["slow"].RequestCount.Should().Be(1);
        cluster["fast"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Get_HedgedAttemptFails_TheOtherStillWins_AndEveryLoserResponseIsDisposed()
    {
        await using var cluster = await LoopbackCluster.StartAsync("slow", "broken", "ok");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.LoadBalancer = LoadBalancers.FirstAvailable;
            g.Failover.HedgingDelay = "00:00:00.030";
        });
        cluster["slow"].Delay = TimeSpan.FromMilliseconds(400);
        cluster["broken"].StatusCode = 503;

        using var response = await harness.Client.GetAsync("/items/2");

        (await response.Content.ReadAsStringAsync()).Should().BeOneOf("slow", "ok");
        cluster["broken"].RequestCount.Should().Be(1);
        for (var i = 0; i < 100 && harness.Group.GetSnapshot().Endpoints.Sum(e => e.InFlight) != 0; i++)
        {
            await Task.Delay(20);
        }

        harness.Group.GetSnapshot().Endpoints.Sum(e => e.InFlight).Should().Be(0, "every attempt's slot is released, winners' and losers'");
    }

    [Fact]
    public async Task Get_AutoHedgingDelay_UsesTheGroupsRecentP95()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.LoadBalancer = LoadBalancers.FirstAvailable;
            g.Failover.HedgingDelay = "auto";
        });
        await harness.RunAsync(60, 1); // p95 of fast loopback answers: about a millisecond
        cluster["a"].Delay = TimeSpan.FromSeconds(2);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        using var response = await harness.Client.GetAsync("/items/3");

        (await response.Content.ReadAsStringAsync()).Should().Be("b");
        System.Diagnostics.Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(1));
    }
}
