using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Resilient.Benchmarks;

/// <summary>
/// Cost per GET through an <c>IHttpClientFactory</c> client whose primary handler is a stub (no network), so the
/// difference between rows is the handlers alone: the bare client (baseline); ours (default PeakEwma, passive
/// health, failover on); Microsoft.Extensions.Http.Resilience's standard handler and its standard hedging handler
/// with ordered groups over 3 endpoints; Microsoft.Extensions.ServiceDiscovery with 3 configured endpoints.
/// With <see cref="AsyncStub"/> the stub answers after yielding the thread, as a real connection does, so every
/// asynchronous layer pays for its suspended state (a synchronous stub lets them all complete inline).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class HttpClientBenchmarks
{
    private const int GetsPerInvoke = 32;

    private ServiceProvider _provider = null!;
    private HttpClient _bare = null!;
    private HttpClient _resilient = null!;
    private HttpClient _standard = null!;
    private HttpClient _hedging = null!;
    private HttpClient _discovery = null!;

    /// <summary>Gets or sets a value indicating whether the stub answers asynchronously (after a yield) instead of inline.</summary>
    [Params(false, true)]
    public bool AsyncStub { get; set; }

    /// <summary>Builds one container with every client.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:catalog:http:0"] = "http://10.0.0.1:8080",
            ["Services:catalog:http:1"] = "http://10.0.0.2:8080",
            ["Services:catalog:http:2"] = "http://10.0.0.3:8080",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddServiceDiscovery();

        services.AddHttpClient("bare").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(AsyncStub));
        services.AddHttpClient("resilient")
            .AddEndpointGroup("catalog", g =>
            {
                for (var i = 1; i <= 3; i++)
                {
                    g.Endpoints.Add(new EndpointOptions { Address = $"http://10.0.0.{i}:8080/" });
                }
            })
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(AsyncStub));
        services.AddHttpClient("standard").AddStandardResilienceHandler().Services.AddHttpClient("standard")
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(AsyncStub));
        services.AddHttpClient("hedging")
            .AddStandardHedgingHandler(h => h.ConfigureOrderedGroups(o =>
            {
                for (var i = 1; i <= 3; i++)
                {
                    var group = new UriEndpointGroup();
                    group.Endpoints.Add(new WeightedUriEndpoint { Uri = new Uri($"http://10.0.0.{i}:8080") });
                    o.Groups.Add(group);
                }
            })).Services.AddHttpClient("hedging")
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(AsyncStub));
        services.AddHttpClient("discovery").AddServiceDiscovery()
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(AsyncStub));

        _provider = services.BuildServiceProvider();
        var factory = _provider.GetRequiredService<IHttpClientFactory>();
        _bare = factory.CreateClient("bare");
        _resilient = factory.CreateClient("resilient");
        _standard = factory.CreateClient("standard");
        _hedging = factory.CreateClient("hedging");
        _discovery = factory.CreateClient("discovery");
    }

    /// <summary>Disposes the container.</summary>
    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    /// <summary>The bare factory client.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> Bare() => GetBatch(_bare, "http://10.0.0.1:8080/items");

    /// <summary>Through an endpoint group (PeakEwma, passive health, failover).</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> Resilient_Group() => GetBatch(_resilient, "http://catalog/items");

    /// <summary>Microsoft.Extensions.Http.Resilience standard handler.</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> MsResilience_Standard() => GetBatch(_standard, "http://10.0.0.1:8080/items");

    /// <summary>Microsoft.Extensions.Http.Resilience standard hedging handler, ordered groups over 3 endpoints.</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> MsResilience_Hedging() => GetBatch(_hedging, "http://10.0.0.1:8080/items");

    /// <summary>Microsoft.Extensions.ServiceDiscovery with 3 configured endpoints.</summary>
    [Benchmark(OperationsPerInvoke = GetsPerInvoke)]
    public Task<int> ServiceDiscovery() => GetBatch(_discovery, "http://catalog/items");

    private static Task<int> GetBatch(HttpClient client, string url) => HttpBatch.GetAsync(client, url, GetsPerInvoke);
}
