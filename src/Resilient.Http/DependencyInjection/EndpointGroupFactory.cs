using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Resilient.Http;

/// <summary>Creates the keyed singleton <see cref="EndpointGroup"/> for a name from its validated options.</summary>
internal static class EndpointGroupFactory
{
    public static EndpointGroup Create(IServiceProvider provider, string name)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<EndpointGroupOptions>>().Get(name);
        var probe = options.ActiveHealth.Enabled ? new HttpEndpointProbe(options.ActiveHealth.Path) : null;
        var group = new EndpointGroup(
            name,
            options,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<LoadBalancerRegistry>(),
            probe);
        if (probe is not null)
        {
            group.Own(probe);
        }

        return group;
    }
}
