using Microsoft.Extensions.DependencyInjection;
using Resilient.Http;
using Resilient.TestUtils;

namespace Resilient.Drills.Tests.Backends;

/// <summary>Backends a, b (zone z1, z2; tier 0) and dr (tier 1) behind a real client with AddEndpointGroup and AddChaos.</summary>
internal sealed class DrillHarness : IAsyncDisposable
{
    private readonly LoopbackBackend[] _backends;
    private readonly ServiceProvider _provider;

    // Every harness names its group "cat": drills of same-named groups running at once in one process (parallel
    // test classes) must not see each other's attempts.
    private readonly string _name = "cat";

    private DrillHarness(LoopbackBackend[] backends, bool chaosEnabled)
    {
        _backends = backends;
        var services = new ServiceCollection();
        services.AddHttpClient(_name, c => c.BaseAddress = new Uri($"http://{_name}"))
            .AddEndpointGroup(_name, group =>
            {
                foreach (var backend in backends)
                {
                    group.Endpoints.Add(new EndpointOptions
                    {
                        Address = backend.BaseAddress.ToString(),
                        Name = backend.Name,
                        Tier = backend.Name == "dr" ? 1 : 0,
                        Zone = backend.Name switch { "a" => "z1", "b" => "z2", _ => "dr" },
                    });
                }

                group.LoadBalancer = LoadBalancers.RoundRobin;
                group.SlowStartWindow = TimeSpan.Zero;
                group.PassiveHealth.BaseEjectionTime = TimeSpan.FromMilliseconds(300);
                group.PassiveHealth.MaxEjectionTime = TimeSpan.FromMilliseconds(600);
                group.Failover.MaxAttempts = 3;
            })
            .AddChaos(_name, chaos => chaos.Enabled = chaosEnabled);
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient(_name);
    }

    public HttpClient Client { get; }

    public string GroupName => _name;

    public IServiceProvider Services => _provider;

    public ChaosController Chaos => _provider.GetRequiredKeyedService<ChaosController>(_name);

    public LoopbackBackend this[string name] => _backends.Single(b => b.Name == name);

    public static async Task<DrillHarness> StartAsync(bool chaosEnabled = true)
    {
        var backends = await Task.WhenAll(LoopbackBackend.StartAsync("a"), LoopbackBackend.StartAsync("b"), LoopbackBackend.StartAsync("dr"));
        var harness = new DrillHarness(backends, chaosEnabled);

        // The first call builds the handler chain and the group, and warms up the JIT: a drill measures a warm client.
        using var warmUp = await harness.Client.GetAsync("/");
        return harness;
    }

    public DrillRunner Runner(DrillOptions? options = null) => DrillRunner.Create(_provider, _name, options);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
