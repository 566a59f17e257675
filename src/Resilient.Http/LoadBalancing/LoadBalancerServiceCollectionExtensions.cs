using Microsoft.Extensions.DependencyInjection.Extensions;
using Resilient;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers custom load balancers so endpoint groups can name them in configuration.</summary>
public static class LoadBalancerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a load balancer under a name; a group whose <c>LoadBalancer</c> setting is that name gets a fresh
    /// instance from <paramref name="factory"/>. Registering a built-in name replaces the built-in.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name used in configuration (case-insensitive).</param>
    /// <param name="factory">Creates one balancer per group.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddLoadBalancer(this IServiceCollection services, string name, Func<ILoadBalancer> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddLoadBalancerRegistry();
        services.AddSingleton(new LoadBalancerRegistration(name, factory));
        return services;
    }

    /// <summary>
    /// Makes the <see cref="LoadBalancerRegistry"/> available from the container: the built-in balancers plus every
    /// balancer added with <see cref="AddLoadBalancer"/>. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddLoadBalancerRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static provider =>
        {
            var registry = new LoadBalancerRegistry();
            foreach (var registration in provider.GetServices<LoadBalancerRegistration>())
            {
                registry.Register(registration.Name, registration.Factory);
            }

            return registry;
        });
        return services;
    }
}
