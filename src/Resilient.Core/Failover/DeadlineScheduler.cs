namespace Resilient;

/// <summary>
/// One timer for the deadlines of every sequential call of a group, instead of a timer per call: a call registers
/// once (a lock-free push), and the timer fires at the earliest armed deadline or after a short sweep period,
/// whichever is sooner, cancelling calls that are due and dropping calls that ended.
/// </summary>
/// <remarks>
/// <para>
/// Why: a timer per call costs a timer-queue insertion and removal under the runtime's timer lock and about 120
/// bytes, on every call, for a timeout that almost never fires. Here the common call only pushes itself onto a
/// list; the timer is touched only when the list was empty or a deadline is sooner than the one armed.
/// </para>
/// <para>
/// Precision: a deadline fires when it is due (the timer is armed at the earliest one it knows of). One race is
/// accepted: a call that registers while a sweep is deciding the next firing may be seen only by the following
/// sweep, at most <see cref="SweepPeriod"/> later; the sweep period is at most a quarter of the shortest timeout.
/// The timer stops when no call is registered, so an idle group holds no running timer.
/// </para>
/// </remarks>
internal sealed class DeadlineScheduler
{
    private static readonly TimeSpan MaxSweep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MinSweep = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly long _sweepTicks;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private CallDeadline? _head;
    private long _armedAt = long.MaxValue;
    private int _firing;

    /// <param name="time">The group's clock.</param>
    /// <param name="shortestTimeout">The shorter of the attempt and total timeouts: the sweep period is a quarter of it, 1 to 100 ms.</param>
    public DeadlineScheduler(TimeProvider time, TimeSpan shortestTimeout)
    {
        _time = time;
        var quarter = shortestTimeout == Timeout.InfiniteTimeSpan ? MaxSweep : shortestTimeout / 4;
        SweepPeriod = quarter < MinSweep ? MinSweep : quarter > MaxSweep ? MaxSweep : quarter;
        _sweepTicks = (long)(SweepPeriod.TotalSeconds * time.TimestampFrequency);
        _timer = time.CreateTimer(static state => ((DeadlineScheduler)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the longest a registered call waits to be looked at (the sweep that drops ended calls).</summary>
    public TimeSpan SweepPeriod { get; }

    /// <summary>Gets a value indicating whether no call is registered and the timer is stopped (diagnostics and tests).</summary>
    internal bool IsIdle => Volatile.Read(ref _head) is null && Volatile.Read(ref _armedAt) == long.MaxValue;

    /// <summary>Adds a call (once per call); its first deadline is <paramref name="deadline"/>.</summary>
    public void Register(CallDeadline call, long deadline, long now)
    {
        CallDeadline? head;
        do
        {
            head = Volatile.Read(ref _head);
            call.NextScheduled = head;
        }
        while (Interlocked.CompareExchange(ref _head, call, head) != head);

        FireBy(deadline, now);
    }

    /// <summary>Makes sure the timer fires by <paramref name="deadline"/> (or by the next sweep, if that is sooner).</summary>
    public void FireBy(long deadline, long now)
    {
        // Nothing to do while the timer is armed for a moment still ahead and no later than needed. An armed time that
        // has passed means a sweep is running or about to: it may already have found the list empty, so arm under
        // the lock rather than rely on it.
        var at = Math.Min(deadline, now + _sweepTicks);
        var armed = Volatile.Read(ref _armedAt);
        if (at >= armed && armed > now)
        {
            return;
        }

        lock (_lock)
        {
            if (at < _armedAt || _armedAt <= now)
            {
                ArmLocked(at, now);
            }
        }
    }

    private void Fire()
    {
        // 0: idle; 1: sweeping; more: asked again while sweeping (a timer firing, or a fake clock firing synchronously
        // from Change), so the running sweep goes round once more instead of the request being lost.
        if (Interlocked.Increment(ref _firing) != 1)
        {
            return;
        }

        while (true)
        {
            Sweep();
            if (Interlocked.CompareExchange(ref _firing, 0, 1) == 1)
            {
                return;
            }

            Volatile.Write(ref _firing, 1);
        }
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        var next = long.MaxValue;
        CallDeadline? keptHead = null;
        CallDeadline? keptTail = null;
        for (var call = Interlocked.Exchange(ref _head, null); call is not null;)
        {
            var following = call.NextScheduled;
            if (call.IsEnded)
            {
                call.NextScheduled = null;
            }
            else
            {
                call.ExpireIfDue(now);
                next = Math.Min(next, call.ArmedDeadline);
                call.NextScheduled = keptHead;
                keptHead = call;
                keptTail ??= call;
            }

            call = following;
        }

        if (keptTail is not null)
        {
            CallDeadline? head;
            do
            {
                head = Volatile.Read(ref _head);
                keptTail.NextScheduled = head;
            }
            while (Interlocked.CompareExchange(ref _head, keptHead, head) != head);
        }

        lock (_lock)
        {
            if (Volatile.Read(ref _head) is null)
            {
                _armedAt = long.MaxValue;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            else
            {
                ArmLocked(Math.Min(next, now + _sweepTicks), now);
            }
        }
    }

    private void ArmLocked(long at, long now)
    {
        _armedAt = at;
        _timer.Change(TimeSpan.FromSeconds(Math.Max(0, at - now) / (double)_time.TimestampFrequency), Timeout.InfiniteTimeSpan);
    }
}
