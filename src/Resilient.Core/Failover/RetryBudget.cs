namespace Resilient;

/// <summary>
/// Limits retries and hedges to a share of recent calls plus a floor, so that an outage cannot multiply the load on
/// the endpoints (Finagle's retry budget, counted over a sliding window instead of a token bucket). Every call
/// deposits once (<see cref="RecordCall()"/>); every retry or hedge withdraws once (<see cref="TryWithdraw"/>); over
/// the window, withdrawals are at most <c>percent</c> % of the calls plus <c>minRetriesPerSecond x window</c>.
/// </summary>
/// <remarks>
/// <para>
/// The window is a ring of <see cref="RetryBudgetDefaults.Buckets"/> time buckets keyed by bucket epoch
/// (timestamp / bucket length); it slides one bucket at a time. Both paths are lock-free and allocation-free: one
/// interlocked increment, a sum over the ring, and for the first writer of a new bucket period a compare-and-swap
/// that claims the slot and zeroes it. A withdrawal counts itself first and checks afterwards, undoing its count when
/// the sum exceeds the allowance; racing withdrawals can therefore be refused too eagerly near the limit (each sees
/// the others' tentative counts) but are never granted past it.
/// </para>
/// <para>
/// Accepted races, each rare and worth at most one count per racing thread: a count made between another thread's
/// winning compare-and-swap of a new period and its zeroing of the slot is wiped (a lost call makes the budget
/// stricter, a lost retry makes it laxer by one); an undo landing after such a reset leaves the slot at minus one
/// (laxer by one); a sum runs without a snapshot, so it may see a slot half-reset. A thread delayed for a whole
/// window may count into the newer period that reused its slot. None of this can let a retry storm through: the
/// error is bounded by the number of threads racing at a bucket boundary, not by the traffic.
/// </para>
/// </remarks>
internal sealed class RetryBudget
{
    private readonly Bucket[] _buckets = new Bucket[RetryBudgetDefaults.Buckets];
    private readonly TimeProvider _timeProvider;
    private readonly long _ticksPerBucket;
    private readonly double _percent;
    private readonly double _floor;

    public RetryBudget(double retryPercent, int minRetriesPerSecond, TimeSpan window, TimeProvider timeProvider)
    {
        // Written as a negated range check so that NaN is rejected too.
        if (!(retryPercent >= 0 && retryPercent <= RetryBudgetDefaults.MaxRetryPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(retryPercent), retryPercent, $"The retry budget percentage must be between 0 and {RetryBudgetDefaults.MaxRetryPercent}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minRetriesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);

        _timeProvider = timeProvider;
        _percent = retryPercent;
        _floor = minRetriesPerSecond * window.TotalSeconds;

        // Integer arithmetic so that bucket boundaries fall exactly on whole timestamps (10 s window: 1 s buckets).
        var ticks = (Int128)window.Ticks * timeProvider.TimestampFrequency / (TimeSpan.TicksPerSecond * RetryBudgetDefaults.Buckets);
        _ticksPerBucket = (long)Int128.Clamp(ticks, 1, long.MaxValue);
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i].Epoch = long.MinValue;
        }
    }

    /// <summary>Gets the calls and the granted retries counted in the window now (diagnostics and tests).</summary>
    public (long Calls, long Retries) Current => Sum(CurrentEpoch());

    /// <summary>Deposits: counts the first attempt of a call.</summary>
    public void RecordCall() => RecordCall(_timeProvider.GetTimestamp());

    /// <summary>Deposits at <paramref name="timestamp"/> (the caller's own reading of the same clock, to save a read).</summary>
    public void RecordCall(long timestamp)
    {
        ref var bucket = ref Claim(timestamp / _ticksPerBucket);
        Interlocked.Increment(ref bucket.Calls);
    }

    /// <summary>Withdraws one retry or hedge if the budget allows it.</summary>
    /// <returns>true when the retry may be made (it has been counted); false when the budget is exhausted.</returns>
    public bool TryWithdraw()
    {
        var epoch = CurrentEpoch();
        ref var bucket = ref Claim(epoch);
        Interlocked.Increment(ref bucket.Retries);
        var (calls, retries) = Sum(epoch);
        if (retries <= Allowance(calls))
        {
            return true;
        }

        Interlocked.Decrement(ref bucket.Retries);
        return false;
    }

    // calls x percent is exact for whole percentages, and so is the division when the share is a whole number,
    // so 1000 calls at 20 % allow exactly 200 retries.
    private double Allowance(long calls) => (calls * _percent / 100) + _floor;

    private long CurrentEpoch() => _timeProvider.GetTimestamp() / _ticksPerBucket;

    private ref Bucket Claim(long epoch)
    {
        ref var bucket = ref _buckets[(int)(epoch % _buckets.Length)];
        var seen = Volatile.Read(ref bucket.Epoch);

        // Only a newer period reclaims a slot: a thread holding a stale timestamp must not wipe a newer bucket.
        if (seen < epoch && Interlocked.CompareExchange(ref bucket.Epoch, epoch, seen) == seen)
        {
            Interlocked.Exchange(ref bucket.Calls, 0);
            Interlocked.Exchange(ref bucket.Retries, 0);
        }

        return ref bucket;
    }

    private (long Calls, long Retries) Sum(long epoch)
    {
        long calls = 0, retries = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            ref var bucket = ref _buckets[i];
            var bucketEpoch = Volatile.Read(ref bucket.Epoch);
            if (bucketEpoch > epoch - _buckets.Length && bucketEpoch <= epoch)
            {
                calls += Volatile.Read(ref bucket.Calls);
                retries += Volatile.Read(ref bucket.Retries);
            }
        }

        return (calls, retries);
    }

    private struct Bucket
    {
        public long Epoch;
        public long Calls;
        public long Retries;
    }
}
