using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration;

/// <summary>A real IHttpClientFactory client with AddEndpointGroup in front of loopback backends.</summary>
internal sealed class GroupClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private GroupClientHarness(ServiceProvider provider, string name)
    {
        _provider = provider;
        Client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        Group = provider.GetRequiredKeyedService<EndpointGroup>(name);
    }

    public HttpClient Client { get; }

    public EndpointGroup Group { get; }

    public static GroupClientHarness Create(LoopbackCluster cluster, Action<EndpointGroupOptions>? configure = null, string name = "catalog", Func<LoopbackBackend, int>? tier = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(name, c => c.BaseAddress = new Uri($"http://{name}"))
            .AddEndpointGroup(name, group =>
            {
                foreach (var backend in cluster.Backends)
                {
                    group.Endpoints.Add(new EndpointOptions { Address = backend.BaseAddress.ToString(), Name = backend.Name, Tier = tier?.Invoke(backend) ?? 0 });
                }

                // Short times so a test sees ejections end and trials happen within seconds.
                group.PassiveHealth.BaseEjectionTime = TimeSpan.FromSeconds(1);
                group.PassiveHealth.MaxEjectionTime = TimeSpan.FromSeconds(2);
                group.SlowStartWindow = TimeSpan.Zero;
                group.Failover.AttemptTimeout = TimeSpan.FromSeconds(5);
                group.Failover.TotalTimeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(group);
            });
        return new GroupClientHarness(services.BuildServiceProvider(), name);
    }

    /// <summary>Runs <paramref name="calls"/> GETs with <paramref name="concurrency"/> workers; returns each call's outcome.</summary>
    public async Task<CallResults> RunAsync(int calls, int concurrency, string path = "/items", Func<int, Task>? between = null)
    {
        var results = new CallResults();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                if (between is not null)
                {
                    await between(i);
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    using var response = await Client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    results.Add(response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}", body, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    results.Add(error.Message, null, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                }
            }
        });
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(90));
        return results;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
