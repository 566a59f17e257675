using System.Collections.Concurrent;

namespace Resilient;

/// <summary>
/// The catalogue of load balancers by name: the built-ins of <see cref="LoadBalancers"/> plus any custom ones.
/// Each group asks it for a fresh instance of the balancer its configuration names.
/// </summary>
/// <remarks>Names are case-insensitive. Registration is thread-safe; registering a name again replaces it.</remarks>
public sealed class LoadBalancerRegistry
{
    private readonly ConcurrentDictionary<string, Func<ILoadBalancer>> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry holding the built-in balancers.</summary>
    public LoadBalancerRegistry()
    {
        _factories[LoadBalancers.RoundRobin] = static () => new RoundRobinBalancer();
        _factories[LoadBalancers.WeightedRoundRobin] = static () => new WeightedRoundRobinBalancer();
        _factories[LoadBalancers.Random] = static () => new RandomBalancer();
        _factories[LoadBalancers.PowerOfTwoChoices] = static () => new PowerOfTwoChoicesBalancer();
        _factories[LoadBalancers.PeakEwma] = static () => new PeakEwmaBalancer();
        _factories[LoadBalancers.LeastRequests] = static () => new LeastRequestsBalancer();
        _factories[LoadBalancers.ConsistentHash] = static () => new ConsistentHashBalancer();
        _factories[LoadBalancers.FirstAvailable] = static () => new FirstAvailableBalancer();
    }

    /// <summary>Gets the shared registry used when a group is created without one.</summary>
    public static LoadBalancerRegistry Default { get; } = new();

    /// <summary>Gets the registered names, sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = _factories.Keys.ToArray();
            Array.Sort(names, StringComparer.OrdinalIgnoreCase);
            return names;
        }
    }

    /// <summary>Registers a custom balancer under a name (or replaces the balancer of that name).</summary>
    /// <param name="name">The name configuration uses to select it.</param>
    /// <param name="factory">Creates one instance per group.</param>
    public void Register(string name, Func<ILoadBalancer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[name] = factory;
    }

    /// <summary>Returns whether a balancer of that name is registered.</summary>
    /// <param name="name">The balancer's name.</param>
    /// <returns><see langword="true"/> if <see cref="Create"/> would succeed.</returns>
    public bool Contains(string name) => name is not null && _factories.ContainsKey(name);

    /// <summary>Creates a new instance of the named balancer.</summary>
    /// <param name="name">The balancer's name.</param>
    /// <returns>A new balancer instance for one group.</returns>
    /// <exception cref="ArgumentException">No balancer of that name is registered; the message lists the known names.</exception>
    public ILoadBalancer Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_factories.TryGetValue(name, out var factory))
        {
            throw new ArgumentException(
                $"'{name}' is not a known load balancer. Known: {string.Join(", ", Names)}.", nameof(name));
        }

        return factory() ?? throw new InvalidOperationException($"The factory registered for load balancer '{name}' returned null.");
    }
}
