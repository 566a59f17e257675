using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Benchmarks;

/// <summary>
/// Cost per GET over a real connection: factory clients with the default SocketsHttpHandler against a Kestrel server
/// on 127.0.0.1 in the same process, so the transport's own work (a registration on the request's token, connection
/// pooling, header parsing) is in every row, as it is in production. The bare client (baseline) and
/// Microsoft.Extensions.Http.Resilience's standard handler call one port; our group (defaults) and
/// Microsoft.Extensions.ServiceDiscovery spread over three. Allocations include the server's, which are the same for
/// every row, so the differences between rows are the clients' handlers.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LoopbackHttpBenchmarks
{
    private const int GetsPerInvoke = 16;

    private LoopbackServer _server = null!;
    private ServiceProvider _provider = null!;
    private HttpClient _bare = null!;
    private HttpClient _resilient = null!;
    private HttpClient _standard = null!;
    private HttpClient _discovery = null!;
    private string _direct = null!;

    /// <summary>Starts the server and builds one container with every client.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        var addresses = _server.Addresses;
        _direct = new Uri(addresses[0], "items").ToString();
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < addresses.Count; i++)
        {
            settings[$"Services:catalog:http:{i}"] = addresses[i].ToString();
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddServiceDiscovery();
        services.AddHttpClient("bare");
        services.AddHttpClient("resilient").AddEndpointGroup("catalog", g =>
        {
            foreach (var address in addresses)
            {
                g.Endpoints.Add(new EndpointOptions { Address = address.ToString() });
            }
        });
        services.AddHttpClient("standard").AddStandardResilienceHandler();
        services.AddHttpClient("discovery").AddServiceDiscovery();
        _provider = services.BuildServiceProvider();
        var factory = _provider.GetRequiredService<IHttpClientFactory>();
        _bare = factory.CreateClient("bare");
        _resilient = factory.CreateClient("resilient");
        _standard = factory.CreateClient("standard");
        _discovery = factory.CreateClient("discovery");
    }

    /// <summary>Disposes the clients' container and stops the server.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The bare factory client, one port.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> Bare() => GetBatch(_bare, _direct);

    /// <summary>Through an endpoint group of the three ports (PeakEwma, passive health, failover).</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> Resilient_Group() => GetBatch(_resilient, "http://catalog/items");

    /// <summary>Microsoft.Extensions.Http.Resilience standard handler, one port.</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> MsResilience_Standard() => GetBatch(_standard, _direct);

    /// <summary>Microsoft.Extensions.ServiceDiscovery over the three ports.</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> ServiceDiscovery() => GetBatch(_discovery, "http://catalog/items");

    private static Task<int> GetBatch(HttpClient client, string url) => HttpBatch.GetAsync(client, url, GetsPerInvoke);
}
