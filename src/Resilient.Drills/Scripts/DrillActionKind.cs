namespace Resilient.Drills;

/// <summary>How the runner carries out a <see cref="DrillAction"/>.</summary>
internal enum DrillActionKind
{
    /// <summary>A chaos fault injected through the group's <c>ChaosController</c>; undone by disposing the injection.</summary>
    Fault,

    /// <summary>An operator drain of one endpoint; undone by restoring it.</summary>
    Drain,

    /// <summary>The user's own callbacks (stop a process, cut a network link).</summary>
    Custom,

    /// <summary>Undoes the earlier actions on the same target.</summary>
    Restore,

    /// <summary>Undoes every earlier action.</summary>
    RestoreAll,
}
