using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Resilient.Http.Tests.Integration;

namespace Resilient.Http.Tests.Integration.Configuration;

public sealed class LiveReloadTests
{
    [Fact]
    public async Task Reload_EveryFewHundredMilliseconds_UnderLoad_NoCallFails_AndKeptEndpointsKeepTheirState()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c", "d");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Config(cluster, "a", "b"));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("cat", c => c.BaseAddress = new Uri("http://cat")).AddEndpointGroup(configuration.GetSection("Resilient:Groups:cat"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("cat");
        var group = provider.GetRequiredKeyedService<EndpointGroup>("cat");
        var runtimeB = group.FindRuntime("b")!;
        string[][] sets = [["a", "b", "c"], ["b", "c"], ["b", "c", "d"], ["b", "d"], ["a", "b", "d"], ["a", "b"]];

        var load = GetLoad.Start(client, workers: 8, maxCalls: 20_000);

        foreach (var set in sets.Concat(sets))
        {
            await Task.Delay(200);
            source.Provider.Replace(Config(cluster, set));
            group.Endpoints.Select(e => e.Name).Should().Equal(set, "the reload applies at once");
        }

        await load.StopAsync();

        load.Failures.Should().Be(0, "{0} calls ran while the endpoint set changed 12 times", load.Calls);
        load.Calls.Should().BeGreaterThan(500);
        group.FindRuntime("b").Should().BeSameAs(runtimeB, "an endpoint that stays keeps its state");
        runtimeB.CompletedCount.Should().BeGreaterThan(0);
        cluster["c"].RequestCount.Should().BeGreaterThan(0, "added endpoints take traffic");
    }

    [Fact]
    public async Task Reload_BadEdit_IsRejectedAndLogged_AndTheLastGoodConfigurationStays()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Config(cluster, "a", "b"));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddHttpClient("cat", c => c.BaseAddress = new Uri("http://cat")).AddEndpointGroup(configuration.GetSection("Resilient:Groups:cat"));
        await using var provider = services.BuildServiceProvider();
        var group = provider.GetRequiredKeyedService<EndpointGroup>("cat");

        var bad = Config(cluster, "a");
        bad["Resilient:Groups:cat:Endpoints:1:Address"] = "htp//x";
        bad["Resilient:Groups:cat:Endpoints:1:Name"] = "x";
        source.Provider.Replace(bad);

        group.Endpoints.Select(e => e.Name).Should().Equal("a", "b");
        var rejected = collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1031).Subject;
        rejected.Level.Should().Be(LogLevel.Error);
        rejected.Message.Should().Contain("Resilient:Groups:cat:Endpoints:1:Address: 'htp//x' is not an absolute http or https URI.");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("cat").GetAsync("/items");
        response.IsSuccessStatusCode.Should().BeTrue();
    }

    private static Dictionary<string, string?> Config(LoopbackCluster cluster, params string[] names)
    {
        var data = new Dictionary<string, string?>
        {
            ["Resilient:Groups:cat:LoadBalancer"] = "RoundRobin",
            ["Resilient:Groups:cat:SlowStartWindow"] = "00:00:01",
        };
        for (var i = 0; i < names.Length; i++)
        {
            data[$"Resilient:Groups:cat:Endpoints:{i}:Address"] = cluster[names[i]].BaseAddress.ToString();
            data[$"Resilient:Groups:cat:Endpoints:{i}:Name"] = names[i];
        }

        return data;
    }
}
