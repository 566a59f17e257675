using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Resilient.ServiceDiscovery.Tests.Integration;

/// <summary>
/// A service discovery provider driven by the test, standing in for DNS SRV or a registry: it answers with host/port
/// endpoints (optionally carrying an <see cref="IResilientEndpointFeature"/>), and signals a change by firing a
/// cancellation change token, as the DNS providers do when a TTL runs out.
/// </summary>
internal sealed class ScriptedEndpointProviderFactory : IServiceEndpointProviderFactory
{
    private readonly Lock _lock = new();
    private List<ServiceEndpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();
    private Exception? _failure;
    private int _resolutions;

    /// <summary>Gets or sets a gate every resolution waits for before answering, standing in for a slow DNS server.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>How many times the provider was asked to resolve.</summary>
    public int Resolutions => Volatile.Read(ref _resolutions);

    /// <summary>Answers with these endpoints from now on (ending any failure), and signals the change.</summary>
    public void Set(params ServiceEndpoint[] endpoints) => Change(() => (_endpoints, _failure) = ([.. endpoints], null));

    /// <summary>Fails every resolution with <paramref name="error"/> until <see cref="Set"/> is called, and signals a change so one happens now.</summary>
    public void Fail(Exception error) => Change(() => _failure = error);

    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = new Provider(this);
        return true;
    }

    private void Change(Action update)
    {
        CancellationTokenSource previous;
        lock (_lock)
        {
            update();
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    private void Populate(IServiceEndpointBuilder builder)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _resolutions);
            if (_failure is { } error)
            {
                throw error;
            }

            foreach (var endpoint in _endpoints)
            {
                builder.Endpoints.Add(endpoint);
            }

            builder.AddChangeToken(new CancellationChangeToken(_changed.Token));
        }
    }

    private sealed class Provider(ScriptedEndpointProviderFactory factory) : IServiceEndpointProvider
    {
        public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
        {
            if (factory.Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            factory.Populate(endpoints);
        }

        public ValueTask DisposeAsync() => default;
    }
}
