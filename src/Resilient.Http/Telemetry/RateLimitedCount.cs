namespace Resilient.Http;

/// <summary>Counts events and says when to log a summary: the first event, then at most once per period.</summary>
internal sealed class RateLimitedCount
{
    private long _count;
    private long _lastLogged = long.MinValue;

    /// <summary>Counts one event; returns true (with the count since the last summary) when a summary is due.</summary>
    public bool Increment(long now, TimeSpan period, long frequency, out long count)
    {
        Interlocked.Increment(ref _count);
        var last = Volatile.Read(ref _lastLogged);
        if (last != long.MinValue && now - last < (long)(period.TotalSeconds * frequency))
        {
            count = 0;
            return false;
        }

        if (Interlocked.CompareExchange(ref _lastLogged, now, last) != last)
        {
            count = 0;
            return false;
        }

        count = Interlocked.Exchange(ref _count, 0);
        return true;
    }
}
