namespace Resilient;

/// <summary>
/// Receives the verdicts of <see cref="ActiveHealthProber"/>: transitions, not individual probes. The health tracker
/// implements it.
/// </summary>
/// <remarks>
/// <para>
/// Calls come from timer and thread-pool threads with no lock of the prober held, so an implementation may take the
/// group's writer lock (and the holder of that lock may call <see cref="ActiveHealthProber.UpdateEndpoints"/>).
/// Calls for one endpoint never overlap and arrive in order; calls for different endpoints may be concurrent.
/// </para>
/// <para>
/// A call may arrive just after the endpoint was removed or the prober disposed (the probe finished while that
/// happened), so check the endpoint is still a member. Implementations must not throw; an exception is swallowed.
/// </para>
/// </remarks>
internal interface IProbeResultSink
{
    /// <summary>
    /// <see cref="ActiveHealthOptions.HealthyThreshold"/> probes in a row succeeded and the prober had not yet said so:
    /// the first verdict for a new endpoint, the recovery after <see cref="OnProbeUnhealthy"/>, or the next verdict
    /// after <see cref="ActiveHealthProber.RequestReport"/>. Re-admit the endpoint if probes or unreachability took it
    /// out; otherwise there is nothing to do.
    /// </summary>
    /// <param name="runtime">The endpoint.</param>
    void OnProbeHealthy(EndpointRuntime runtime);

    /// <summary>
    /// <see cref="ActiveHealthOptions.UnhealthyThreshold"/> probes in a row failed (unhealthy answer, exception or
    /// timeout) and the prober had not yet said so: take the endpoint out as unreachable.
    /// </summary>
    /// <param name="runtime">The endpoint.</param>
    /// <param name="reason">The last failed probe's reason, if any.</param>
    void OnProbeUnhealthy(EndpointRuntime runtime, string? reason);
}
