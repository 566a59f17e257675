namespace Resilient;

/// <summary>The state machine. Every method here runs under the group's writer lock.</summary>
internal sealed partial class HealthTracker
{
    private void RecordLocked(EndpointRuntime runtime, EndpointOutcome outcome, long now, TimeSpan retryAfter, bool trial, bool counted)
    {
        var health = runtime.Health;
        if (trial)
        {
            // Whatever happens next, this trial is over: the token must not stay claimed.
            health.TrialToken = 0;
        }

        if (runtime.IsRemoved || _disposed)
        {
            return;
        }

        var before = _group.StateOf(runtime);
        if (trial)
        {
            if (!health.TrialPending)
            {
                return;
            }

            switch (outcome)
            {
                case EndpointOutcome.Success:
                    RestoreLocked(runtime, now);
                    break;
                case EndpointOutcome.Cancelled:
                    return; // Says nothing about the endpoint: the next call takes the trial.
                case EndpointOutcome.Throttled:
                    health.TrialPending = false;
                    ThrottleLocked(runtime, now, retryAfter);
                    break;
                case EndpointOutcome.Unreachable:
                    MarkUnreachableLocked(runtime, now, "trial request could not reach it", "unreachable");
                    break;
                default:
                    if (health.Status == EndpointHealthStatus.Unreachable)
                    {
                        MarkUnreachableLocked(runtime, now, "trial request failed", "trial_failed");
                    }
                    else
                    {
                        EjectLocked(runtime, now, "trial request failed", "trial_failed", decay: false);
                    }

                    break;
            }

            Changed(runtime, before, now);
            return;
        }

        if (health.Status != EndpointHealthStatus.Healthy)
        {
            return; // Late answers from calls started before the endpoint went out do not move it.
        }

        switch (outcome)
        {
            case EndpointOutcome.Failure or EndpointOutcome.Timeout:
                if (!counted)
                {
                    health.Window.Record(now, failure: true);
                    Interlocked.Increment(ref health.ConsecutiveFailures);
                }

                var consecutive = Volatile.Read(ref health.ConsecutiveFailures);
                if (consecutive >= _options.ConsecutiveFailures)
                {
                    TryEjectOutlierLocked(runtime, now, $"{consecutive} consecutive failures", "consecutive_failures");
                }
                else if (FailureRateExceeded(health, now))
                {
                    var (total, failures) = health.Window.Read(now);
                    TryEjectOutlierLocked(runtime, now, $"{failures} of {total} calls failed within {_options.SamplingDuration.TotalSeconds:0.#} s", "failure_rate");
                }

                break;
            case EndpointOutcome.Unreachable:
                if (!counted)
                {
                    Interlocked.Increment(ref health.ConsecutiveUnreachable);
                }

                if (Volatile.Read(ref health.ConsecutiveUnreachable) >= HealthDefaults.UnreachableThreshold)
                {
                    MarkUnreachableLocked(runtime, now, $"{health.ConsecutiveUnreachable} calls in a row could not reach it", "unreachable");
                }

                break;
            case EndpointOutcome.Throttled:
                ThrottleLocked(runtime, now, retryAfter);
                break;
        }

        Changed(runtime, before, now);
    }

    private void TryEjectOutlierLocked(EndpointRuntime runtime, long now, string reason, string code)
    {
        var members = _group.MembersLocked;
        var ejected = 0;
        foreach (var member in members)
        {
            ejected += member.Health.IsOutlierEjected ? 1 : 0;
        }

        // At most MaxEjectionPercent of the group may be out as outliers, but at least one endpoint always may.
        var allowed = Math.Max(1, members.Length * _options.MaxEjectionPercent / 100);
        if (ejected >= allowed)
        {
            runtime.Health.Reason = $"{reason}; not ejected: {ejected} of {members.Length} endpoints already are (MaxEjectionPercent {_options.MaxEjectionPercent})";
            return;
        }

        EjectLocked(runtime, now, reason, code, decay: true);
    }

    private void EjectLocked(EndpointRuntime runtime, long now, string reason, string code, bool decay)
    {
        var health = runtime.Health;
        var count = health.EjectionCount;
        if (decay && count > 0)
        {
            // The multiplier falls by one for every BaseEjectionTime the endpoint has stayed healthy since it returned.
            var quiet = _clock.SecondsBetween(health.LastEjectionEndTimestamp, now);
            count = Math.Max(0, count - (int)(quiet / Math.Max(_options.BaseEjectionTime.TotalSeconds, 0.001)));
        }

        count++;
        var seconds = Math.Min(_options.BaseEjectionTime.TotalSeconds * count, _options.MaxEjectionTime.TotalSeconds);
        seconds *= 1 + (HealthDefaults.EjectionJitter * _random.NextDouble());
        health.EjectionCount = count;
        health.Status = EndpointHealthStatus.Ejected;
        health.TrialPending = false;
        health.UntilTimestamp = now + Ticks(seconds);
        health.Reason = reason;
        health.ReasonCode = code;
        ResetCounters(health);
    }

