namespace Resilient;

/// <summary>The configuration of one endpoint group (<c>Resilient:Groups:{name}</c>).</summary>
public sealed class EndpointGroupOptions
{
    /// <summary>Gets the group's endpoints; at least one is required.</summary>
    public IList<EndpointOptions> Endpoints { get; } = new List<EndpointOptions>();

    /// <summary>Gets or sets the name of the load balancer (one of <see cref="LoadBalancers"/>, or a registered custom one).</summary>
    /// <value>The default is <c>PeakEwma</c>.</value>
    public string LoadBalancer { get; set; } = LoadBalancingDefaults.LoadBalancer;

    /// <summary>Gets the failover settings: attempts, timeouts, retry budget, hedging, replay.</summary>
    public FailoverOptions Failover { get; } = new();

    /// <summary>Gets the outlier-ejection settings.</summary>
    public PassiveHealthOptions PassiveHealth { get; } = new();

    /// <summary>Gets the active probing settings (off by default).</summary>
    public ActiveHealthOptions ActiveHealth { get; } = new();

    /// <summary>Gets or sets how long a re-admitted or newly added endpoint takes to ramp from 10 % to 100 % of its weight; zero turns slow start off.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan SlowStartWindow { get; set; } = HealthDefaults.SlowStartWindow;

    /// <summary>
    /// Gets or sets the caller's zone. When set, endpoints in this zone take each tier's traffic while at least 71.4 %
    /// of their weight is available; the shortfall spills to the tier's other zones.
    /// </summary>
    /// <value>The default is none (no zone preference).</value>
    public string? LocalZone { get; set; }

    /// <summary>Gets problems found while binding configuration onto these options (unknown keys, unparsable values), reported at validation.</summary>
    internal List<string> BindingErrors { get; } = [];

    /// <summary>
    /// Gets or sets whether the endpoints come from a discovery source that fills the live group after it is created
    /// (Resilient.ServiceDiscovery), so an empty <see cref="Endpoints"/> list is valid.
    /// </summary>
    internal bool EndpointsFromDiscovery { get; set; }
}
