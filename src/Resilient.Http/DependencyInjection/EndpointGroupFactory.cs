using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Resilient.Http;

/// <summary>Creates the keyed singleton <see cref="EndpointGroup"/> for a name from its validated options.</summary>
internal static class EndpointGroupFactory
{
    public static EndpointGroup Create(IServiceProvider provider, string name)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<EndpointGroupOptions>>().Get(name);
        var probe = options.ActiveHealth.Enabled ? new HttpEndpointProbe(options.ActiveHealth.Path, new ChaosAwareProbeHandler(provider, name)) : null;
        var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        var group = new EndpointGroup(
            name,
            options,
            time,
            provider.GetRequiredService<LoadBalancerRegistry>(),
            probe);
        if (probe is not null)
        {
            group.Own(probe);
        }

        var loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("Resilient.EndpointGroup");
        new GroupEventLogger(logger, time).Attach(group);
        var registration = provider.GetServices<EndpointGroupRegistration>().LastOrDefault(r => r.Name == name);
        if (registration?.Section is { } section)
        {
            group.Own(new EndpointGroupReloader(group, section, provider.GetServices<Microsoft.Extensions.Options.IValidateOptions<EndpointGroupOptions>>(), logger));
        }

        return group;
    }
}
