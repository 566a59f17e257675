using System.Globalization;
using Resilient.Http;

namespace Resilient.Drills;

/// <summary>
/// One step of a drill, carried out when its phase begins: a fault on a target (taken down, slowed, failing,
/// resetting), an operator drain, the user's own action, or a restore. Faults stay until a restore of the same target
/// or <see cref="RestoreAll"/>; whatever is still in force when the drill ends is undone then.
/// </summary>
public sealed class DrillAction
{
    private DrillAction(DrillActionKind kind, string description, DrillTarget? target)
    {
        Kind = kind;
        Description = description;
        Target = target;
    }

    /// <summary>Gets what the action does, in words (shown in reports).</summary>
    public string Description { get; }

    /// <summary>Gets the endpoints the action acts on; <see langword="null"/> for <see cref="RestoreAll"/> and untargeted custom actions.</summary>
    public DrillTarget? Target { get; }

    internal DrillActionKind Kind { get; }

    internal ChaosFaultOptions? Fault { get; private init; }

    internal Func<CancellationToken, ValueTask>? Apply { get; private init; }

    internal Func<CancellationToken, ValueTask>? Undo { get; private init; }

    /// <summary>Takes the target down: its connections are refused (needs chaos enabled for the group).</summary>
    /// <param name="target">The endpoint, zone or tier.</param>
    /// <returns>The action.</returns>
    public static DrillAction TakeDown(DrillTarget target) => FaultOn(target, ChaosFaultKind.Refuse, 1, $"take {Required(target)} down");

    /// <summary>Slows the target: <paramref name="latency"/> is added to its attempts (needs chaos enabled for the group).</summary>
    /// <param name="target">The endpoint, zone or tier.</param>
    /// <param name="latency">The added delay; positive.</param>
    /// <param name="rate">The share of attempts slowed, from 0 to 1.</param>
    /// <returns>The action.</returns>
    public static DrillAction Slow(DrillTarget target, TimeSpan latency, double rate = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(latency, TimeSpan.Zero);
        var action = FaultOn(target, ChaosFaultKind.Latency, rate, $"slow {Required(target)} by {latency.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms{Rate(rate)}");
        action.Fault!.Latency = latency;
        return action;
    }

    /// <summary>Makes the target fail: its attempts are answered with <paramref name="statusCode"/> (needs chaos enabled for the group).</summary>
    /// <param name="target">The endpoint, zone or tier.</param>
    /// <param name="statusCode">The status answered, from 200 to 599.</param>
    /// <param name="rate">The share of attempts that fail, from 0 to 1.</param>
    /// <returns>The action.</returns>
    public static DrillAction Fail(DrillTarget target, int statusCode = 500, double rate = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        var action = FaultOn(target, ChaosFaultKind.Status, rate, $"{Required(target)} answers {statusCode}{Rate(rate)}");
        action.Fault!.StatusCode = statusCode;
        return action;
    }

    /// <summary>Resets the target's connections after it received the request (needs chaos enabled for the group).</summary>
    /// <param name="target">The endpoint, zone or tier.</param>
    /// <param name="rate">The share of attempts reset, from 0 to 1.</param>
    /// <returns>The action.</returns>
    public static DrillAction Reset(DrillTarget target, double rate = 1) =>
        FaultOn(target, ChaosFaultKind.Reset, rate, $"reset {Required(target)}'s connections{Rate(rate)}");

    /// <summary>Drains one endpoint, as an operator would for maintenance (<see cref="EndpointGroup.Drain"/>); restoring it undoes the drain.</summary>
    /// <param name="nameOrAddress">The endpoint's name or address.</param>
    /// <returns>The action.</returns>
    public static DrillAction Drain(string nameOrAddress)
    {
        var target = DrillTarget.Endpoint(nameOrAddress);
        return new DrillAction(DrillActionKind.Drain, $"drain {target}", target);
    }

    /// <summary>Runs the caller's own action (stop a process, cut a link); <paramref name="restore"/> undoes it on a restore of the same target or of everything.</summary>
    /// <param name="description">What the action does, for the report.</param>
    /// <param name="apply">Carries the action out.</param>
    /// <param name="restore">Undoes it; optional.</param>
    /// <param name="target">The endpoints it affects, so the report measures how traffic left and returned; optional.</param>
    /// <returns>The action.</returns>
    public static DrillAction Custom(string description, Func<CancellationToken, ValueTask> apply, Func<CancellationToken, ValueTask>? restore = null, DrillTarget? target = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(apply);
        return new DrillAction(DrillActionKind.Custom, description, target) { Apply = apply, Undo = restore };
    }

    /// <summary>Undoes the earlier actions on exactly this target (the same endpoint, zone or tier).</summary>
    /// <param name="target">The target the actions were given.</param>
    /// <returns>The action.</returns>
    public static DrillAction Restore(DrillTarget target) => new(DrillActionKind.Restore, $"restore {Required(target)}", target);

    /// <summary>Undoes every earlier action, latest first.</summary>
    /// <returns>The action.</returns>
    public static DrillAction RestoreAll() => new(DrillActionKind.RestoreAll, "restore everything", null);

    /// <inheritdoc />
    public override string ToString() => Description;

    private static DrillAction FaultOn(DrillTarget target, ChaosFaultKind kind, double rate, string description)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be between 0 and 1.");
        }

        var fault = target.ToFault(kind);
        fault.Rate = rate;
        return new DrillAction(DrillActionKind.Fault, description, target) { Fault = fault };
    }

    private static DrillTarget Required(DrillTarget target) => target ?? throw new ArgumentNullException(nameof(target));

    private static string Rate(double rate) => rate >= 1 ? "" : $" ({(rate * 100).ToString("0.##", CultureInfo.InvariantCulture)} % of attempts)";
}