    private void MarkUnreachableLocked(EndpointRuntime runtime, long now, string reason, string code)
    {
        var health = runtime.Health;
        health.UnreachableTrials = health.Status == EndpointHealthStatus.Unreachable ? health.UnreachableTrials + 1 : 1;
        var backoff = Math.Min(
            HealthDefaults.UnreachableFirstBackoff.TotalSeconds * Math.Pow(2, health.UnreachableTrials - 1),
            HealthDefaults.UnreachableMaxBackoff.TotalSeconds);
        backoff *= 0.5 + (0.5 * _random.NextDouble());
        health.Status = EndpointHealthStatus.Unreachable;
        health.TrialPending = false;

        // Out by the prober's verdict: only a good probe brings it back. A user call as a trial could succeed on a
        // path the health endpoint says is broken and make the endpoint flap.
        health.UntilTimestamp = code == "probe_failed" ? long.MaxValue : now + Ticks(backoff);
        health.Reason = reason;
        health.ReasonCode = code;
        ResetCounters(health);
    }

    private void ThrottleLocked(EndpointRuntime runtime, long now, TimeSpan retryAfter)
    {
        var health = runtime.Health;
        var pause = retryAfter <= TimeSpan.Zero ? HealthDefaults.DefaultThrottle
            : retryAfter > HealthDefaults.MaxThrottle ? HealthDefaults.MaxThrottle
            : retryAfter;
        health.Status = EndpointHealthStatus.Throttled;
        health.UntilTimestamp = now + Ticks(pause.TotalSeconds);
        health.Reason = $"asked to back off for {pause.TotalSeconds:0.###} s";
        health.ReasonCode = "throttled";
    }

    private void RestoreLocked(EndpointRuntime runtime, long now)
    {
        var health = runtime.Health;
        if (health.Status == EndpointHealthStatus.Ejected)
        {
            health.LastEjectionEndTimestamp = now;
        }

        health.Status = EndpointHealthStatus.Healthy;
        health.TrialPending = false;
        health.UnreachableTrials = 0;
        health.Reason = null;
        ResetCounters(health);
        BeginSlowStartLocked(health, now);
    }

    /// <summary>Starts the ramp from 10 % to 100 % of the endpoint's weight (no-op when slow start is off).</summary>
    internal void BeginSlowStartLocked(EndpointHealth health, long now)
    {
        if (_slowStartStepTicks == 0)
        {
            return;
        }

        health.SlowStartBeginTimestamp = now;
        health.SlowStartStep = 0;
    }

    private static void ResetCounters(EndpointHealth health)
    {
        Volatile.Write(ref health.ConsecutiveFailures, 0);
        Volatile.Write(ref health.ConsecutiveUnreachable, 0);
        health.Window.Clear();
    }

    private long Ticks(double seconds) => (long)(seconds * _clock.TimeProvider.TimestampFrequency);

    /// <summary>After any transition: queue the event, republish the snapshot, re-arm the timer.</summary>
    internal void Changed(EndpointRuntime runtime, EndpointState before, long now)
    {
        runtime.Health.UpdateWatch();

        // The prober reports only changes of its own verdict; after any other transition the next verdict must be
        // heard again (for example, a good probe must be able to bring back an endpoint that calls found unreachable).
        _group.Prober?.RequestReport(runtime);
        var after = _group.StateOf(runtime);
        if (after != before)
        {
            QueueLocked(runtime, before, after, now);
            if (after is EndpointState.Ejected or EndpointState.Unreachable or EndpointState.Throttled)
            {
                ResilientTelemetry.RecordEjection(_group.Name, runtime.Endpoint.Name, runtime.Health.ReasonCode);
            }
        }

        _group.PublishLocked();
        ScheduleLocked(now);
    }

    internal void QueueLocked(EndpointRuntime runtime, EndpointState before, EndpointState after, long now)
    {
        var health = runtime.Health;
        DateTimeOffset? until = after is EndpointState.Ejected or EndpointState.Unreachable or EndpointState.Throttled && health.UntilTimestamp != long.MaxValue
            ? _clock.TimeProvider.GetUtcNow().AddSeconds(_clock.SecondsBetween(now, health.UntilTimestamp))
            : null;
        (_pending ??= []).Add(new EndpointHealthChange(_group.Name, runtime.Endpoint, before, after, health.Reason, until));
    }
}
