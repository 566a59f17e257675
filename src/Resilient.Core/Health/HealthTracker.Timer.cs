namespace Resilient;

/// <summary>Time-driven transitions: ejections and backoffs ending (trial pending), throttles ending, slow-start steps.</summary>
internal sealed partial class HealthTracker
{
    /// <summary>Re-arms the single timer for the earliest pending deadline. Under the writer lock.</summary>
    internal void ScheduleLocked(long now)
    {
        if (_disposed)
        {
            return;
        }

        var next = long.MaxValue;
        foreach (var member in _group.MembersLocked)
        {
            var health = member.Health;
            if (health.Status != EndpointHealthStatus.Healthy && !health.TrialPending)
            {
                next = Math.Min(next, health.UntilTimestamp);
            }

            if (health.SlowStartBeginTimestamp != long.MinValue)
            {
                next = Math.Min(next, health.SlowStartBeginTimestamp + ((health.SlowStartStep + 1) * _slowStartStepTicks));
            }
        }

        var due = next == long.MaxValue
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromSeconds(Math.Max(0, _clock.SecondsBetween(now, next)));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_group.WriteLock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _clock.GetTimestamp();
            var changed = false;
            foreach (var member in _group.MembersLocked)
            {
                changed |= AdvanceLocked(member, now);
            }

            if (changed)
            {
                _group.PublishLocked();
            }

            ScheduleLocked(now);
        }

        Dispatch();
    }

    private bool AdvanceLocked(EndpointRuntime runtime, long now)
    {
        var health = runtime.Health;
        var before = _group.StateOf(runtime);
        var changed = false;
        if (health.Status is EndpointHealthStatus.Ejected or EndpointHealthStatus.Unreachable && !health.TrialPending && now >= health.UntilTimestamp)
        {
            health.TrialPending = true;
            health.TrialToken = 0;
            changed = true;
        }
        else if (health.Status == EndpointHealthStatus.Throttled && now >= health.UntilTimestamp)
        {
            health.Status = EndpointHealthStatus.Healthy;
            health.Reason = null;
            changed = true;
        }

        if (health.SlowStartBeginTimestamp != long.MinValue)
        {
            var step = (int)Math.Min(HealthDefaults.SlowStartSteps, (now - health.SlowStartBeginTimestamp) / _slowStartStepTicks);
            if (step != health.SlowStartStep)
            {
                health.SlowStartStep = step;
                changed = true;
            }

            if (step >= HealthDefaults.SlowStartSteps)
            {
                health.SlowStartBeginTimestamp = long.MinValue;
            }
        }

        if (changed)
        {
            health.UpdateWatch();
            var after = _group.StateOf(runtime);
            if (after != before)
            {
                QueueLocked(runtime, before, after, now);
            }
        }

        return changed;
    }
}
