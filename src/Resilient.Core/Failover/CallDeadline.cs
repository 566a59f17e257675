namespace Resilient;

/// <summary>
/// The timeouts of one sequential call (per attempt and in total) on one timer, re-armed for each attempt, and one
/// cancellation source per attempt that is only replaced after a timeout cancelled it (timeouts are rare), instead
/// of a linked source and a timer per deadline.
/// </summary>
/// <remarks>
/// <para>
/// The object and its timer are reused across calls through a <see cref="BoundedPool{T}"/>: the timer is disarmed,
/// not destroyed, when a call ends, which saves creating and removing a timer (and about 200 bytes) per call.
/// </para>
/// <para>
/// A call's cancellation source comes from <see cref="CancellationSources"/> and goes back there only once nothing
/// can cancel it or read its token any more: <see cref="TakeSource"/> hands it to whoever holds the call's result (a
/// response body may still be read under the token after the call returned; HTTP/2 streams keep their registration),
/// and a source the timer has cancelled, or may be about to, is never reused.
/// The timer cancels only when the armed deadline has really passed, so a late firing from a previous arming (of
/// this call or of an earlier call that used the same object) can never cancel an attempt early.
/// </para>
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly BoundedPool<CallDeadline>? _pool;
    private ITimer? _timer;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _source;
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _caller;
    private bool _linked;
    private bool _timerCancelled;
    private bool _reuseSource;
    private long _totalDeadline;
    private TimeSpan _totalSpan = TimeSpan.MinValue;
    private long _totalTicks;
    private TimeSpan _attemptSpan = TimeSpan.MinValue;
    private long _attemptTicks;
    private long _attemptDeadline;
    private long _armedDeadline = long.MaxValue;

    /// <summary>When the timer is due to fire, as far as this object last set it; long.MaxValue when not known to be set.</summary>
    private long _scheduledAt = long.MaxValue;

    internal CallDeadline(TimeProvider time, BoundedPool<CallDeadline>? pool)
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

    /// <summary>Takes an idle deadline from <paramref name="pool"/>, or creates one that will return there.</summary>
    public static CallDeadline Rent(BoundedPool<CallDeadline> pool, TimeProvider time) =>
        pool.TryRent(out var deadline) ? deadline : new CallDeadline(time, pool);

    /// <summary>Starts the call's deadlines at <paramref name="now"/>, a reading of the clock the caller already took.</summary>
    /// <remarks>
    /// No lock: nothing is armed yet (<see cref="Dispose"/> disarmed it under the lock before the object went back to
    /// the pool, and a timer firing now does nothing), and the first <see cref="StartAttempt"/> publishes these
    /// fields to the timer callback through the lock. The caller's callback sees them through the registration.
    /// </remarks>
    /// <param name="totalTimeout">The call's total timeout.</param>
    /// <param name="caller">The caller's token.</param>
    /// <param name="now">The clock reading the call started at.</param>
    /// <param name="reuseSource">
    /// Whether the call's source may go back to <see cref="CancellationSources"/> when the call ends: only when the
    /// operation knows when everything it handed the token to is finished (see
    /// <see cref="FailoverOperation{TResult}.ReusesCancellationSource"/>).
    /// </param>
    internal void Begin(TimeSpan totalTimeout, CancellationToken caller, long now, bool reuseSource = true)
    {
        _source = CancellationSources.Rent();
        _reuseSource = reuseSource;
        _caller = caller;
        _totalDeadline = now + Ticks(totalTimeout, ref _totalSpan, ref _totalTicks);
        _attemptDeadline = long.MaxValue;
        if (caller.IsCancellationRequested)
        {
            LinkCaller();
        }
    }

    /// <summary>
    /// Makes the caller's cancellation reach the attempt's token. The engine calls this once an attempt is found
    /// waiting (its task not completed when its send returned), and before an attempt when the caller already
    /// cancelled; an attempt that completes synchronously never needs it, which spares the registration (about
    /// 140 bytes) on calls answered inline. Nothing is lost in between: registering on a token that was cancelled
    /// meanwhile runs the callback at once, so an attempt still waiting is cancelled as it would have been.
    /// </summary>
    public void LinkCaller()
    {
        if (!_linked && _caller.CanBeCanceled)
        {
            _linked = true;
            _callerRegistration = _caller.UnsafeRegister(static state => ((CallDeadline)state!).Cancel(), this);
        }
    }

    /// <summary>Arms the timer for a new attempt: its own timeout or what is left of the total, whichever is sooner.</summary>
    /// <param name="attemptTimeout">The attempt's own timeout.</param>
    /// <param name="now">A reading of the call's clock taken just before the attempt.</param>
    public void StartAttempt(TimeSpan attemptTimeout, long now)
    {
        lock (_lock)
        {
            if ((_timerCancelled || _source!.IsCancellationRequested) && !_caller.IsCancellationRequested)
            {
                // The previous attempt timed out (or the timer is about to cancel its source): a cancelled source
                // cannot be reset, and the late cancel must not reach this attempt.
                _source = new CancellationTokenSource();
                _timerCancelled = false;
            }

            _attemptDeadline = now + Ticks(attemptTimeout, ref _attemptSpan, ref _attemptTicks);
            _armedDeadline = Math.Min(_attemptDeadline, _totalDeadline);
            if (_timer is null)
            {
                // Created armed: most calls make one attempt, and creating an idle timer only to arm it costs a
                // second trip through the timer queue. Under the lock, so that an immediate firing finds the field set.
                _timer = _time.CreateTimer(static state => ((CallDeadline)state!).OnTimer(), this, DueIn(_armedDeadline, now), Timeout.InfiniteTimeSpan);
                _scheduledAt = _armedDeadline;
            }
            else if (_armedDeadline < _scheduledAt)
            {
                Schedule(_armedDeadline, now);
            }

            // Otherwise the timer already fires at or before this deadline (armed by an earlier attempt or an earlier
            // call on this object, whose deadlines came sooner) and re-arms itself for the rest then. Calls usually end
            // long before their timeout, so a pooled deadline's timer is moved about once per timeout, not per call.
        }
    }

    /// <summary>Disarms the deadline once an attempt ended.</summary>
    /// <remarks>
    /// The timer itself is left running: a firing with nothing armed does nothing, and a later deadline does not
    /// need it moved (see <see cref="StartAttempt"/>). That saves a timer-queue update per attempt.
    /// </remarks>
    public void EndAttempt()
    {
        // A plain ordered write is enough: a timer callback that read the old deadline under the lock may still
        // cancel the ended attempt's source, with or without the lock here (it cancels after leaving the lock).
        Volatile.Write(ref _armedDeadline, long.MaxValue);
    }

    /// <summary>
    /// Ends the call (see <see cref="TakeSource"/>) if that was not done, gives back a source nobody took, and returns
    /// to the pool.
    /// </summary>
    public void Dispose()
    {
        if (_source is not null || _linked)
        {
            // Not ended yet (an error or a cancellation ended the call). The source is only ever set by the call's
            // own flow, which this is, so reading it without the lock is safe.
            CancellationSources.Return(TakeSource());
        }

        if (_pool is not null && _pool.Return(this))
        {
            // The timer stays where it is: firing with nothing armed does nothing, and the next call that rents
            // this object usually has a later deadline than the one the timer is set for.
            return;
        }

        _timer?.Dispose();
    }

    /// <summary>
    /// Ends the call's timing (undoes the caller link, disarms the timer) and hands its cancellation source to the
    /// caller, who returns it to <see cref="CancellationSources"/> once the call's result is finished with; null when
    /// the source must not be reused (it was cancelled, the timer may still be about to cancel it, or the call began
    /// without reuse).
    /// </summary>
    /// <remarks>
    /// Unregistering waits for a caller callback already running, so none can reach the source after this returns;
    /// later calls (as <see cref="Dispose"/>'s) find nothing to hand over.
    /// </remarks>
    public CancellationTokenSource? TakeSource()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        _linked = false;
        CancellationTokenSource? source;
        lock (_lock)
        {
            _armedDeadline = long.MaxValue;
            source = !_reuseSource || _timerCancelled || _source is not { IsCancellationRequested: false } ? null : _source;
            _source = null;
            _timerCancelled = false;
            _caller = default;
        }

        return source;
    }

    /// <summary>
    /// <paramref name="span"/> in timestamp ticks, remembered per kind of timeout: a pooled deadline serves one engine,
    /// whose timeouts change only with its options, so the conversion (a division and a virtual call) is made once,
    /// not twice per call. Only the call's own flow reads and writes these fields.
    /// </summary>
    private long Ticks(TimeSpan span, ref TimeSpan lastSpan, ref long lastTicks)
    {
        if (span != lastSpan)
        {
            lastTicks = Ticks(_time, span);
            lastSpan = span;
        }

        return lastTicks;
    }

    private static long Ticks(TimeProvider time, TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span >= TimeSpan.FromDays(365) ? long.MaxValue / 4 : (long)(span.TotalSeconds * time.TimestampFrequency);

    private void OnTimer()
    {
        CancellationTokenSource? due = null;
        lock (_lock)
        {
            // Whatever schedule this firing belonged to has passed (or was replaced, and re-arming below is harmless).
            _scheduledAt = long.MaxValue;
            var now = _time.GetTimestamp();
            if (now >= _armedDeadline)
            {
                // Cancelled outside the lock (the transport's callbacks run in Cancel); the flag keeps the source
                // from being reset and reused, by a next attempt or a later call, before that happens.
                due = _source;
                _timerCancelled = true;
            }
            else if (_armedDeadline != long.MaxValue)
            {
                // Set for an earlier deadline of this object, or fired a little before the clock says the deadline
                // has come: wait out the rest.
                Schedule(_armedDeadline, now);
            }
        }

        due?.Cancel();
    }

    /// <summary>Moves the timer to <paramref name="deadline"/>. Under the lock, so that the schedule and the field agree.</summary>
    private void Schedule(long deadline, long now)
    {
        _timer!.Change(DueIn(deadline, now), Timeout.InfiniteTimeSpan);
        _scheduledAt = deadline;
    }

    /// <summary>The time from <paramref name="now"/> to <paramref name="deadline"/>, at least 1 tick and at most 24 days (longer waits re-arm when they end).</summary>
    private TimeSpan DueIn(long deadline, long now)
    {
        var seconds = Math.Max(1, deadline - now) / (double)_time.TimestampFrequency;
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxTimerSeconds));
    }

    /// <summary>24 days: below the longest single wait a timer accepts (about 49.7 days).</summary>
    private const double MaxTimerSeconds = 24 * 24 * 3600;

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
