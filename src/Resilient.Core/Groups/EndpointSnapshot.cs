namespace Resilient;

/// <summary>One endpoint's state at the moment <see cref="EndpointGroup.GetSnapshot"/> was called.</summary>
public sealed class EndpointSnapshot
{
    internal EndpointSnapshot(Endpoint endpoint, EndpointState state, double effectiveWeight, double tierShare, int inFlight, TimeSpan? latencyEstimate, long completed)
    {
        Endpoint = endpoint;
        State = state;
        EffectiveWeight = effectiveWeight;
        TierShare = tierShare;
        InFlight = inFlight;
        LatencyEstimate = latencyEstimate;
        CompletedCount = completed;
    }

    /// <summary>Gets the endpoint's description.</summary>
    public Endpoint Endpoint { get; }

    /// <summary>Gets the endpoint's name.</summary>
    public string Name => Endpoint.Name;

    /// <summary>Gets the endpoint's tier.</summary>
    public int Tier => Endpoint.Tier;

    /// <summary>Gets the endpoint's zone, if any.</summary>
    public string? Zone => Endpoint.Zone;

    /// <summary>Gets whether the endpoint takes new calls and, if not, why.</summary>
    public EndpointState State { get; }

    /// <summary>Gets the weight balancers use now (0 while out of rotation).</summary>
    public double EffectiveWeight { get; }

    /// <summary>Gets the share of new calls the endpoint's tier takes now (0 to 1).</summary>
    public double TierShare { get; }

    /// <summary>Gets the number of attempts in flight.</summary>
    public int InFlight { get; }

    /// <summary>Gets the decayed peak-EWMA latency estimate, or <see langword="null"/> before the first completion.</summary>
    public TimeSpan? LatencyEstimate { get; }

    /// <summary>Gets the number of attempts completed, whatever their outcome.</summary>
    public long CompletedCount { get; }

    /// <summary>Gets why the endpoint is out of rotation (for example "5 consecutive failures"), or null when it is available.</summary>
    public string? Reason { get; internal init; }

    /// <summary>Gets when the current ejection, backoff or throttle ends, for those states.</summary>
    public DateTimeOffset? Until { get; internal init; }

    /// <summary>Gets the ejection multiplier: how many ejections in a row the endpoint has had (decays while it stays healthy).</summary>
    public int EjectionCount { get; internal init; }

    /// <summary>Gets the failures recorded since the endpoint's last success.</summary>
    public int ConsecutiveFailures { get; internal init; }
}
