namespace Resilient;

/// <summary>
/// Recent attempt latencies of a group, for the automatic hedging delay (p95). Lock-free: exponential buckets
/// (about 10 % wide, 50 us to 100 s) in two generations that swap every 10 s, so the percentile reflects the last
/// 10 to 20 seconds. Recording is one interlocked increment; the percentile is recomputed at most every 100 ms.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int BucketCount = 160;
    private const double MinSeconds = 50e-6;
    private const double Growth = 1.1;
    private static readonly double s_logGrowth = Math.Log(Growth);

    private readonly long _generationTicks;
    private readonly long _refreshTicks;
    private int[] _current = new int[BucketCount];
    private int[] _previous = new int[BucketCount];
    private long _generationStart;
    private long _cachedAt = long.MinValue;
    private double _cachedP95;

    public LatencyHistogram(TimeProvider time)
    {
        var frequency = time.TimestampFrequency;
        _generationTicks = frequency * 10;
        _refreshTicks = frequency / 10;
        _generationStart = time.GetTimestamp();
    }

    public void Record(double seconds, long now)
    {
        Rotate(now);
        var index = seconds <= MinSeconds ? 0 : Math.Min(BucketCount - 1, (int)(FastMath.Log(seconds / MinSeconds) / s_logGrowth) + 1);
        Interlocked.Increment(ref Volatile.Read(ref _current)[index]);
    }

    /// <summary>Returns the p95 of recent latencies, or null with fewer than 20 samples.</summary>
    public TimeSpan? P95(long now)
    {
        // Only a real percentile is cached; while samples are too few, each call looks again.
        var cachedAt = Volatile.Read(ref _cachedAt);
        var cached = Volatile.Read(ref _cachedP95);
        if (cached > 0 && now - cachedAt < _refreshTicks)
        {
            return TimeSpan.FromSeconds(cached);
        }

        Rotate(now);
        var current = Volatile.Read(ref _current);
        var previous = Volatile.Read(ref _previous);
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            total += current[i] + previous[i];
        }

        double p95 = 0;
        if (total >= 20)
        {
            var target = (long)Math.Ceiling(total * 0.95);
            long seen = 0;
            for (var i = 0; i < BucketCount; i++)
            {
                seen += current[i] + previous[i];
                if (seen >= target)
                {
                    p95 = MinSeconds * Math.Pow(Growth, i);
                    break;
                }
            }
        }

        Volatile.Write(ref _cachedP95, p95);
        Volatile.Write(ref _cachedAt, now);
        return p95 > 0 ? TimeSpan.FromSeconds(p95) : null;
    }

    private void Rotate(long now)
    {
        var start = Volatile.Read(ref _generationStart);
        if (now - start < _generationTicks || Interlocked.CompareExchange(ref _generationStart, now, start) != start)
        {
            return;
        }

        // One thread rotates; a count racing the swap may land in the retiring generation, which a percentile tolerates.
        var retired = Volatile.Read(ref _current);
        Volatile.Write(ref _previous, now - start >= 2 * _generationTicks ? new int[BucketCount] : retired);
        Volatile.Write(ref _current, new int[BucketCount]);
    }
}
