using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Resilient.ServiceDiscovery.Tests.Integration;

/// <summary>Groups fed by Microsoft.Extensions.ServiceDiscovery's configuration provider, against real loopback backends.</summary>
public sealed class ConfigurationDiscoveryTests
{
    [Fact]
    public async Task Calls_ReachTheEndpointsDiscoveredInConfiguration()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Services(cluster, "a", "b"));
        await using var provider = Build(source);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/items");
            response.IsSuccessStatusCode.Should().BeTrue();
        }

        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        group.Endpoints.Select(e => e.Address).Should().Equal(cluster["a"].BaseAddress, cluster["b"].BaseAddress);
        cluster["a"].RequestCount.Should().BeGreaterThan(0);
        cluster["b"].RequestCount.Should().BeGreaterThan(0);
        cluster.TotalRequestCount.Should().Be(20);
    }

    [Fact]
    public async Task ConfigurationReload_UnderLoad_AddsAndRemovesEndpoints_WithoutFailedCalls_AndKeptEndpointsKeepTheirRuntime()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c", "d");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Services(cluster, "a", "b"));
        await using var provider = Build(source);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
        using (var first = await client.GetAsync("/items"))
        {
            first.IsSuccessStatusCode.Should().BeTrue();
        }

        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        var runtimeB = group.FindRuntime(Name(cluster, "b"))!;
        runtimeB.Should().NotBeNull();
        string[][] sets = [["b", "c"], ["b", "c", "d"], ["b", "d"], ["a", "b", "d"], ["a", "b"]];

        var load = GetLoad.Start(client, workers: 4, maxCalls: 1_000_000);

        foreach (var set in sets)
        {
            await Task.Delay(150);
            source.Provider.Replace(Services(cluster, set));
            var expected = set.Select(n => cluster[n].BaseAddress).ToArray();
            await Eventually.TrueAsync(() => group.Endpoints.Select(e => e.Address).SequenceEqual(expected), $"discovery applies [{string.Join(", ", set)}]");
            var counts = set.ToDictionary(n => n, n => cluster[n].RequestCount);
            await Eventually.TrueAsync(() => set.All(n => cluster[n].RequestCount > counts[n]), $"every endpoint of [{string.Join(", ", set)}] takes calls");
            if (!set.Contains("a"))
            {
                // Removed: no new calls once the update is published; at most the calls already on their way arrive.
                var before = cluster["a"].RequestCount;
                await Task.Delay(150);
                cluster["a"].RequestCount.Should().BeLessThanOrEqualTo(before + 4);
            }
        }

        await load.StopAsync();

        load.Failures.Should().Be(0, "{0} calls ran while discovery changed the endpoint set {1} times", load.Calls, sets.Length);
        load.Calls.Should().BeGreaterThan(100);
        group.FindRuntime(Name(cluster, "b")).Should().BeSameAs(runtimeB, "an endpoint that stays keeps its health and latency state");
        runtimeB.CompletedCount.Should().BeGreaterThan(0);
        cluster["c"].RequestCount.Should().BeGreaterThan(0, "added endpoints take traffic");
        cluster["d"].RequestCount.Should().BeGreaterThan(0, "added endpoints take traffic");
    }

    [Fact]
    public async Task ConfigurationReload_AddedEndpoint_EntersWithSlowStart_WhileKeptOnesKeepFullWeight()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Services(cluster, "a"));
        await using var provider = Build(source, group => group.SlowStartWindow = TimeSpan.FromMinutes(5));
        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        await Eventually.TrueAsync(() => group.Endpoints.Count == 1, "the first resolution fills the group");

        source.Provider.Replace(Services(cluster, "a", "b"));
        await Eventually.TrueAsync(() => group.Endpoints.Count == 2, "the reload adds b");

        group.Snapshot(Name(cluster, "a")).EffectiveWeight.Should().Be(1, "the initial endpoints start at full weight");
        group.Snapshot(Name(cluster, "b")).EffectiveWeight.Should().BeLessThan(0.5, "an added endpoint ramps up from 10 %");
    }

    [Fact]
    public async Task NothingConfiguredAtStart_GroupStartsEmpty_CallsFailFast_ThenConfiguredEndpointsTakeCalls()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var source = new SwappableConfigurationSource();
        await using var provider = Build(source);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");

        var call = () => client.GetAsync("/items");
        (await call.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("catalog");
        group.Endpoints.Should().BeEmpty();

        source.Provider.Replace(Services(cluster, "a"));
        await Eventually.TrueAsync(() => group.Endpoints.Count == 1, "the reload brings the first endpoint");
        using var response = await client.GetAsync("/items");
        response.IsSuccessStatusCode.Should().BeTrue();
        cluster["a"].RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task ConfigurationReload_WithoutEndpoints_KeepsTheLastDiscoveredEndpoints_AndLogsIt()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Services(cluster, "a", "b"));
        var collector = new FakeLogCollector();
        await using var provider = Build(source, logs: collector);
        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        await Eventually.TrueAsync(() => group.Endpoints.Count == 2, "the first resolution fills the group");

        source.Provider.Replace(new Dictionary<string, string?>());
        await Eventually.TrueAsync(() => collector.GetSnapshot().Any(r => r.Id.Id == 1103), "the empty answer is logged");

        collector.GetSnapshot().Single(r => r.Id.Id == 1103).Level.Should().Be(LogLevel.Warning);
        group.Endpoints.Should().HaveCount(2);
        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog").GetAsync("/items");
        response.IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task ServiceNameWithBasePath_IsAppendedToTheDiscoveredEndpointsPath()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(new Dictionary<string, string?> { ["Services:catalog:http:0"] = $"{cluster["a"].BaseAddress}v1/" });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog/"))
            .AddEndpointGroupFromServiceDiscovery("http://catalog/api/");
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog").GetAsync("orders?page=2");

        response.IsSuccessStatusCode.Should().BeTrue();
        cluster["a"].Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/v1/api/orders?page=2");
    }

    [Fact]
    public async Task PlainServiceName_ReadsTheDefaultEndpointSection()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(new Dictionary<string, string?> { ["Services:catalog:default:0"] = cluster["a"].BaseAddress.ToString() });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog")).AddEndpointGroupFromServiceDiscovery("catalog");
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog").GetAsync("/items");

        response.IsSuccessStatusCode.Should().BeTrue();
        cluster["a"].RequestCount.Should().Be(1);
    }

    private static ServiceProvider Build(SwappableConfigurationSource source, Action<EndpointGroupOptions>? configure = null, FakeLogCollector? logs = null)
    {
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        }

        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddEndpointGroupFromServiceDiscovery("http://catalog", group =>
            {
                group.LoadBalancer = LoadBalancers.RoundRobin;
                group.SlowStartWindow = TimeSpan.FromSeconds(1);
                configure?.Invoke(group);
            });
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Services(LoopbackCluster cluster, params string[] names)
    {
        var data = new Dictionary<string, string?>();
        for (var i = 0; i < names.Length; i++)
        {
            data[$"Services:catalog:http:{i}"] = cluster[names[i]].BaseAddress.ToString();
        }

        return data;
    }

    /// <summary>Discovered endpoints are named by their authority.</summary>
    private static string Name(LoopbackCluster cluster, string backend) => cluster[backend].BaseAddress.Authority;
}
