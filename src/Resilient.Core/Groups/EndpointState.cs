namespace Resilient;

/// <summary>Whether an endpoint takes new calls and, if not, why.</summary>
public enum EndpointState
{
    /// <summary>In rotation (possibly still ramping up in slow start: see the effective weight).</summary>
    Available = 0,

    /// <summary>Taken out by an operator (<see cref="EndpointGroup.Drain"/>); in-flight calls finish, no new ones start.</summary>
    Drained = 1,

    /// <summary>No longer part of the group; in-flight calls finish, no new ones start.</summary>
    Removed = 2,

    /// <summary>Reachable but failing (consecutive failures or failure rate); out until the ejection ends.</summary>
    Ejected = 3,

    /// <summary>Calls did not reach it (connection refused or reset, DNS, TLS) or active probes failed; out until a trial or probe succeeds.</summary>
    Unreachable = 4,

    /// <summary>It asked callers to back off (429, or 503 with Retry-After); out until then (at most 60 s).</summary>
    Throttled = 5,

    /// <summary>Its ejection or backoff is over: the next call may be sent to it as the one trial that decides whether it returns.</summary>
    InTrial = 6,
}
