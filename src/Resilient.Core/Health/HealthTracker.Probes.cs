namespace Resilient;

/// <summary>Verdicts of active probes: failed probes make an endpoint unreachable, a good probe brings it back.</summary>
internal sealed partial class HealthTracker : IProbeResultSink
{
    public void OnProbeHealthy(EndpointRuntime runtime)
    {
        lock (_group.WriteLock)
        {
            if (_disposed || runtime.IsRemoved || runtime.Health.Status != EndpointHealthStatus.Unreachable)
            {
                return;
            }

            var now = _clock.GetTimestamp();
            var before = _group.StateOf(runtime);
            RestoreLocked(runtime, now);
            Changed(runtime, before, now);
        }

        Dispatch();
    }

    public void OnProbeUnhealthy(EndpointRuntime runtime, string? reason)
    {
        lock (_group.WriteLock)
        {
            var health = runtime.Health;
            if (_disposed || runtime.IsRemoved)
            {
                return;
            }

            if (health.Status is EndpointHealthStatus.Unreachable or EndpointHealthStatus.Ejected)
            {
                // Already out; ask to hear the verdict again once the endpoint is back, so a probe can take it out then.
                _group.Prober?.RequestReport(runtime);
                return;
            }

            var now = _clock.GetTimestamp();
            var before = _group.StateOf(runtime);
            MarkUnreachableLocked(runtime, now, reason is null ? "active probe failed" : $"active probe failed: {reason}", "probe_failed");
            Changed(runtime, before, now);
        }

        Dispatch();
    }
}
