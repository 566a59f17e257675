using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Resilient.Http;

/// <summary>Creates the keyed singleton <see cref="ChaosController"/> of a group from its validated options.</summary>
internal static class ChaosControllerFactory
{
    public static ChaosController Create(IServiceProvider provider, string groupName)
    {
        var group = provider.GetKeyedService<EndpointGroup>(groupName)
            ?? throw new InvalidOperationException($"AddChaos: no endpoint group named '{groupName}' is registered; add it with AddEndpointGroup(\"{groupName}\", ...) or AddEndpointGroup(section).");
        var options = provider.GetRequiredService<IOptionsMonitor<ChaosOptions>>().Get(groupName);
        var logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(ChaosDefaults.LoggerCategory);
        var controller = new ChaosController(group, options, logger);
        var registration = provider.GetServices<ChaosRegistration>().LastOrDefault(r => r.GroupName == groupName && r.Section is not null);
        if (registration?.Section is { } section)
        {
            group.Own(new ChaosReloader(controller, section, registration.ConfigurationPath, logger));
        }

        return controller;
    }
}
