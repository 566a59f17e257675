using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration;

/// <summary>The per-request key (<see cref="ResilientRequestOptions.RequestKey"/>) reaches the balancers that use it.</summary>
public sealed class RequestKeyIntegrationTests
{
    [Fact]
    public async Task ConsistentHash_SameKey_SameBackend_DifferentKeys_Spread()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.ConsistentHash);

        var sticky = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            sticky.Add(await GetWithKeyAsync(harness.Client, "user-7"));
        }

        var spread = new HashSet<string>();
        for (var i = 0; i < 60; i++)
        {
            spread.Add(await GetWithKeyAsync(harness.Client, $"user-{i}"));
        }

        sticky.Should().ContainSingle("one key always lands on one backend");
        spread.Should().HaveCountGreaterThan(1, "different keys spread over the backends");
    }

    [Fact]
    public async Task CustomBalancer_SeesTheRequestKey()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var balancer = new KeyRecordingBalancer();
        var services = new ServiceCollection();
        services.AddLoadBalancer("KeyRecording", () => balancer);
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddEndpointGroup("catalog", g =>
            {
                g.LoadBalancer = "KeyRecording";
                g.Endpoints.Add(new EndpointOptions { Address = cluster["a"].BaseAddress.ToString() });
                g.Endpoints.Add(new EndpointOptions { Address = cluster["b"].BaseAddress.ToString() });
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");

        await GetWithKeyAsync(client, "tenant-42");
        using (await client.GetAsync("/items"))
        {
        }

        balancer.Keys.Should().Equal(RequestKeys.Hash("tenant-42"), null);
    }

    private static async Task<string> GetWithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items");
        request.Options.Set(ResilientRequestOptions.RequestKey, key);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A custom balancer (it keeps the interface's default: it may use request keys) that notes each pick's key.</summary>
    private sealed class KeyRecordingBalancer : ILoadBalancer
    {
        public List<ulong?> Keys { get; } = [];

        public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => null;

        public int Pick(in PickContext context)
        {
            lock (Keys)
            {
                Keys.Add(context.HasRequestKey ? context.RequestKey : null);
            }

            return context.NextAllowed(0);
        }
    }
}
