using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using Resilient;
using Resilient.ServiceDiscovery;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an endpoint group whose endpoints come from Microsoft.Extensions.ServiceDiscovery in front of an <see cref="HttpClient"/>.</summary>
public static class ServiceDiscoveryEndpointGroupHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends the client's requests to the endpoints that Microsoft.Extensions.ServiceDiscovery resolves for
    /// <paramref name="serviceName"/>, with the group's health-aware load balancing and failover. The group's name is
    /// the service name's host (<c>catalog</c> for <c>https+http://catalog</c>): requests to that host (typically the
    /// client's <c>BaseAddress</c>) or with a relative URI are re-addressed to a discovered endpoint; others pass through.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Endpoints come from the service discovery providers registered in the container, in their order: the
    /// configuration provider (<c>Services:{service}:{endpoint}:{i}</c>), DNS or DNS SRV, or your own. When no provider
    /// is registered yet, this method registers the configuration provider.
    /// </para>
    /// <para>
    /// The group is created without endpoints and resolves at once; calls made before the first resolution finishes
    /// wait for it (up to 10 seconds). It resolves again whenever the providers signal a change (a configuration
    /// reload, a DNS TTL running out) and at least every <see cref="ServiceDiscoveryOptions.RefreshPeriod"/>, and merges
    /// each new set like a configuration reload: endpoints matched by address keep their health and latency history,
    /// removed ones take no new calls while theirs finish, added ones enter with slow start. A failed resolution or an
    /// answer without endpoints leaves the last discovered endpoints in force.
    /// </para>
    /// <para>
    /// A resolved URI keeps its scheme and path; a resolved host and port takes the first of <c>http</c> or
    /// <c>https</c> listed in the service name (<c>http</c> when it lists none). A base path in the service name
    /// (<c>http://catalog/api/</c>) is appended to every endpoint. Weight, tier, zone, name and metadata come from an
    /// <see cref="IResilientEndpointFeature"/> on the resolved endpoint when a provider sets one.
    /// </para>
    /// </remarks>
    /// <param name="builder">The client's builder.</param>
    /// <param name="serviceName">The service to resolve, as Microsoft.Extensions.ServiceDiscovery reads it: <c>catalog</c>, <c>http://catalog</c>, <c>https+http://catalog</c>, <c>https://_grpc.catalog</c>, optionally with a base path (<c>http://catalog/api/</c>).</param>
    /// <param name="configure">Sets the group's other options (load balancer, health, failover); its endpoints come from discovery.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="serviceName"/> is not a service name, or names schemes none of which is http or https.</exception>
    /// <exception cref="InvalidOperationException">A group of the same name is already registered with endpoints of its own, or discovers another service.</exception>
    public static IHttpClientBuilder AddEndpointGroupFromServiceDiscovery(this IHttpClientBuilder builder, string serviceName, Action<EndpointGroupOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var service = ServiceAddress.Parse(serviceName);
        var name = service.GroupName;
        var services = builder.Services;
        var first = Register(services, name, service);

        // Added before the group's own handler, so it runs first and holds calls until the group has endpoints.
        builder.AddHttpMessageHandler(provider =>
        {
            var group = provider.GetRequiredKeyedService<EndpointGroup>(name);
            var updater = provider.GetRequiredKeyedService<ServiceDiscoveryGroupUpdater>(name);
            return new ServiceDiscoveryReadinessHandler(name, updater.FirstResolution, group.TimeProvider);
        });
        builder.AddEndpointGroup(name, configure ?? (static _ => { }));
        if (first)
        {
            StartDiscoveryWithGroup(services, name);
        }

        return builder;
    }

    /// <summary>Registers what the group needs once per name; returns whether this call was the first for the name.</summary>
    private static bool Register(IServiceCollection services, string name, ServiceAddress service)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ImplementationInstance is ServiceDiscoveryGroupRegistration existing && existing.Name == name)
            {
                return existing.Service.Query == service.Query && existing.Service.BasePath == service.BasePath
                    ? false
                    : throw new InvalidOperationException($"The endpoint group '{name}' already takes its endpoints from service discovery of '{existing.Service}'; it cannot also discover '{service}'.");
            }

            if (descriptor.ServiceType == typeof(EndpointGroup) && descriptor.IsKeyedService && Equals(descriptor.ServiceKey, name))
            {
                throw new InvalidOperationException($"The endpoint group '{name}' is already registered with endpoints of its own (AddEndpointGroup); a group takes its endpoints either from its options or from service discovery of '{service}', not both.");
            }
        }

        services.AddSingleton(new ServiceDiscoveryGroupRegistration(name, service));
        if (!services.Any(d => d.ServiceType == typeof(IServiceEndpointProviderFactory)))
        {
            services.AddConfigurationServiceEndpointProvider();
        }

        services.AddServiceDiscoveryCore();
        services.Configure<EndpointGroupOptions>(name, static options => options.EndpointsFromDiscovery = true);
        services.AddKeyedSingleton(name, (provider, _) => new ServiceDiscoveryGroupUpdater(
            provider.GetRequiredService<ServiceEndpointResolver>(),
            service,
            provider.GetRequiredService<IOptions<ServiceDiscoveryOptions>>().Value.RefreshPeriod,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Resilient.ServiceDiscovery")));
        return true;
    }

    /// <summary>Wraps the group's keyed factory so discovery starts whenever the group is created, by a client or by anyone resolving it.</summary>
    private static void StartDiscoveryWithGroup(IServiceCollection services, string name)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(EndpointGroup) && descriptor.IsKeyedService && Equals(descriptor.ServiceKey, name)
                && descriptor.KeyedImplementationFactory is { } create)
            {
                services[i] = new ServiceDescriptor(typeof(EndpointGroup), name, (provider, key) =>
                {
                    var group = (EndpointGroup)create(provider, key);
                    var updater = provider.GetRequiredKeyedService<ServiceDiscoveryGroupUpdater>(key);
                    group.Own(updater);
                    updater.Start(group);
                    return group;
                }, ServiceLifetime.Singleton);
                return;
            }
        }

        throw new InvalidOperationException($"The endpoint group '{name}' was not registered as a keyed singleton by AddEndpointGroup; Resilient.ServiceDiscovery and Resilient.Http versions do not match.");
    }
}
