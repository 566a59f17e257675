using System.Net;

namespace Resilient.Http.Tests.Integration;

public sealed class ProbeAndStreamingIntegrationTests
{
    [Fact]
    public async Task ActiveProbes_TakeAnUnhealthyBackendOut_AndBringItBackWithoutUserTraffic()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.ActiveHealth.Enabled = true;
            g.ActiveHealth.Interval = TimeSpan.FromMilliseconds(100);
            g.ActiveHealth.Timeout = TimeSpan.FromMilliseconds(500);
        });

        cluster["b"].HealthStatusCode = 503;
        await Until(() => harness.Group.Snapshot("b").State == EndpointState.Unreachable, "two failed probes take it out");
        harness.Group.Snapshot("b").Reason.Should().Contain("active probe failed").And.Contain("503");
        var requestsBefore = cluster["b"].RequestCount;
        (await harness.RunAsync(100, 4)).ByBackend.Keys.Should().Equal("a");

        cluster["b"].HealthStatusCode = 200;
        await Until(() => harness.Group.Snapshot("b").State == EndpointState.Available, "one good probe brings it back");
        cluster["b"].RequestCount.Should().Be(requestsBefore, "no user request was needed to find out");
        cluster["b"].HealthRequestCount.Should().BeGreaterThan(2);
    }

    [Fact]
    public async Task ResponseHeadersRead_KeepsTheCallInFlightUntilTheBodyIsReadOrDisposed()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        await using var harness = GroupClientHarness.Create(cluster);

        var response = await harness.Client.GetAsync("/download", HttpCompletionOption.ResponseHeadersRead);
        harness.Group.Snapshot("a").InFlight.Should().Be(1, "the body has not been read");
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }

        harness.Group.Snapshot("a").InFlight.Should().Be(0, "end of body completes the attempt");
        response.Dispose();

        var undisposed = await harness.Client.GetAsync("/download", HttpCompletionOption.ResponseHeadersRead);
        harness.Group.Snapshot("a").InFlight.Should().Be(1);
        undisposed.Dispose();
        harness.Group.Snapshot("a").InFlight.Should().Be(0, "disposing the response completes the attempt");
        harness.Group.Snapshot("a").CompletedCount.Should().Be(2);
    }

    [Fact]
    public async Task SlowReader_IsNotTakenForASlowEndpoint_LatencyIsMeasuredToTheResponseHeaders()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");

        // Warm the code paths through another group, so that the measured group's only latency sample is the slow read.
        await using (var warm = GroupClientHarness.Create(cluster, name: "warm"))
        {
            using (await warm.Client.GetAsync("/warm"))
            {
            }
        }

        await using var harness = GroupClientHarness.Create(cluster);
        using (var response = await harness.Client.GetAsync("/download", HttpCompletionOption.ResponseHeadersRead))
        {
            // The caller holds the body for a second (real time: this is the point of the test), then reads it.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await response.Content.ReadAsByteArrayAsync();
        }

        harness.Group.Snapshot("a").InFlight.Should().Be(0);
        harness.Group.Snapshot("a").LatencyEstimate!.Value.Should().BeLessThan(TimeSpan.FromMilliseconds(500), "the endpoint answered at once; the wait was the caller's");
    }

    [Fact]
    public async Task RequestsToOtherHosts_PassThroughUntouched()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "other");
        await using var harness = GroupClientHarness.Create(cluster);

        using var response = await harness.Client.GetAsync(new Uri(cluster["other"].BaseAddress, "direct"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["other"].Requests.Single().PathAndQuery.Should().Be("/direct");
        harness.Group.GetSnapshot().Endpoints.Sum(e => e.CompletedCount).Should().Be(0, "the group was not involved");
    }

    private static async Task Until(Func<bool> condition, string because)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().Should().BeTrue(because);
    }
}
