using Microsoft.Extensions.DependencyInjection;
using Polly;
using Resilient.Http.Tests.Integration;

namespace Resilient.Http.Tests.Composition;

/// <summary>A custom Polly pipeline (AddResilienceHandler) outside the group: its timeout bounds the whole call, the group fails over inside it.</summary>
public sealed class PollyPipelineCompositionTests
{
    [Fact]
    public async Task CustomPipelineOutside_SlowAndDeadBackends_TheGroupFailsOverWithinThePipelinesTimeout()
    {
        await using var cluster = await LoopbackCluster.StartAsync("slow", "dead", "ok");
        await cluster["dead"].StopAsync();
        cluster["slow"].Delay = TimeSpan.FromSeconds(5);
        var services = new ServiceCollection();
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddResilienceHandler("outer", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(3)))
            .Services.AddHttpClient("catalog")
            .AddEndpointGroup("catalog", g =>
            {
                g.LoadBalancer = LoadBalancers.FirstAvailable;
                g.Failover.AttemptTimeout = TimeSpan.FromMilliseconds(300);
                foreach (var backend in cluster.Backends)
                {
                    g.Endpoints.Add(new EndpointOptions { Address = backend.BaseAddress.ToString(), Name = backend.Name });
                }
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");

        using var response = await client.GetAsync("/items");

        (await response.Content.ReadAsStringAsync()).Should().Be("ok", "slow timed out after 300 ms, dead refused, ok answered, all inside the pipeline's 3 s");
        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        group.Snapshot("slow").ConsecutiveFailures.Should().Be(1, "the attempt timeout counts against the slow endpoint");
    }
}
