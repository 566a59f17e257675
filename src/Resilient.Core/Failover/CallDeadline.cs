namespace Resilient;

/// <summary>
/// The timeouts of one sequential call (per attempt and in total), watched by the group's
/// <see cref="DeadlineScheduler"/>, and one cancellation source per attempt that is only replaced after a timeout
/// cancelled it (timeouts are rare), instead of a linked source and a timer per deadline.
/// </summary>
/// <remarks>
/// Sources are never reused across calls: a response body may still be read under the token after the call
/// returned (HTTP/2 streams keep their registration), and a reused source would let a later timeout abort it. The
/// scheduler cancels only when the armed deadline has really passed, so a sweep that looks at the call between
/// attempts can never cancel the next attempt early.
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly DeadlineScheduler _scheduler;
    private readonly Lock _lock = new();
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _caller;
    private long _totalDeadline;
    private long _attemptDeadline;
    private long _armedDeadline = long.MaxValue;
    private bool _registered;
    private int _ended;

    private CallDeadline(TimeProvider time, DeadlineScheduler scheduler)
    {
        _time = time;
        _scheduler = scheduler;
    }

    /// <summary>Gets the token of the current attempt: cancelled by the caller, the attempt timeout or the total timeout.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the call's total time ran out.</summary>
    public bool TotalTimedOut => !_caller.IsCancellationRequested && _source.IsCancellationRequested && _time.GetTimestamp() >= _totalDeadline;

    /// <summary>Gets a value indicating whether the current attempt's own time ran out.</summary>
    public bool AttemptTimedOut => !_caller.IsCancellationRequested && _source.IsCancellationRequested && _time.GetTimestamp() >= _attemptDeadline;

    /// <summary>Gets or sets the next call in the scheduler's list (the scheduler's field).</summary>
    internal CallDeadline? NextScheduled { get; set; }

    /// <summary>Gets a value indicating whether the call is over, so the scheduler drops it.</summary>
    internal bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Gets the deadline of the running attempt, or <see cref="long.MaxValue"/> between attempts.</summary>
    internal long ArmedDeadline => Volatile.Read(ref _armedDeadline);

    /// <summary>Starts the call's deadlines at <paramref name="now"/>, a reading of <paramref name="time"/> the caller already took.</summary>
    public static CallDeadline Start(TimeProvider time, DeadlineScheduler scheduler, TimeSpan totalTimeout, CancellationToken caller, long now)
    {
        var deadline = new CallDeadline(time, scheduler)
        {
            _caller = caller,
        };
        deadline._totalDeadline = now + Ticks(time, totalTimeout);
        if (caller.CanBeCanceled)
        {
            deadline._callerRegistration = caller.UnsafeRegister(static state => ((CallDeadline)state!).Cancel(), deadline);
        }

        return deadline;
    }

    /// <summary>Arms the deadline of a new attempt: its own timeout or what is left of the total, whichever is sooner.</summary>
    /// <param name="attemptTimeout">The attempt's own timeout.</param>
    /// <param name="now">A reading of the call's clock taken just before the attempt.</param>
    public void StartAttempt(TimeSpan attemptTimeout, long now)
    {
        long armed;
        lock (_lock)
        {
            if (_source.IsCancellationRequested && !_caller.IsCancellationRequested)
            {
                // The previous attempt timed out: a cancelled source cannot be reset.
                _source = new CancellationTokenSource();
            }

            _attemptDeadline = now + Ticks(_time, attemptTimeout);
            armed = Math.Min(_attemptDeadline, _totalDeadline);
            Volatile.Write(ref _armedDeadline, armed);
        }

        // Outside the lock: a fake clock may run the scheduler's sweep synchronously from here.
        if (_registered)
        {
            _scheduler.FireBy(armed, now);
        }
        else
        {
            _registered = true;
            _scheduler.Register(this, armed, now);
        }
    }

    /// <summary>Disarms the deadline once an attempt ended.</summary>
    public void EndAttempt()
    {
        lock (_lock)
        {
            Volatile.Write(ref _armedDeadline, long.MaxValue);
        }
    }

    /// <summary>Ends the call: unregisters from the caller's token; the scheduler drops the call at its next sweep.</summary>
    /// <remarks>The source is left to the garbage collector: a response body may still be read under its token.</remarks>
    public void Dispose()
    {
        _callerRegistration.Dispose();
        EndAttempt();
        Volatile.Write(ref _ended, 1);
    }

    /// <summary>Cancels the running attempt if its deadline has passed at <paramref name="now"/> (the scheduler's sweep).</summary>
    internal void ExpireIfDue(long now)
    {
        CancellationTokenSource? due = null;
        lock (_lock)
        {
            if (now >= _armedDeadline)
            {
                due = _source;
                Volatile.Write(ref _armedDeadline, long.MaxValue);
            }
        }

        if (due is null)
        {
            return;
        }

        try
        {
            due.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered on the attempt's token threw; the attempt is cancelled all the same, and the
            // sweep must go on to the other calls.
        }
    }

    private static long Ticks(TimeProvider time, TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span >= TimeSpan.FromDays(365) ? long.MaxValue / 4 : (long)(span.TotalSeconds * time.TimestampFrequency);

    private void Cancel()
    {
        CancellationTokenSource source;
        lock (_lock)
        {
            source = _source;
        }

        source.Cancel();
    }
}
