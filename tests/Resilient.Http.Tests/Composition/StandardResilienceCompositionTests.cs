using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Resilient.Http.Tests.Integration;

namespace Resilient.Http.Tests.Composition;

/// <summary>
/// With Microsoft.Extensions.Http.Resilience in the same pipeline: the standard handler outside (added first), the
/// endpoint group inside. Each of the standard handler's retries is a new call for the group, which still picks a
/// healthy endpoint and stays within its retry budget, so attempts stay bounded when a backend dies.
/// </summary>
public sealed class StandardResilienceCompositionTests
{
    [Fact]
    public async Task StandardHandlerOutside_OneBackendDies_NoCallFails_AndTheDeadOneGetsFewAttempts()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var provider = Build(cluster, out var client, out var group);
        await cluster["b"].StopAsync();

        var failed = 0;
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync("/items");
            failed += response.IsSuccessStatusCode ? 0 : 1;
        }

        failed.Should().Be(0);
        group.Snapshot("b").CompletedCount.Should().BeLessThanOrEqualTo(6, "two refusals take it out; later attempts are backoff-spaced trials");
    }

    [Fact]
    public async Task StandardHandlerOutside_EveryBackendDead_AttemptsPerCallStayBounded()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var provider = Build(cluster, out var client, out var group);
        foreach (var backend in cluster.Backends)
        {
            await backend.StopAsync();
        }

        const int Calls = 30;
        for (var i = 0; i < Calls; i++)
        {
            try
            {
                using var response = await client.GetAsync("/items");
            }
            catch (Exception error) when (error is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException)
            {
                // Either the group's fast failure or, once it has seen enough of them, the standard handler's open circuit.
            }
        }

        var attempts = group.GetSnapshot().Endpoints.Sum(e => e.CompletedCount);
        attempts.Should().BeLessThan(Calls, "once every endpoint is known dead, the group fails fast and the outer retries send nothing");
    }

    private static ServiceProvider Build(LoopbackCluster cluster, out HttpClient client, out EndpointGroup group)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.FromMilliseconds(1);
                o.Retry.BackoffType = DelayBackoffType.Constant;
                o.Retry.UseJitter = false;
            }).Services.AddHttpClient("catalog")
            .AddEndpointGroup("catalog", g =>
            {
                foreach (var backend in cluster.Backends)
                {
                    g.Endpoints.Add(new EndpointOptions { Address = backend.BaseAddress.ToString(), Name = backend.Name });
                }
            });
        var provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
        group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        return provider;
    }
}
