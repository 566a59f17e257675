namespace Resilient.Drills;

/// <summary>The group and its callers over one sampling interval of a drill (see <see cref="DrillOptions.SampleInterval"/>).</summary>
public sealed class DrillSample
{
    internal DrillSample()
    {
    }

    /// <summary>Gets when the sample was taken, from the drill's start.</summary>
    public TimeSpan Offset { get; internal init; }

    /// <summary>Gets the phase running when the sample was taken.</summary>
    public string Phase { get; internal init; } = "";

    /// <summary>Gets the calls that completed during the interval.</summary>
    public long Calls { get; internal init; }

    /// <summary>Gets how many of those calls failed, as their callers saw it.</summary>
    public long FailedCalls { get; internal init; }

    /// <summary>Gets the attempts beyond a call's first (retries and hedges) made during the interval.</summary>
    public long ExtraAttempts { get; internal init; }

    /// <summary>Gets the 99th percentile of the call durations during the interval; <see langword="null"/> without calls.</summary>
    public TimeSpan? P99 { get; internal init; }

    /// <summary>Gets every endpoint of the group, in configuration order.</summary>
    public IReadOnlyList<DrillEndpointSample> Endpoints { get; internal init; } = [];
}
