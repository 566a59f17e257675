namespace Resilient;

/// <summary>Whether an endpoint takes new calls and, if not, why.</summary>
public enum EndpointState
{
    /// <summary>In rotation.</summary>
    Available = 0,

    /// <summary>Taken out by an operator (<see cref="EndpointGroup.Drain"/>); in-flight calls finish, no new ones start.</summary>
    Drained = 1,

    /// <summary>No longer part of the group; in-flight calls finish, no new ones start.</summary>
    Removed = 2,
}
