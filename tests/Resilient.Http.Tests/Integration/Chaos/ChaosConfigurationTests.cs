using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Resilient.Http.Tests.Integration.Chaos;

/// <summary>The <c>Chaos</c> section of a group: bound, validated with full keys, and applied again when edited.</summary>
public sealed class ChaosConfigurationTests
{
    [Fact]
    public async Task Section_EnabledFault_AppliesAtStart_AndAnEditSwitchesItOff()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Config(cluster, ("Enabled", "true"), ("Faults:0:Kind", "Status"), ("Faults:0:StatusCode", "503"), ("Faults:0:Endpoints", "a1")));
        await using var provider = ChaosHarness.FromConfiguration(new ConfigurationBuilder().Add(source).Build());
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");

        for (var i = 0; i < 30; i++)
        {
            using var response = await client.GetAsync("/items");
            (await response.Content.ReadAsStringAsync()).Should().Be("b1");
        }

        cluster["a1"].RequestCount.Should().Be(0);
        source.Provider.Replace(Config(cluster, ("Enabled", "false"), ("Faults:0:Kind", "Status"), ("Faults:0:Endpoints", "a1")));
        provider.GetRequiredKeyedService<ChaosController>("catalog").Enabled.Should().BeFalse("the edit applies at once");
        for (var round = 0; round < 40 && cluster["a1"].RequestCount == 0; round++)
        {
            await Task.Delay(100);
            for (var i = 0; i < 10; i++)
            {
                using var response = await client.GetAsync("/items");
                response.IsSuccessStatusCode.Should().BeTrue();
            }
        }

        cluster["a1"].RequestCount.Should().BeGreaterThan(0, "with chaos off, the ejected endpoint's trial succeeds and it returns");
    }

    [Fact]
    public async Task Section_BadEdit_IsRejected_AndTheLastGoodSettingsStay()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1");
        var source = new SwappableConfigurationSource();
        source.Provider.Replace(Config(cluster, ("Enabled", "true"), ("Faults:0:Kind", "Latency"), ("Faults:0:Latency", "00:00:00.010")));
        await using var provider = ChaosHarness.FromConfiguration(new ConfigurationBuilder().Add(source).Build());
        var chaos = provider.GetRequiredKeyedService<ChaosController>("catalog");

        source.Provider.Replace(Config(cluster, ("Enabled", "true"), ("Faults:0:Kind", "Latency"), ("Faults:0:Rate", "2")));

        chaos.Enabled.Should().BeTrue();
        chaos.Faults.Should().ContainSingle().Which.Latency.Should().Be(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task Section_InvalidSettings_StopTheClientWithMessagesNamingEachKey()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Config(
            cluster,
            ("Enabled", "yes"),
            ("Faults:0:Kind", "Explode"),
            ("Faults:0:Rate", "1.5"),
            ("Faults:1:Kind", "Status"),
            ("Faults:1:StatusCode", "700"),
            ("Faults:1:Tiers:0", "x"),
            ("Faults:2:Kind", "Latency"),
            ("Faults:2:Latency", "-00:00:01"),
            ("Faults:2:Zone", "eu-1"))).Build();
        await using var provider = ChaosHarness.FromConfiguration(configuration);

        var resolve = () => provider.GetRequiredService<IOptionsMonitor<ChaosOptions>>().Get("catalog");

        var failures = resolve.Should().Throw<OptionsValidationException>().Which.Failures;
        failures.Should().Contain([
            "Resilient:Groups:catalog:Chaos:Enabled: 'yes' is not true or false.",
            "Resilient:Groups:catalog:Chaos:Faults:0:Kind: 'Explode' is not one of Refuse, Reset, Status, Latency.",
            "Resilient:Groups:catalog:Chaos:Faults:0:Rate: '1.5' is not between 0 and 1.",
            "Resilient:Groups:catalog:Chaos:Faults:1:StatusCode: '700' is not an HTTP status code from 200 to 599.",
            "Resilient:Groups:catalog:Chaos:Faults:1:Tiers:0: 'x' is not a whole number.",
            "Resilient:Groups:catalog:Chaos:Faults:2:Latency: '-00:00:01' must be positive.",
        ]);
        failures.Should().Contain(f => f.StartsWith("Resilient:Groups:catalog:Chaos:Faults:2:Zone: unknown setting 'Zone' (did you mean 'Zones'?)", StringComparison.Ordinal));
        provider.GetRequiredKeyedService<EndpointGroup>("catalog").Endpoints.Should().ContainSingle("the group's own binding accepts its Chaos section");
    }

    [Fact]
    public void Binder_ReadsListsAsArraysOrSingleValues()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chaos:Enabled"] = "true",
            ["Chaos:Faults:0:Kind"] = "refuse",
            ["Chaos:Faults:0:Endpoints"] = "a1",
            ["Chaos:Faults:0:Rate"] = "0.25",
            ["Chaos:Faults:1:Kind"] = "Latency",
            ["Chaos:Faults:1:Latency"] = "00:00:00.250",
            ["Chaos:Faults:1:Zones:0"] = "eu-1",
            ["Chaos:Faults:1:Zones:1"] = "eu-2",
            ["Chaos:Faults:1:Tiers:0"] = "0",
        }).Build().GetSection("Chaos");
        var options = new ChaosOptions();

        ChaosOptionsBinder.Bind(section, options);

        options.BindingErrors.Should().BeEmpty();
        options.Enabled.Should().BeTrue();
        options.Faults.Select(f => f.ToString()).Should().Equal(
            "Refuse at 25 % on endpoints a1",
            "Latency +250 ms on zones eu-1, eu-2 and tiers 0");
    }

    private static Dictionary<string, string?> Config(LoopbackCluster cluster, params (string Key, string Value)[] chaos)
    {
        var data = new Dictionary<string, string?>
        {
            ["Resilient:Groups:catalog:PassiveHealth:BaseEjectionTime"] = "00:00:01",
            ["Resilient:Groups:catalog:PassiveHealth:MaxEjectionTime"] = "00:00:02",
            ["Resilient:Groups:catalog:SlowStartWindow"] = "00:00:00",
        };
        for (var i = 0; i < cluster.Count; i++)
        {
            data[$"Resilient:Groups:catalog:Endpoints:{i}:Address"] = cluster[i].BaseAddress.ToString();
            data[$"Resilient:Groups:catalog:Endpoints:{i}:Name"] = cluster[i].Name;
        }

        foreach (var (key, value) in chaos)
        {
            data[$"Resilient:Groups:catalog:Chaos:{key}"] = value;
        }

        return data;
    }
}
