namespace Resilient.Drills;

/// <summary>Nearest-rank percentiles of durations.</summary>
internal static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="p"/> of the values at or below it; zero for none.</summary>
    public static TimeSpan Of(List<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
