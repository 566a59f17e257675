namespace Resilient.Drills;

/// <summary>
/// A drill's faults over time: phases run one after another, each beginning with its actions.
/// </summary>
/// <example><code>
/// var script = new DrillScript("zone outage")
///     .Phase("steady", TimeSpan.FromSeconds(5))
///     .Phase("zone eu-1 down", TimeSpan.FromSeconds(10), DrillAction.TakeDown(DrillTarget.Zone("eu-1")))
///     .Phase("recovered", TimeSpan.FromSeconds(10), DrillAction.RestoreAll());
/// </code></example>
public sealed class DrillScript
{
    private readonly List<DrillPhase> _phases = [];

    /// <summary>Creates an empty script.</summary>
    /// <param name="name">The drill's name, shown in reports.</param>
    public DrillScript(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the drill's name.</summary>
    public string Name { get; }

    /// <summary>Gets the phases, in order.</summary>
    public IReadOnlyList<DrillPhase> Phases => _phases;

    /// <summary>Gets the total of the phases' durations.</summary>
    public TimeSpan Duration => _phases.Aggregate(TimeSpan.Zero, (total, phase) => total + phase.Duration);

    /// <summary>Appends a phase.</summary>
    /// <param name="name">The phase's name.</param>
    /// <param name="duration">How long it lasts; positive.</param>
    /// <param name="actions">What happens when it begins.</param>
    /// <returns>This script, for chaining.</returns>
    public DrillScript Phase(string name, TimeSpan duration, params DrillAction[] actions)
    {
        _phases.Add(new DrillPhase(name, duration, actions));
        return this;
    }

    /// <summary>Appends a phase.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>This script, for chaining.</returns>
    public DrillScript Phase(DrillPhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        _phases.Add(phase);
        return this;
    }
}
