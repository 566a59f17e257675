using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using HealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace Resilient.Http.Tests.Telemetry;

public sealed class HealthCheckAndLoggingTests
{
    [Fact]
    public async Task HealthCheck_ReportsHealthyDegradedAndUnhealthy_WithEveryEndpointsState()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("orders").AddEndpointGroup("orders", g =>
        {
            g.Endpoints.Add(new EndpointOptions { Address = "http://127.0.0.1:1/", Name = "p1" });
            g.Endpoints.Add(new EndpointOptions { Address = "http://127.0.0.1:2/", Name = "p2" });
            g.Endpoints.Add(new EndpointOptions { Address = "http://127.0.0.1:3/", Name = "dr", Tier = 1 });
        });
        services.AddHealthChecks().AddEndpointGroupCheck("orders");
        await using var provider = services.BuildServiceProvider();
        var checks = provider.GetRequiredService<HealthCheckService>();
        var group = provider.GetRequiredKeyedService<EndpointGroup>("orders");

        (await checks.CheckHealthAsync()).Entries["resilient-orders"].Status.Should().Be(HealthStatus.Healthy);

        group.Drain("p1");
        var degraded = (await checks.CheckHealthAsync()).Entries["resilient-orders"];
        degraded.Status.Should().Be(HealthStatus.Degraded);
        degraded.Description.Should().Contain("2 of 3 endpoints available").And.Contain("spills");
        degraded.Data["p1"].Should().Be("Drained");

        group.Drain("p2");
        group.Drain("dr");
        var unhealthy = (await checks.CheckHealthAsync()).Entries["resilient-orders"];
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Data.Keys.Should().BeEquivalentTo(["p1", "p2", "dr"]);
    }

    [Fact]
    public async Task Logs_HealthTransitionsAndSpill_WithStableEventIds_AndNothingPerSuccessfulRequest()
    {
        await using var cluster = await LoopbackCluster.StartAsync("p1", "p2");
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug));
        services.AddHttpClient("logged", c => c.BaseAddress = new Uri("http://logged"))
            .AddEndpointGroup("logged", g =>
            {
                g.Endpoints.Add(new EndpointOptions { Address = cluster["p1"].BaseAddress.ToString(), Name = "p1" });
                g.Endpoints.Add(new EndpointOptions { Address = cluster["p2"].BaseAddress.ToString(), Name = "p2", Tier = 1 });
                g.LoadBalancer = LoadBalancers.RoundRobin;
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("logged");

        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync($"/items?secret={i}")).Dispose();
        }

        Ours(collector).Should().BeEmpty("nothing is logged per successful request");
        await cluster["p1"].StopAsync();
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync($"/items?secret={i}")).Dispose();
        }

        var records = Ours(collector);
        records.Should().Contain(r => r.Id.Id == 1002 && r.Level == LogLevel.Warning && r.Message.Contains("p1", StringComparison.Ordinal));
        records.Should().Contain(r => r.Id.Id == 1010, "with the primary tier out, traffic spills to the standby");
        records.Should().OnlyContain(r => !r.Message.Contains("secret", StringComparison.Ordinal), "query strings are never logged");
    }

    private static List<FakeLogRecord> Ours(FakeLogCollector collector) =>
        collector.GetSnapshot().Where(r => r.Category?.StartsWith("Resilient", StringComparison.Ordinal) == true).ToList();
}
