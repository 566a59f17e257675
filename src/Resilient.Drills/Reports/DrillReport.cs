namespace Resilient.Drills;

/// <summary>
/// What a drill did and what callers saw: calls and failed calls, extra attempts, latency per phase, where traffic
/// went over time, and for each endpoint under fault how fast traffic left it and came back. Renders as text
/// (<see cref="ToText"/>) and JSON (<see cref="ToJson"/>); <c>Resilient.Drills.Charts</c> draws it.
/// </summary>
public sealed class DrillReport
{
    internal DrillReport()
    {
    }

    /// <summary>Gets the drill's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the group's name.</summary>
    public string GroupName { get; internal init; } = "";

    /// <summary>Gets the group's load balancer.</summary>
    public string LoadBalancer { get; internal init; } = "";

    /// <summary>Gets the traffic the drill ran, in words.</summary>
    public string Traffic { get; internal init; } = "";

    /// <summary>Gets when the drill started.</summary>
    public DateTimeOffset StartedAt { get; internal init; }

    /// <summary>Gets how long the drill ran.</summary>
    public TimeSpan Duration { get; internal init; }

    /// <summary>Gets the calls made.</summary>
    public long Calls { get; internal init; }

    /// <summary>Gets the calls that failed, as their callers saw it (an exception, a failure status, a callback's <see langword="false"/>).</summary>
    public long FailedCalls { get; internal init; }

    /// <summary>Gets a value indicating whether every call succeeded.</summary>
    public bool Succeeded => FailedCalls == 0;

    /// <summary>Gets the attempts the group made on its endpoints.</summary>
    public long Attempts { get; internal init; }

    /// <summary>Gets the attempts beyond each call's first: <see cref="Retries"/> plus <see cref="Hedges"/>.</summary>
    public long ExtraAttempts => Retries + Hedges;

    /// <summary>Gets the retries (a failed attempt sent again to another endpoint).</summary>
    public long Retries { get; internal init; }

    /// <summary>Gets the hedges (a slow attempt raced on another endpoint).</summary>
    public long Hedges { get; internal init; }

    /// <summary>Gets how many retries the retry budget refused.</summary>
    public long RetryBudgetExhaustions { get; internal init; }

    /// <summary>Gets the most frequent errors callers saw, with how often each was seen, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Errors { get; internal init; } = [];

    /// <summary>Gets the phases, in order.</summary>
    public IReadOnlyList<DrillPhaseReport> Phases { get; internal init; } = [];

    /// <summary>Gets every endpoint of the group, in configuration order.</summary>
    public IReadOnlyList<DrillEndpointReport> Endpoints { get; internal init; } = [];

    /// <summary>Gets the samples taken during the drill (traffic share, state and latency over time).</summary>
    public IReadOnlyList<DrillSample> Samples { get; internal init; } = [];

    /// <summary>Renders the report as plain text: a summary, the phases, the endpoints under fault and the traffic share per phase.</summary>
    /// <returns>The text, lines ending with <see cref="Environment.NewLine"/>.</returns>
    public string ToText() => DrillTextWriter.Write(this);

    /// <summary>Renders the report as indented JSON, samples included; times are in seconds.</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => DrillJsonWriter.Write(this);

    /// <inheritdoc />
    public override string ToString() => DrillTextWriter.Summary(this);
}
