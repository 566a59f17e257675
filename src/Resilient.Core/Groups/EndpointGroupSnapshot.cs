namespace Resilient;

/// <summary>A point-in-time view of a group, for dashboards, health checks and tests.</summary>
public sealed class EndpointGroupSnapshot
{
    internal EndpointGroupSnapshot(string groupName, string loadBalancer, long version, IReadOnlyList<EndpointSnapshot> endpoints, bool isSpilling)
    {
        IsSpilling = isSpilling;
        GroupName = groupName;
        LoadBalancer = loadBalancer;
        Version = version;
        Endpoints = endpoints;
    }

    /// <summary>Gets the group's name.</summary>
    public string GroupName { get; }

    /// <summary>Gets the name of the group's load balancer.</summary>
    public string LoadBalancer { get; }

    /// <summary>Gets the number of selection snapshots the group has published (grows with every change).</summary>
    public long Version { get; }

    /// <summary>Gets a value indicating whether new calls may go beyond the primary tier (or local zone) because it lacks capacity.</summary>
    public bool IsSpilling { get; }

    /// <summary>Gets every endpoint of the group, in configuration order.</summary>
    public IReadOnlyList<EndpointSnapshot> Endpoints { get; }
}
