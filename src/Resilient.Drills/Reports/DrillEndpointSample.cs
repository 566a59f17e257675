namespace Resilient.Drills;

/// <summary>One endpoint in one <see cref="DrillSample"/>.</summary>
public sealed class DrillEndpointSample
{
    internal DrillEndpointSample()
    {
    }

    /// <summary>Gets the endpoint's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the endpoint's state when the sample was taken.</summary>
    public EndpointState State { get; internal init; }

    /// <summary>Gets the attempts on the endpoint that completed during the sample's interval.</summary>
    public long Attempts { get; internal init; }

    /// <summary>Gets how many of those attempts failed (failure status, timeout, unreachable, throttled).</summary>
    public long FailedAttempts { get; internal init; }

    /// <summary>Gets the endpoint's share of the group's attempts during the interval, from 0 to 1.</summary>
    public double Share { get; internal init; }

    /// <summary>Gets the group's latency estimate for the endpoint, if it has one.</summary>
    public TimeSpan? LatencyEstimate { get; internal init; }

    /// <summary>Gets the attempts in flight when the sample was taken.</summary>
    public int InFlight { get; internal init; }
}
