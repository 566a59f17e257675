namespace Resilient;

/// <summary>The configuration of one endpoint group (<c>Resilient:Groups:{name}</c>).</summary>
public sealed class EndpointGroupOptions
{
    /// <summary>Gets the group's endpoints; at least one is required.</summary>
    public IList<EndpointOptions> Endpoints { get; } = new List<EndpointOptions>();

    /// <summary>Gets or sets the name of the load balancer (one of <see cref="LoadBalancers"/>, or a registered custom one).</summary>
    /// <value>The default is <c>PeakEwma</c>.</value>
    public string LoadBalancer { get; set; } = LoadBalancingDefaults.LoadBalancer;
}
