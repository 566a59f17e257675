using Microsoft.Extensions.Logging.Abstractions;

namespace Resilient.Http.Tests.Chaos;

public sealed class ChaosControllerTests
{
    [Fact]
    public void Inject_InvalidFault_ThrowsNamingTheProperty()
    {
        var chaos = Controller();

        var inject = () => chaos.Inject(new ChaosFaultOptions { Kind = ChaosFaultKind.Status, Rate = 2, StatusCode = 99 });

        inject.Should().Throw<ArgumentException>()
            .WithMessage("Invalid chaos fault for group 'g': Rate: '2' is not between 0 and 1. StatusCode: '99' is not an HTTP status code from 200 to 599.*");
    }

    [Fact]
    public void ActiveRules_AreEmptyWhileDisabled_AndListConfiguredThenInjectedFaults()
    {
        var options = new ChaosOptions();
        options.Faults.Add(new ChaosFaultOptions { Kind = ChaosFaultKind.Latency });
        var chaos = Controller(options);
        using var injected = chaos.Inject(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Endpoints = { "a" } });

        chaos.ActiveRules.Should().BeEmpty();
        chaos.Enabled = true;

        chaos.ActiveRules.Select(r => r.Kind).Should().Equal(ChaosFaultKind.Latency, ChaosFaultKind.Refuse);
        chaos.Faults.Select(f => f.ToString()).Should().Equal("Latency +1000 ms on every endpoint", "Refuse on endpoints a");
    }

    [Fact]
    public void Inject_CopiesTheFault_DisposeRemovesIt_ClearRemovesEverything()
    {
        var options = new ChaosOptions { Enabled = true };
        options.Faults.Add(new ChaosFaultOptions { Kind = ChaosFaultKind.Latency });
        var chaos = Controller(options);
        var fault = new ChaosFaultOptions { Kind = ChaosFaultKind.Status, StatusCode = 503 };

        var handle = chaos.Inject(fault);
        fault.StatusCode = 502;
        chaos.ActiveRules[1].StatusCode.Should().Be(503);
        handle.Dispose();
        chaos.ActiveRules.Should().ContainSingle();
        using var again = chaos.Inject(fault);
        chaos.Clear();

        chaos.ActiveRules.Should().BeEmpty();
        chaos.Faults.Should().BeEmpty();
        chaos.Enabled.Should().BeTrue();
    }

    [Theory]
    [InlineData("a", null, null, true)]
    [InlineData("http://a.test:8080/", null, null, true)]
    [InlineData("b", null, null, false)]
    [InlineData(null, "eu-1", null, true)]
    [InlineData(null, "eu-2", null, false)]
    [InlineData(null, "eu-1", 1, false)]
    [InlineData("a", "eu-1", 0, true)]
    [InlineData(null, null, 0, true)]
    public void Targets_EveryNonEmptyListMustMatch(string? endpoint, string? zone, int? tier, bool expected)
    {
        var fault = new ChaosFaultOptions();
        if (endpoint is not null)
        {
            fault.Endpoints.Add(endpoint);
        }

        if (zone is not null)
        {
            fault.Zones.Add(zone);
        }

        if (tier is not null)
        {
            fault.Tiers.Add(tier.Value);
        }

        new ChaosRule(fault).Targets(new Endpoint(new Uri("http://a.test:8080/"), "a", zone: "eu-1")).Should().Be(expected);
    }

    [Fact]
    public void Fires_AtTheRate_DrawingFromTheRandomSeam()
    {
        var rule = new ChaosRule(new ChaosFaultOptions { Rate = 0.25 });
        var random = new ScriptedRandomSource(Draw(0.1), Draw(0.3), Draw(0.2499), Draw(0.9));

        Enumerable.Range(0, 4).Select(_ => rule.Fires(random)).Should().Equal(true, false, true, false);
        new ChaosRule(new ChaosFaultOptions { Rate = 1 }).Fires(random).Should().BeTrue();
        new ChaosRule(new ChaosFaultOptions { Rate = 0 }).Fires(random).Should().BeFalse();
        random.Draws.Should().Be(4, "rates of 0 and 1 draw nothing");
    }

    [Fact]
    public void FindEndpoint_MatchesSchemeHostPort_AndTheLongestBasePath()
    {
        var options = new EndpointGroupOptions();
        options.Endpoints.Add(new EndpointOptions { Address = "http://h.test:81/", Name = "root" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://h.test:81/api/", Name = "api" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://h.test:82/", Name = "other-port" });
        using var group = new EndpointGroup("g", options);
        var chaos = new ChaosController(group, new ChaosOptions(), NullLogger.Instance);

        chaos.FindEndpoint(new Uri("http://h.test:81/api/items?x=1"))!.Name.Should().Be("api");
        chaos.FindEndpoint(new Uri("http://h.test:81/apix"))!.Name.Should().Be("root");
        chaos.FindEndpoint(new Uri("http://h.test:82/api/items"))!.Name.Should().Be("other-port");
        chaos.FindEndpoint(new Uri("https://h.test:81/api/items")).Should().BeNull();
        chaos.FindEndpoint(new Uri("http://elsewhere.test:81/")).Should().BeNull();
    }

    private static ulong Draw(double value) => (ulong)(value * (1UL << 53)) << 11;

    private static ChaosController Controller(ChaosOptions? options = null)
    {
        var group = new EndpointOptions { Address = "http://a.test:8080/", Name = "a" };
        var groupOptions = new EndpointGroupOptions();
        groupOptions.Endpoints.Add(group);
        return new ChaosController(new EndpointGroup("g", groupOptions), options ?? new ChaosOptions(), NullLogger.Instance);
    }
}
