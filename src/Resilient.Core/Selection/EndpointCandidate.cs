namespace Resilient;

/// <summary>One endpoint a load balancer may pick, with the weight it should receive right now.</summary>
public readonly struct EndpointCandidate
{
    /// <summary>Creates a candidate.</summary>
    /// <param name="runtime">The endpoint's live state.</param>
    /// <param name="weight">The effective weight (the configured weight, reduced during slow start); positive.</param>
    public EndpointCandidate(EndpointRuntime runtime, double weight)
    {
        Runtime = runtime;
        Weight = weight;
    }

    /// <summary>Gets the endpoint's live state (in-flight count, latency estimate).</summary>
    public EndpointRuntime Runtime { get; }

    /// <summary>Gets the effective weight: the configured weight, reduced while the endpoint is in slow start.</summary>
    public double Weight { get; }

    /// <summary>Gets the endpoint's description.</summary>
    public Endpoint Endpoint => Runtime.Endpoint;
}
