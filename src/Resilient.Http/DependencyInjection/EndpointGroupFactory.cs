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
        var probe = options.ActiveHealth.Enabled ? new HttpEndpointProbe(options.ActiveHealth.Path) : null;
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
        new GroupEventLogger(loggers.CreateLogger("Resilient.EndpointGroup"), time).Attach(group);

        return group;
    }
}
