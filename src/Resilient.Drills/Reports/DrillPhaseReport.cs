namespace Resilient.Drills;

/// <summary>One phase of a drill: its calls as callers saw them, latency percentiles and where traffic went.</summary>
public sealed class DrillPhaseReport
{
    internal DrillPhaseReport()
    {
    }

    /// <summary>Gets the phase's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the actions carried out when the phase began, in words.</summary>
    public IReadOnlyList<string> Actions { get; internal init; } = [];

    /// <summary>Gets when the phase began, from the drill's start.</summary>
    public TimeSpan Start { get; internal init; }

    /// <summary>Gets when the phase ended, from the drill's start.</summary>
    public TimeSpan End { get; internal init; }

    /// <summary>Gets the calls started during the phase.</summary>
    public long Calls { get; internal init; }

    /// <summary>Gets how many of those calls failed, as their callers saw it.</summary>
    public long FailedCalls { get; internal init; }

    /// <summary>Gets the attempts beyond a call's first (retries and hedges) made during the phase.</summary>
    public long ExtraAttempts { get; internal init; }

    /// <summary>Gets the median call duration.</summary>
    public TimeSpan P50 { get; internal init; }

    /// <summary>Gets the 90th percentile of call durations.</summary>
    public TimeSpan P90 { get; internal init; }

    /// <summary>Gets the 99th percentile of call durations.</summary>
    public TimeSpan P99 { get; internal init; }

    /// <summary>Gets the longest call.</summary>
    public TimeSpan Max { get; internal init; }

    /// <summary>Gets each endpoint's share of the attempts started during the phase, from 0 to 1, in configuration order.</summary>
    public IReadOnlyDictionary<string, double> TrafficShare { get; internal init; } = new Dictionary<string, double>();
}
