namespace Resilient.Drills;

/// <summary>
/// One stretch of a drill during which an endpoint was under the drill's faults, from the first action that affected
/// it to the restore that freed it: how fast traffic and the group's health reacted, and how fast they recovered.
/// </summary>
public sealed class DrillFaultEpisode
{
    internal DrillFaultEpisode()
    {
    }

    /// <summary>Gets the actions in force on the endpoint during the episode, in words.</summary>
    public IReadOnlyList<string> Faults { get; internal init; } = [];

    /// <summary>Gets when the first fault began, from the drill's start.</summary>
    public TimeSpan Start { get; internal init; }

    /// <summary>Gets when the restore that freed the endpoint began; <see langword="null"/> when it was still faulted at the drill's end.</summary>
    public TimeSpan? RestoredAt { get; internal init; }

    /// <summary>
    /// Gets how long after <see cref="Start"/> the endpoint's attempt rate fell to at most
    /// <see cref="DrillOptions.TrafficLeftFraction"/> of its steady-state rate; <see langword="null"/> when it never
    /// did during the episode, or the endpoint had no steady-state traffic.
    /// </summary>
    public TimeSpan? TrafficLeftAfter { get; internal init; }

    /// <summary>Gets how long after <see cref="Start"/> the group took the endpoint out of rotation; <see langword="null"/> when it stayed in.</summary>
    public TimeSpan? LeftRotationAfter { get; internal init; }

    /// <summary>Gets the state the endpoint went to when it left rotation (for example <see cref="EndpointState.Unreachable"/>).</summary>
    public EndpointState? LeftRotationAs { get; internal init; }

    /// <summary>Gets how long after <see cref="RestoredAt"/> the group put the endpoint back in rotation; <see langword="null"/> when it was not out then, or did not return within the drill.</summary>
    public TimeSpan? BackInRotationAfter { get; internal init; }

    /// <summary>
    /// Gets how long after <see cref="RestoredAt"/> the endpoint's attempt rate reached
    /// <see cref="DrillOptions.TrafficReturnedFraction"/> of its steady-state rate; <see langword="null"/> when it did
    /// not within the drill.
    /// </summary>
    public TimeSpan? TrafficReturnedAfter { get; internal init; }

    /// <summary>Gets the attempts on the endpoint during the episode.</summary>
    public long Attempts { get; internal init; }

    /// <summary>Gets how many of those attempts failed (each one the group failed over or returned).</summary>
    public long FailedAttempts { get; internal init; }
}
