namespace Resilient.Drills;

/// <summary>A named stretch of a drill: its actions are carried out when it begins, then traffic runs for its duration.</summary>
public sealed class DrillPhase
{
    /// <summary>Creates a phase.</summary>
    /// <param name="name">The phase's name, shown in reports and charts.</param>
    /// <param name="duration">How long the phase lasts; positive.</param>
    /// <param name="actions">What happens when it begins (none for a steady-state phase).</param>
    public DrillPhase(string name, TimeSpan duration, IEnumerable<DrillAction>? actions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        Name = name;
        Duration = duration;
        Actions = actions is null ? [] : [.. actions];
        if (Actions.Any(a => a is null))
        {
            throw new ArgumentException($"Phase '{name}' has a null action.", nameof(actions));
        }
    }

    /// <summary>Gets the phase's name.</summary>
    public string Name { get; }

    /// <summary>Gets how long the phase lasts.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets what happens when the phase begins, in order.</summary>
    public IReadOnlyList<DrillAction> Actions { get; }
}
