namespace Resilient;

/// <summary>
/// The health bookkeeping of one endpoint. The counters the success path touches are written lock-free; everything
/// else is read and written only under the group's writer lock.
/// </summary>
internal sealed class EndpointHealth
{
    public EndpointHealth(OutcomeWindow window) => Window = window;

    // --- lock-free: success path and trial claim ---

    /// <summary>Failures (failure outcomes and timeouts) since the last success.</summary>
    public int ConsecutiveFailures;

    /// <summary>Unreachable outcomes since the last answer.</summary>
    public int ConsecutiveUnreachable;

    /// <summary>
    /// 0 while this endpoint's pending trial is free; otherwise the timestamp at which a pick claimed it. Reset under
    /// the lock when the trial ends; a claim older than the group's stale-claim time may be taken over by another pick.
    /// </summary>
    public long TrialToken;

    /// <summary>Non-zero while the tracker must see every outcome under the lock (not healthy, or a trial pending).</summary>
    public volatile int Watch;

    public OutcomeWindow Window { get; }

    // --- under the writer lock ---

    public EndpointHealthStatus Status { get; set; }

    /// <summary>Gets or sets a value indicating whether one trial request may now decide (ejection or backoff over).</summary>
    public bool TrialPending { get; set; }

    /// <summary>Gets or sets when the current ejection, backoff or throttle ends (group timestamp units).</summary>
    public long UntilTimestamp { get; set; }

    public int EjectionCount { get; set; }

    public long LastEjectionEndTimestamp { get; set; }

    public int UnreachableTrials { get; set; }

    /// <summary>Gets or sets when slow start began, or <see cref="long.MinValue"/> when the endpoint is at full weight.</summary>
    public long SlowStartBeginTimestamp { get; set; } = long.MinValue;

    /// <summary>Gets or sets the slow-start step published in the current snapshot.</summary>
    public int SlowStartStep { get; set; } = HealthDefaults.SlowStartSteps;

    public string? Reason { get; set; }

    /// <summary>Gets or sets a short, bounded code for the last time the endpoint went out (a metric tag and log field).</summary>
    public string ReasonCode { get; set; } = "none";

    public bool IsOutlierEjected => Status == EndpointHealthStatus.Ejected;

    public void UpdateWatch() => Watch = Status != EndpointHealthStatus.Healthy || TrialPending ? 1 : 0;
}
