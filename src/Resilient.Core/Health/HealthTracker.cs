namespace Resilient;

/// <summary>
/// Turns call outcomes, probe results and the passage of time into each endpoint's health, and publishes a new
/// selection snapshot whenever availability or effective weight changes. The success path is lock-free; every
/// transition happens under the group's writer lock; subscribers are told after the lock is released.
/// </summary>
internal sealed partial class HealthTracker : IDisposable
{
    private readonly EndpointGroup _group;
    private readonly PassiveHealthOptions _options;
    private readonly SelectionClock _clock;
    private readonly RandomSource _random;
    private readonly ITimer _timer;
    private readonly long _slowStartStepTicks;
    private List<EndpointHealthChange>? _pending;
    private Func<EndpointHealthChange, ValueTask>[] _subscribers = [];
    private bool _disposed;

    public HealthTracker(EndpointGroup group, PassiveHealthOptions options, TimeSpan slowStartWindow, SelectionClock clock, RandomSource random)
    {
        _group = group;
        _options = options;
        _clock = clock;
        _random = random;
        _slowStartStepTicks = slowStartWindow <= TimeSpan.Zero
            ? 0
            : Math.Max(1, (long)(slowStartWindow.TotalSeconds * clock.TimeProvider.TimestampFrequency / HealthDefaults.SlowStartSteps));
        _timer = clock.TimeProvider.CreateTimer(static state => ((HealthTracker)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public EndpointHealth CreateHealth() => new(new OutcomeWindow(_options.SamplingDuration, _clock.TimeProvider.TimestampFrequency));

    /// <summary>Records one attempt's outcome. Lock-free unless the outcome may change the endpoint's state.</summary>
    public void Record(EndpointRuntime runtime, EndpointOutcome outcome, long timestamp, TimeSpan retryAfter, bool trial)
    {
        var health = runtime.Health;
        var counted = false;
        if (!trial && health.Watch == 0)
        {
            counted = true;
            switch (outcome)
            {
                case EndpointOutcome.Success:
                    if (Volatile.Read(ref health.ConsecutiveFailures) != 0)
                    {
                        Volatile.Write(ref health.ConsecutiveFailures, 0);
                    }

                    if (Volatile.Read(ref health.ConsecutiveUnreachable) != 0)
                    {
                        Volatile.Write(ref health.ConsecutiveUnreachable, 0);
                    }

                    health.Window.Record(timestamp, failure: false);
                    return;
                case EndpointOutcome.Cancelled:
                    return;
                case EndpointOutcome.Failure or EndpointOutcome.Timeout:
                    health.Window.Record(timestamp, failure: true);
                    Volatile.Write(ref health.ConsecutiveUnreachable, 0);
                    if (Interlocked.Increment(ref health.ConsecutiveFailures) < _options.ConsecutiveFailures && !FailureRateExceeded(health, timestamp))
                    {
                        return;
                    }

                    break;
                case EndpointOutcome.Unreachable:
                    if (Interlocked.Increment(ref health.ConsecutiveUnreachable) < HealthDefaults.UnreachableThreshold)
                    {
                        return;
                    }

                    break;
            }
        }

        lock (_group.WriteLock)
        {
            RecordLocked(runtime, outcome, timestamp, retryAfter, trial, counted);
        }

        Dispatch();
    }

    /// <summary>Subscribes to health transitions; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Func<EndpointHealthChange, ValueTask> handler)
    {
        lock (_group.WriteLock)
        {
            _subscribers = [.. _subscribers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Dispose()
    {
        lock (_group.WriteLock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private bool FailureRateExceeded(EndpointHealth health, long timestamp)
    {
        var (total, failures) = health.Window.Read(timestamp);
        return total >= _options.MinimumThroughput && failures >= _options.FailureRateThreshold * total;
    }

    private void Unsubscribe(Func<EndpointHealthChange, ValueTask> handler)
    {
        lock (_group.WriteLock)
        {
            _subscribers = _subscribers.Where(h => h != handler).ToArray();
        }
    }

    /// <summary>Tells subscribers about transitions queued under the lock; call after releasing it.</summary>
    internal void DispatchPending() => Dispatch();

    /// <summary>Tells subscribers about the transitions queued under the lock; called after the lock is released.</summary>
    private void Dispatch()
    {
        List<EndpointHealthChange>? changes;
        Func<EndpointHealthChange, ValueTask>[] subscribers;
        lock (_group.WriteLock)
        {
            changes = _pending;
            _pending = null;
            subscribers = _subscribers;
        }

        if (changes is null)
        {
            return;
        }

        foreach (var change in changes)
        {
            foreach (var subscriber in subscribers)
            {
                try
                {
                    var pending = subscriber(change);
                    if (!pending.IsCompletedSuccessfully)
                    {
                        _ = Observe(pending);
                    }
                }
#pragma warning disable CA1031 // A subscriber's failure must not break health tracking or the caller's request.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }

    private static async Task Observe(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See Dispatch.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private sealed class Subscription(HealthTracker tracker, Func<EndpointHealthChange, ValueTask> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tracker.Unsubscribe(handler);
            }
        }
    }
}
