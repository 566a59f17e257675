using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Resilient.Http.Tests.DependencyInjection;

public sealed class AddEndpointGroupTests
{
    private static IConfigurationSection Section(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection("Resilient:Groups:catalog");
    }

    [Fact]
    public void AddEndpointGroup_FromConfiguration_BindsTheSpecSchema()
    {
        var section = Section("""
        { "Resilient": { "Groups": { "catalog": {
            "LoadBalancer": "PowerOfTwoChoices",
            "Endpoints": [
              { "Address": "https://catalog-1:8443/", "Weight": 2, "Zone": "eu-1" },
              { "Address": "https://catalog-2:8443/", "Zone": "eu-2" },
              { "Address": "https://catalog-dr:8443/", "Tier": 1, "Name": "dr" }
            ],
            "PassiveHealth": { "ConsecutiveFailures": 7, "BaseEjectionTime": "00:00:10", "MaxEjectionPercent": 30 },
            "ActiveHealth": { "Enabled": false, "Path": "/healthz", "Interval": "00:00:05", "Timeout": "00:00:01" },
            "SlowStartWindow": "00:00:20",
            "Failover": { "MaxAttempts": 4, "AttemptTimeout": "00:00:02", "TotalTimeout": "00:00:10", "RetryBudgetPercent": 25, "HedgingDelay": null }
        } } } }
        """);
        var services = new ServiceCollection();
        services.AddHttpClient("catalog").AddEndpointGroup(section);
        using var provider = services.BuildServiceProvider();

        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        var options = provider.GetRequiredService<IOptionsMonitor<EndpointGroupOptions>>().Get("catalog");

        group.LoadBalancerName.Should().Be("PowerOfTwoChoices");
        group.Endpoints.Select(e => (e.Name, e.Weight, e.Tier, e.Zone)).Should().Equal(
            ("catalog-1:8443", 2, 0, "eu-1"), ("catalog-2:8443", 1, 0, "eu-2"), ("dr", 1, 1, (string?)null));
        (options.PassiveHealth.ConsecutiveFailures, options.PassiveHealth.BaseEjectionTime, options.PassiveHealth.MaxEjectionPercent).Should().Be((7, TimeSpan.FromSeconds(10), 30));
        (options.Failover.MaxAttempts, options.Failover.AttemptTimeout, options.Failover.RetryBudgetPercent).Should().Be((4, TimeSpan.FromSeconds(2), 25.0));
        options.SlowStartWindow.Should().Be(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task HostStart_InvalidConfiguration_FailsWithTheFullKeyAndValue()
    {
        var section = Section("""
        { "Resilient": { "Groups": { "catalog": {
            "LoadBalancr": "PeakEwma",
            "Endpoints": [ { "Address": "https://ok:8443/" }, { "Address": "htp//x" }, { "Address": "ftp://files/" } ],
            "Failover": { "MaxAttempts": "three" }
        } } } }
        """);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHttpClient("catalog").AddEndpointGroup(section);
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().Contain("Resilient:Groups:catalog:Endpoints:1:Address: 'htp//x' is not an absolute http or https URI.");
        error.Failures.Should().Contain("Resilient:Groups:catalog:Endpoints:2:Address: 'ftp://files/' is not an absolute http or https URI.");
        error.Failures.Should().Contain(f => f.StartsWith("Resilient:Groups:catalog:LoadBalancr: unknown setting 'LoadBalancr' (did you mean 'LoadBalancer'?)", StringComparison.Ordinal));
        error.Failures.Should().Contain("Resilient:Groups:catalog:Failover:MaxAttempts: 'three' is not a whole number.");
    }

    [Fact]
    public async Task HostStart_InvalidCodeConfiguration_NamesTheGroupAndKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHttpClient("search").AddEndpointGroup("search", g =>
        {
            g.Endpoints.Add(new EndpointOptions { Address = "https://search-a:8443", Weight = -1 });
            g.Failover.AttemptTimeout = TimeSpan.FromSeconds(40);
        });
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().Contain("Resilient:Groups:search:Endpoints:0:Weight: '-1' must be a positive integer.");
        error.Failures.Should().Contain(f => f.StartsWith("Resilient:Groups:search:Failover:AttemptTimeout: '00:00:40' must not exceed Failover:TotalTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEndpointGroup_TwoClientsOneName_ShareOneGroupAcrossHandlerRotation()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("first").AddEndpointGroup("shared", g => g.Endpoints.Add(new EndpointOptions { Address = "http://127.0.0.1:1/" }));
        services.AddHttpClient("second").AddEndpointGroup("shared", g => { });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        _ = factory.CreateClient("first");
        _ = factory.CreateClient("second");
        var group = provider.GetRequiredKeyedService<EndpointGroup>("shared");

        group.Should().BeSameAs(provider.GetRequiredKeyedService<EndpointGroup>("shared"));
        group.Endpoints.Should().ContainSingle();
    }
}
