namespace Resilient.ServiceDiscovery;

/// <summary>Records that the group <see cref="Name"/> takes its endpoints from service discovery, and for which service.</summary>
internal sealed class ServiceDiscoveryGroupRegistration(string name, ServiceAddress service)
{
    public string Name { get; } = name;

    public ServiceAddress Service { get; } = service;
}
