using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Resilient.Http.Tests.DependencyInjection;

/// <summary>One case per validation rule: a bad setting in appsettings-style configuration, the message that names it.</summary>
public sealed class ValidationRuleTests
{
    public static TheoryData<string, string, string> Rules => new()
    {
        { "Endpoints:1:Address", "htp//x", "Resilient:Groups:catalog:Endpoints:1:Address: 'htp//x' is not an absolute http or https URI." },
        { "Endpoints:1:Address", "https://one:8443/", "Resilient:Groups:catalog:Endpoints:1:Address: 'https://one:8443/' duplicates Endpoints:0:Address." },
        { "Endpoints:0:Weight", "0", "Resilient:Groups:catalog:Endpoints:0:Weight: '0' must be a positive integer." },
        { "LoadBalancer", "Fastest", "Resilient:Groups:catalog:LoadBalancer: 'Fastest' is not a known load balancer" },
        { "Failover:AttemptTimeout", "-00:00:01", "Resilient:Groups:catalog:Failover:AttemptTimeout: '-00:00:01' must be a positive time." },
        { "Failover:TotalTimeout", "00:00:00", "Resilient:Groups:catalog:Failover:TotalTimeout: '00:00:00' must be a positive time." },
        { "PassiveHealth:BaseEjectionTime", "00:00:00", "Resilient:Groups:catalog:PassiveHealth:BaseEjectionTime: '00:00:00' must be a positive time." },
        { "Failover:AttemptTimeout", "00:01:00", "Resilient:Groups:catalog:Failover:AttemptTimeout: '00:01:00' must not exceed Failover:TotalTimeout" },
        { "Failover:MaxAttempts", "0", "Resilient:Groups:catalog:Failover:MaxAttempts: '0' must be at least 1." },
        { "Failover:RetryBudgetPercent", "120", "Resilient:Groups:catalog:Failover:RetryBudgetPercent: '120' must be between 0 and 100." },
        { "PassiveHealth:MaxEjectionPercent", "-5", "Resilient:Groups:catalog:PassiveHealth:MaxEjectionPercent: '-5' must be between 0 and 100." },
        { "PassiveHealth:FailureRateThreshold", "1.5", "Resilient:Groups:catalog:PassiveHealth:FailureRateThreshold: '1.5' must be greater than 0 and at most 1." },
        { "LoadBalancr", "PeakEwma", "Resilient:Groups:catalog:LoadBalancr: unknown setting 'LoadBalancr' (did you mean 'LoadBalancer'?)" },
        { "Failover:HedgingDelay", "soon", "Resilient:Groups:catalog:Failover:HedgingDelay: 'soon' must be a positive time" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_BadSetting_NamesTheFullKeyAndTheValue(string key, string value, string expected)
    {
        var data = new Dictionary<string, string?>
        {
            ["Resilient:Groups:catalog:Endpoints:0:Address"] = "https://one:8443/",
            ["Resilient:Groups:catalog:Endpoints:1:Address"] = "https://two:8443/",
            [$"Resilient:Groups:catalog:{key}"] = value,
        };

        var failures = Failures(data);

        failures.Should().Contain(f => f.StartsWith(expected, StringComparison.Ordinal), "got: {0}", string.Join(" | ", failures));
    }

    [Fact]
    public void Validate_EmptyEndpointList_IsRejected()
    {
        var failures = Failures(new Dictionary<string, string?> { ["Resilient:Groups:catalog:LoadBalancer"] = "RoundRobin" });

        failures.Should().Contain("Resilient:Groups:catalog:Endpoints: at least one endpoint is required.");
    }

    [Fact]
    public void Validate_GoodConfiguration_HasNoFailure()
    {
        var failures = Failures(new Dictionary<string, string?>
        {
            ["Resilient:Groups:catalog:Endpoints:0:Address"] = "https://one:8443/",
            ["Resilient:Groups:catalog:Failover:HedgingDelay"] = "auto",
        });

        failures.Should().BeEmpty();
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> data)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(data).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("catalog").AddEndpointGroup(configuration.GetSection("Resilient:Groups:catalog"));
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IOptionsMonitor<EndpointGroupOptions>>().Get("catalog");
            return [];
        }
        catch (OptionsValidationException error)
        {
            return error.Failures.ToList();
        }
    }
}
