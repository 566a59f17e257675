using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration.Chaos;

/// <summary>A real client with AddEndpointGroup and AddChaos in front of loopback backends; zones and tiers by backend name.</summary>
internal sealed class ChaosHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ChaosHarness(ServiceProvider provider)
    {
        _provider = provider;
        Client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
        Group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        Chaos = provider.GetRequiredKeyedService<ChaosController>("catalog");
    }

    public HttpClient Client { get; }

    public EndpointGroup Group { get; }

    public ChaosController Chaos { get; }

    /// <summary>Backends whose name starts with "dr" are tier 1; the first letter of the others is their zone.</summary>
    public static ChaosHarness Create(LoopbackCluster cluster, Action<ChaosOptions>? chaos = null, Action<EndpointGroupOptions>? group = null, bool chaosFirst = false)
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"));
        if (chaosFirst)
        {
            builder.AddChaos("catalog", chaos);
        }

        builder.AddEndpointGroup("catalog", options =>
        {
            foreach (var backend in cluster.Backends)
            {
                var standby = backend.Name.StartsWith("dr", StringComparison.Ordinal);
                options.Endpoints.Add(new EndpointOptions
                {
                    Address = backend.BaseAddress.ToString(),
                    Name = backend.Name,
                    Tier = standby ? 1 : 0,
                    Zone = standby ? "dr" : backend.Name[..1],
                });
            }

            options.PassiveHealth.BaseEjectionTime = TimeSpan.FromSeconds(1);
            options.PassiveHealth.MaxEjectionTime = TimeSpan.FromSeconds(2);
            options.SlowStartWindow = TimeSpan.Zero;
            options.Failover.MaxAttempts = 4;
            group?.Invoke(options);
        });
        if (!chaosFirst)
        {
            builder.AddChaos("catalog", chaos);
        }

        return new ChaosHarness(services.BuildServiceProvider());
    }

    /// <summary>A client configured from a section, as an appsettings.json user would.</summary>
    public static ServiceProvider FromConfiguration(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        var section = configuration.GetSection("Resilient:Groups:catalog");
        services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddEndpointGroup(section)
            .AddChaos(section);
        return services.BuildServiceProvider();
    }

    /// <summary>Sends <paramref name="calls"/> GETs with 4 workers; returns the bodies (backend names) and the errors.</summary>
    public async Task<(List<string> Bodies, List<string> Errors)> GetAsync(int calls, string path = "/items")
    {
        var bodies = new List<string>();
        var errors = new List<string>();
        var next = -1;
        var workers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < calls)
            {
                try
                {
                    using var response = await Client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    lock (bodies)
                    {
                        (response.IsSuccessStatusCode ? bodies : errors).Add(response.IsSuccessStatusCode ? body : $"{(int)response.StatusCode} {body}");
                    }
                }
                catch (HttpRequestException error)
                {
                    lock (bodies)
                    {
                        errors.Add(error.Message);
                    }
                }
            }
        });
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
        return (bodies, errors);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
