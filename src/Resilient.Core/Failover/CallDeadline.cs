namespace Resilient;

/// <summary>
/// The timeouts of one sequential call (per attempt and in total) on one timer, re-armed for each attempt, and one
/// cancellation source per attempt that is only replaced after a timeout cancelled it (timeouts are rare), instead
/// of a linked source and a timer per deadline.
/// </summary>
/// <remarks>
/// <para>
/// The object and its timer are reused across calls through a <see cref="DeadlinePool"/>: the timer is disarmed,
/// not destroyed, when a call ends, which saves creating and removing a timer (and about 200 bytes) per call.
/// </para>
/// <para>
/// Cancellation sources are never reused across calls: a response body may still be read under the token after the
/// call returned (HTTP/2 streams keep their registration), and a reused source would let a later timeout abort it.
/// The timer cancels only when the armed deadline has really passed, so a late firing from a previous arming (of
/// this call or of an earlier call that used the same object) can never cancel an attempt early.
/// </para>
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly DeadlinePool? _pool;
    private ITimer? _timer;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _caller;
    private long _totalDeadline;
    private long _attemptDeadline;
    private long _armedDeadline = long.MaxValue;

    internal CallDeadline(TimeProvider time, DeadlinePool? pool)
    {
        _time = time;
        _pool = pool;
    }

    /// <summary>Gets the token of the current attempt: cancelled by the caller, the attempt timeout or the total timeout.</summary>
    public CancellationToken Token => _source!.Token;

    /// <summary>Gets a value indicating whether the call's total time ran out.</summary>
    public bool TotalTimedOut => !_caller.IsCancellationRequested && _source!.IsCancellationRequested && _time.GetTimestamp() >= _totalDeadline;

    /// <summary>Gets a value indicating whether the current attempt's own time ran out.</summary>
    public bool AttemptTimedOut => !_caller.IsCancellationRequested && _source!.IsCancellationRequested && _time.GetTimestamp() >= _attemptDeadline;

    /// <summary>Starts the call's deadlines at <paramref name="now"/>, a reading of the clock the caller already took.</summary>
    internal void Begin(TimeSpan totalTimeout, CancellationToken caller, long now)
    {
        lock (_lock)
        {
            _source = new CancellationTokenSource();
            _caller = caller;
            _totalDeadline = now + Ticks(_time, totalTimeout);
            _attemptDeadline = long.MaxValue;
            _armedDeadline = long.MaxValue;
        }

        if (caller.CanBeCanceled)
        {
            _callerRegistration = caller.UnsafeRegister(static state => ((CallDeadline)state!).Cancel(), this);
        }
    }

    /// <summary>Arms the timer for a new attempt: its own timeout or what is left of the total, whichever is sooner.</summary>
    /// <param name="attemptTimeout">The attempt's own timeout.</param>
    /// <param name="now">A reading of the call's clock taken just before the attempt.</param>
    public void StartAttempt(TimeSpan attemptTimeout, long now)
    {
        lock (_lock)
        {
            if (_source!.IsCancellationRequested && !_caller.IsCancellationRequested)
            {
                // The previous attempt timed out: a cancelled source cannot be reset.
                _source = new CancellationTokenSource();
            }

            _attemptDeadline = now + Ticks(_time, attemptTimeout);
            _armedDeadline = Math.Min(_attemptDeadline, _totalDeadline);
            var due = TimeSpan.FromSeconds(Math.Max(0, _armedDeadline - now) / (double)_time.TimestampFrequency);
            if (_timer is null)
            {
                // Created armed: most calls make one attempt, and creating an idle timer only to arm it costs a
                // second trip through the timer queue. Under the lock, so that an immediate firing finds the field set.
                _timer = _time.CreateTimer(static state => ((CallDeadline)state!).OnTimer(), this, due, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Disarms the deadline once an attempt ended.</summary>
    /// <remarks>
    /// The timer itself is left running: a firing with nothing armed does nothing, the next attempt re-arms it,
    /// and <see cref="Dispose"/> removes it at the end of the call. That saves a timer-queue update per attempt.
    /// </remarks>
    public void EndAttempt()
    {
        lock (_lock)
        {
            _armedDeadline = long.MaxValue;
        }
    }

    /// <summary>Ends the call: unregisters from the caller's token, disarms the timer and returns to the pool.</summary>
    /// <remarks>
    /// The source is left to the garbage collector: a response body may still be read under its token. Unregistering
    /// waits for a caller callback already running, so none can reach the next call that uses this object.
    /// </remarks>
    public void Dispose()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        lock (_lock)
        {
            _armedDeadline = long.MaxValue;
            _source = null;
            _caller = default;
        }

        if (_pool is not null)
        {
            // Disarmed before it is handed back: once in the pool, another call may arm it at any moment.
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_pool.Return(this))
            {
                return;
            }
        }

        _timer?.Dispose();
    }

    private static long Ticks(TimeProvider time, TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span >= TimeSpan.FromDays(365) ? long.MaxValue / 4 : (long)(span.TotalSeconds * time.TimestampFrequency);

    private void OnTimer()
    {
        CancellationTokenSource? due = null;
        var early = TimeSpan.Zero;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (now >= _armedDeadline)
            {
                due = _source;
            }
            else if (_armedDeadline != long.MaxValue)
            {
                // Timers may fire a little before the clock says the deadline has come: wait out the rest.
                early = TimeSpan.FromSeconds(Math.Max(1, _armedDeadline - now) / (double)_time.TimestampFrequency);
            }
        }

        if (due is not null)
        {
            due.Cancel();
        }
        else if (early > TimeSpan.Zero)
        {
            _timer?.Change(early, Timeout.InfiniteTimeSpan);
        }
    }

    private void Cancel()
    {
        CancellationTokenSource? source;
        lock (_lock)
        {
            source = _source;
        }

        source?.Cancel();
    }
}
