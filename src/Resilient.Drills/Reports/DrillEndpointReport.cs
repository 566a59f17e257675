namespace Resilient.Drills;

/// <summary>One endpoint over a whole drill.</summary>
public sealed class DrillEndpointReport
{
    internal DrillEndpointReport()
    {
    }

    /// <summary>Gets the endpoint's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the endpoint's zone, if any.</summary>
    public string? Zone { get; internal init; }

    /// <summary>Gets the endpoint's tier.</summary>
    public int Tier { get; internal init; }

    /// <summary>Gets the attempts on the endpoint during the drill.</summary>
    public long Attempts { get; internal init; }

    /// <summary>Gets how many of those attempts failed.</summary>
    public long FailedAttempts { get; internal init; }

    /// <summary>Gets the endpoint's share of all the group's attempts, from 0 to 1.</summary>
    public double Share { get; internal init; }

    /// <summary>Gets the stretches during which the endpoint was under the drill's faults.</summary>
    public IReadOnlyList<DrillFaultEpisode> Episodes { get; internal init; } = [];
}
