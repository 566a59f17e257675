using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Resilient;
using Resilient.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an endpoint group in front of an <see cref="HttpClient"/> built by <c>IHttpClientFactory</c>.</summary>
public static class EndpointGroupHttpClientBuilderExtensions
{
    private const string GrpcLoadBalancingDisabled = "__GrpcLoadBalancingDisabled";

    /// <summary>
    /// Sends the client's requests to the endpoints of the group <paramref name="name"/>, configured in code. Requests
    /// whose host is the group's name (<c>http://{name}/...</c>, typically the client's <c>BaseAddress</c>) or that
    /// are relative are re-addressed to a healthy endpoint and fail over; other requests pass through.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="name">The group's name; every client using it shares one <see cref="EndpointGroup"/> (a keyed singleton).</param>
    /// <param name="configure">Sets the group's endpoints and options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddEndpointGroup(this IHttpClientBuilder builder, string name, Action<EndpointGroupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder, name, $"Resilient:Groups:{name}", section: null).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Sends the client's requests to the endpoints of a group configured in a configuration section (the schema of
    /// <c>Resilient:Groups:{name}</c>); the group's name is the section's key. Invalid settings stop the host at
    /// start with messages that name the full key and the value.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="section">The group's section, for example <c>configuration.GetSection("Resilient:Groups:catalog")</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddEndpointGroup(this IHttpClientBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        Register(builder, section.Key, section.Path, section).Configure(options => EndpointGroupOptionsBinder.Bind(section, options, options.BindingErrors));
        return builder;
    }

    private static OptionsBuilder<EndpointGroupOptions> Register(IHttpClientBuilder builder, string name, string configurationPath, IConfigurationSection? section)
    {
        var services = builder.Services;
        services.AddLoadBalancerRegistry();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EndpointGroupOptions>, EndpointGroupOptionsValidation>());
        if (!services.Any(d => d.ServiceType == typeof(EndpointGroupRegistration) && d.ImplementationInstance is EndpointGroupRegistration r && r.Name == name))
        {
            services.AddSingleton(new EndpointGroupRegistration(name, configurationPath, section));
            services.AddKeyedSingleton(name, static (provider, key) => EndpointGroupFactory.Create(provider, (string)key!));
        }

        builder.AddHttpMessageHandler(provider => new EndpointGroupHandler(provider.GetRequiredKeyedService<EndpointGroup>(name)));

        // gRPC clients (AddGrpcClient) would otherwise run their own resolver and balancer over the logical address
        // ("http://greeter"), resolving it in DNS and connecting around this handler. The group does the balancing.
        builder.ConfigurePrimaryHttpMessageHandler(static (handler, _) =>
        {
            if (handler is SocketsHttpHandler sockets)
            {
                sockets.Properties[GrpcLoadBalancingDisabled] = true;
            }
        });
        return services.AddOptions<EndpointGroupOptions>(name).ValidateOnStart();
    }
}
