namespace Resilient.ServiceDiscovery;

/// <summary>
/// Describes how a discovered endpoint takes part in its endpoint group. A service endpoint provider (a custom
/// <c>IServiceEndpointProvider</c>, for example one reading a registry that knows zones and weights) sets it on
/// <c>ServiceEndpoint.Features</c>; endpoints without it join with weight 1, tier 0 and no zone.
/// </summary>
public interface IResilientEndpointFeature
{
    /// <summary>Gets a short stable name for logs, metrics and drain commands, or <see langword="null"/> for the default (the address's authority and base path).</summary>
    string? Name { get; }

    /// <summary>Gets the endpoint's relative share of traffic; must be positive.</summary>
    int Weight { get; }

    /// <summary>Gets the endpoint's tier: 0 is primary, 1, 2, ... are standby tiers.</summary>
    int Tier { get; }

    /// <summary>Gets the endpoint's zone (locality), or <see langword="null"/> for none.</summary>
    string? Zone { get; }

    /// <summary>Gets free-form metadata for custom load balancers and diagnostics, or <see langword="null"/> for none.</summary>
    IReadOnlyDictionary<string, string>? Metadata { get; }
}
