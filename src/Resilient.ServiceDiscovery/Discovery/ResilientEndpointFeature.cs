namespace Resilient.ServiceDiscovery;

/// <summary>
/// A ready-made <see cref="IResilientEndpointFeature"/> for service endpoint providers:
/// <c>endpoint.Features.Set&lt;IResilientEndpointFeature&gt;(new ResilientEndpointFeature { Weight = 2, Zone = "eu-1" })</c>.
/// </summary>
public sealed class ResilientEndpointFeature : IResilientEndpointFeature
{
    /// <summary>Gets or sets a short stable name for logs, metrics and drain commands.</summary>
    /// <value>The default is none: the address's authority (plus its base path, if any).</value>
    public string? Name { get; set; }

    /// <summary>Gets or sets the endpoint's relative share of traffic; must be positive.</summary>
    /// <value>The default is 1.</value>
    public int Weight { get; set; } = EndpointDefaults.Weight;

    /// <summary>Gets or sets the tier: 0 is primary, 1, 2, ... are standby tiers.</summary>
    /// <value>The default is 0.</value>
    public int Tier { get; set; } = EndpointDefaults.Tier;

    /// <summary>Gets or sets the endpoint's zone (locality), such as <c>eu-1</c>.</summary>
    /// <value>The default is none.</value>
    public string? Zone { get; set; }

    /// <summary>Gets or sets free-form metadata for custom load balancers and diagnostics.</summary>
    /// <value>The default is none.</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }
}
