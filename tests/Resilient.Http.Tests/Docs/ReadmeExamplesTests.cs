using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Resilient.Http.Tests.Docs;

/// <summary>The README's examples, verbatim, so they keep compiling and doing what the README says.</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public void QuickStart_RunsAndDrainsTheStandby()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.PeakEwma };
        options.Endpoints.Add(new EndpointOptions { Address = "https://catalog-1:8443/api/", Weight = 2, Zone = "eu-1" });
        options.Endpoints.Add(new EndpointOptions { Address = "https://catalog-2:8443/api/", Zone = "eu-2" });
        options.Endpoints.Add(new EndpointOptions { Address = "https://catalog-dr:8443/api/", Tier = 1, Name = "dr" });
        var catalog = new EndpointGroup("catalog", options);

        // One call with up to three attempts, each on a different endpoint.
        var tried = default(TriedEndpoints);
        for (var attempt = 0; attempt < 3 && catalog.TryAcquire(ref tried, out var lease); attempt++)
        {
            var ok = lease.Endpoint!.Address.Host.Length > 0; // call the endpoint here
            lease.Complete(ok ? EndpointOutcome.Success : EndpointOutcome.Failure);
            if (ok)
            {
                break;
            }
        }

        catalog.Drain("dr");                      // operators can take endpoints out and put them back
        var snapshot = catalog.GetSnapshot();     // state, weight, tier share, in-flight and latency per endpoint

        tried.Count.Should().Be(1);
        snapshot.Endpoints.Should().HaveCount(3);
        snapshot.Endpoints.Single(e => e.Name == "dr").State.Should().Be(EndpointState.Drained);
        snapshot.Endpoints.Sum(e => e.CompletedCount).Should().Be(1);
    }

    [Fact]
    public void CustomBalancer_RegisteredWithDi_IsUsedByName()
    {
        var services = new ServiceCollection();
        services.AddLoadBalancer("Newest", () => new NewestBalancer());
        using var provider = services.BuildServiceProvider();
        var options = new EndpointGroupOptions { LoadBalancer = "Newest" };
        options.Endpoints.Add(new EndpointOptions { Address = "http://a.test/" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://b.test/" });

        var group = new EndpointGroup("g", options, loadBalancers: provider.GetRequiredService<LoadBalancerRegistry>());

        group.TryAcquire(out var lease).Should().BeTrue();
        lease.Endpoint!.Name.Should().Be("b.test");
    }

    [Fact]
    public void HttpClientQuickStart_RegistersBothGroupsWithValidOptions()
    {
        const string Json = """
        {
          "Resilient": {
            "Groups": {
              "catalog": {
                "LoadBalancer": "PeakEwma",
                "Endpoints": [
                  { "Address": "https://catalog-1:8443/", "Weight": 2, "Zone": "eu-1" },
                  { "Address": "https://catalog-2:8443/", "Zone": "eu-2" },
                  { "Address": "https://catalog-dr:8443/", "Tier": 1, "Name": "dr" }
                ],
                "PassiveHealth": { "ConsecutiveFailures": 5, "BaseEjectionTime": "00:00:30", "MaxEjectionPercent": 50 },
                "ActiveHealth": { "Enabled": true, "Path": "/healthz", "Interval": "00:00:10", "Timeout": "00:00:02" },
                "SlowStartWindow": "00:00:30",
                "Failover": { "MaxAttempts": 3, "AttemptTimeout": "00:00:02", "TotalTimeout": "00:00:10",
                              "RetryBudgetPercent": 20, "HedgingDelay": null }
              }
            }
          }
        }
        """;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json)));

        builder.Services.AddHttpClient<CatalogClient>(c => c.BaseAddress = new Uri("http://catalog"))
            .AddEndpointGroup(builder.Configuration.GetSection("Resilient:Groups:catalog"));

        builder.Services.AddHttpClient("search")
            .AddEndpointGroup("search", group =>
            {
                group.Endpoints.Add(new EndpointOptions { Address = "https://search-a:8443", Zone = "eu-1" });
                group.Endpoints.Add(new EndpointOptions { Address = "https://search-dr:8443", Tier = 1 });
                group.LoadBalancer = "PowerOfTwoChoices";
            });

        // Options only: creating the groups would start probes towards hosts that do not exist here.
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptionsMonitor<EndpointGroupOptions>>();
        options.Get("catalog").Endpoints.Should().HaveCount(3);
        options.Get("catalog").ActiveHealth.Enabled.Should().BeTrue();
        options.Get("search").LoadBalancer.Should().Be("PowerOfTwoChoices");
    }

    private sealed class CatalogClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    private sealed class NewestBalancer : ILoadBalancer
    {
        public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => null;

        public int Pick(in PickContext context) => context.NextAllowed(context.Candidates.Length - 1);
    }
}
