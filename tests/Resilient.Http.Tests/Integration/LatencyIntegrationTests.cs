namespace Resilient.Http.Tests.Integration;

/// <summary>
/// Assertions on what callers wait for, measured on the wall clock: run alone within this assembly
/// (<see cref="LatencySensitiveCollection"/>) so that other tests' load does not become their latency.
/// </summary>
[Collection(nameof(LatencySensitiveCollection))]
public sealed class LatencyIntegrationTests
{
    [Fact]
    public async Task OneBackend100msSlower_DefaultBalancer_SendsItAtMostFivePercent()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "slow");
        await using var harness = GroupClientHarness.Create(cluster);
        cluster["slow"].Delay = TimeSpan.FromMilliseconds(100);
        await harness.RunAsync(100, 4); // warm connections and latency estimates

        var results = await harness.RunAsync(2_000, 8);

        results.Failed.Should().Be(0);
        ((double)results.ByBackend.GetValueOrDefault("slow") / results.Count).Should().BeLessThanOrEqualTo(0.05);
        // Slow answers take 100 ms or more, so a 99th percentile under 50 ms means fewer than 1 % of calls waited on it.
        results.Percentile(0.99).Should().BeLessThan(TimeSpan.FromMilliseconds(50));
    }
}

/// <summary>Tests whose assertions include wall-clock latency percentiles.</summary>
[CollectionDefinition(nameof(LatencySensitiveCollection), DisableParallelization = true)]
public sealed class LatencySensitiveCollection
{
}
