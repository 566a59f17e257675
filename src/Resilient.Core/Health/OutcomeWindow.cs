namespace Resilient;

/// <summary>
/// A sliding window of call outcomes as a ring of time buckets. Recording is lock-free (one interlocked increment;
/// the first writer of a new bucket period resets it with a compare-and-swap, and a count racing that reset may be
/// lost, which a failure-rate estimate tolerates). Reading sums the buckets still inside the window.
/// </summary>
internal sealed class OutcomeWindow
{
    private readonly Bucket[] _buckets = new Bucket[HealthDefaults.WindowBuckets];
    private readonly double _bucketsPerTick;

    public OutcomeWindow(TimeSpan duration, long timestampFrequency)
    {
        var bucketSeconds = Math.Max(duration.TotalSeconds, 0.001) / HealthDefaults.WindowBuckets;
        _bucketsPerTick = 1.0 / (bucketSeconds * timestampFrequency);
    }

    public void Record(long timestamp, bool failure)
    {
        var epoch = Epoch(timestamp);
        ref var bucket = ref _buckets[(int)(epoch % _buckets.Length)];
        var seen = Volatile.Read(ref bucket.Epoch);
        if (seen != epoch && Interlocked.CompareExchange(ref bucket.Epoch, epoch, seen) == seen)
        {
            Volatile.Write(ref bucket.Successes, 0);
            Volatile.Write(ref bucket.Failures, 0);
        }

        if (failure)
        {
            Interlocked.Increment(ref bucket.Failures);
        }
        else
        {
            Interlocked.Increment(ref bucket.Successes);
        }
    }

    public (int Total, int Failures) Read(long timestamp)
    {
        var epoch = Epoch(timestamp);
        int total = 0, failures = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            var bucketEpoch = Volatile.Read(ref _buckets[i].Epoch);
            if (bucketEpoch > epoch - _buckets.Length && bucketEpoch <= epoch)
            {
                var f = Volatile.Read(ref _buckets[i].Failures);
                failures += f;
                total += f + Volatile.Read(ref _buckets[i].Successes);
            }
        }

        return (total, failures);
    }

    public void Clear()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            Volatile.Write(ref _buckets[i].Epoch, -1);
        }
    }

    private long Epoch(long timestamp) => (long)(timestamp * _bucketsPerTick);

    private struct Bucket
    {
        public long Epoch;
        public int Successes;
        public int Failures;
    }
}
