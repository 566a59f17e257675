using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Resilient.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Puts fault injection (chaos) into a client that uses an endpoint group, for drills and tests. The faults act on each
/// attempt after the group picked its endpoint, so to the group they look like the endpoint failing. Nothing is
/// injected until <see cref="ChaosOptions.Enabled"/> is set, in code, in configuration or on the
/// <see cref="ChaosController"/> (a keyed singleton named like the group).
/// </summary>
public static class ChaosHttpClientBuilderExtensions
{
    /// <summary>Adds fault injection for the group <paramref name="groupName"/>, configured in code (off unless <see cref="ChaosOptions.Enabled"/> is set).</summary>
    /// <param name="builder">The client's builder; the client must use the group (<c>AddEndpointGroup</c>), in either order.</param>
    /// <param name="groupName">The group's name.</param>
    /// <param name="configure">Sets <see cref="ChaosOptions.Enabled"/> and the faults; optional, as faults can be switched on at run time through the <see cref="ChaosController"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddChaos(this IHttpClientBuilder builder, string groupName, Action<ChaosOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var options = Register(builder, groupName, $"Resilient:Groups:{groupName}:{ChaosDefaults.SectionKey}", section: null);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Adds fault injection configured by the <c>Chaos</c> child of a group's section
    /// (<c>Resilient:Groups:{name}:Chaos</c>; the group's name is the section's key). Edits of the section apply while
    /// the process runs; invalid settings stop the host at start with messages that name the full key.
    /// </summary>
    /// <param name="builder">The client's builder; the client must use the group (<c>AddEndpointGroup</c>), in either order.</param>
    /// <param name="groupSection">The group's section, the one given to <c>AddEndpointGroup</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddChaos(this IHttpClientBuilder builder, IConfigurationSection groupSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(groupSection);
        var section = groupSection.GetSection(ChaosDefaults.SectionKey);
        Register(builder, groupSection.Key, section.Path, section).Configure(options => ChaosOptionsBinder.Bind(section, options));
        return builder;
    }

    private static OptionsBuilder<ChaosOptions> Register(IHttpClientBuilder builder, string groupName, string path, IConfigurationSection? section)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ChaosHandlerFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChaosOptions>, ChaosOptionsValidation>());
        if (!services.Any(d => d.ServiceType == typeof(ChaosRegistration) && !d.IsKeyedService && d.ImplementationInstance is ChaosRegistration r && r.GroupName == groupName))
        {
            services.AddKeyedSingleton(groupName, static (provider, key) => ChaosControllerFactory.Create(provider, (string)key!));
        }

        services.AddSingleton(new ChaosRegistration(builder.Name, groupName, path, section));
        return services.AddOptions<ChaosOptions>(groupName).ValidateOnStart();
    }
}
