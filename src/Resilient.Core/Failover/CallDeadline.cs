namespace Resilient;

/// <summary>
/// The timeouts of one sequential call (per attempt and in total) on a single cancellation source and timer, re-armed
/// for each attempt, instead of a linked source and a timer per deadline. A source cancelled by a timeout is replaced
/// for the next attempt (timeouts are rare).
/// </summary>
/// <remarks>
/// Sources are not pooled across calls: a response body may still be read under the token after the call returned
/// (HTTP/2 streams keep their registration), and a reused source would let a later call's timeout abort it.
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private CancellationTokenSource _source;
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _caller;
    private long _totalDeadline;
    private long _attemptDeadline;

    private CallDeadline(TimeProvider time)
    {
        _time = time;
        _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>Gets the token of the current attempt: cancelled by the caller, the attempt timeout or the total timeout.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the call's total time ran out.</summary>
    public bool TotalTimedOut => !_caller.IsCancellationRequested && _source.IsCancellationRequested && _time.GetTimestamp() >= _totalDeadline;

    /// <summary>Gets a value indicating whether the current attempt's own time ran out.</summary>
    public bool AttemptTimedOut => !_caller.IsCancellationRequested && _source.IsCancellationRequested && _time.GetTimestamp() >= _attemptDeadline;

    public static CallDeadline Start(TimeProvider time, TimeSpan totalTimeout, CancellationToken caller)
    {
        var deadline = new CallDeadline(time);
        deadline._caller = caller;
        deadline._totalDeadline = deadline._time.GetTimestamp() + Ticks(deadline._time, totalTimeout);
        if (caller.CanBeCanceled)
        {
            deadline._callerRegistration = caller.UnsafeRegister(static state => ((CallDeadline)state!).CancelFromCaller(), deadline);
        }

        return deadline;
    }

    /// <summary>Arms the timer for a new attempt: its own timeout or what is left of the total, whichever is sooner.</summary>
    public void StartAttempt(TimeSpan attemptTimeout)
    {
        if (_source.IsCancellationRequested)
        {
            // The previous attempt timed out: a cancelled source cannot be reset.
            _source.Dispose();
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        }

        var now = _time.GetTimestamp();
        _attemptDeadline = now + Ticks(_time, attemptTimeout);
        var due = Math.Max(0, Math.Min(_attemptDeadline, _totalDeadline) - now);
        _source.CancelAfter(TimeSpan.FromSeconds(due / (double)_time.TimestampFrequency));
    }

    /// <summary>Stops the timer once an attempt ended.</summary>
    public void EndAttempt()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends the call: unregisters from the caller's token and stops the timer.</summary>
    /// <remarks>The source itself is left to the garbage collector: a response body may still be read under its token.</remarks>
    public void Dispose()
    {
        _callerRegistration.Dispose();
        EndAttempt();
    }

    private static long Ticks(TimeProvider time, TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span >= TimeSpan.FromDays(365) ? long.MaxValue / 4 : (long)(span.TotalSeconds * time.TimestampFrequency);

    private void CancelFromCaller()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the caller cancelled.
        }
    }
}
