namespace Resilient.Drills;

/// <summary>
/// How fast traffic left an endpoint and came back, from the start times of its attempts: the endpoint's attempt
/// count in a sliding window (<see cref="DrillOptions.MeasurementWindow"/>, cut short at the end of the stretch
/// measured) is compared with its steady-state rate, in steps of 10 ms.
/// </summary>
internal sealed class EpisodeMeasures(long[] starts, double steadyRatePerSecond, DrillOptions options, TimeProvider time)
{
    private readonly long _window = Ticks(options.MeasurementWindow, time);
    private readonly long _step = Ticks(DrillDefaults.MeasurementStep, time);

    private double WindowAttempts => steadyRatePerSecond * options.MeasurementWindow.TotalSeconds;

    /// <summary>The first moment from <paramref name="from"/> after which a whole window holds at most the "left" share of steady traffic (one trial attempt never counts as traffic).</summary>
    public TimeSpan? TrafficLeft(long from, long until)
    {
        if (steadyRatePerSecond <= 0)
        {
            return null;
        }

        for (var t = from; Fits(t, until, out var end, out var share); t += _step)
        {
            if (CountIn(t, end) <= Math.Max(1, options.TrafficLeftFraction * WindowAttempts * share))
            {
                return time.GetElapsedTime(from, t);
            }
        }

        return null;
    }

    /// <summary>The first attempt from which a whole window holds at least the "returned" share of steady traffic.</summary>
    public TimeSpan? TrafficReturned(long from, long until)
    {
        if (steadyRatePerSecond <= 0)
        {
            return null;
        }

        for (var t = from; Fits(t, until, out var end, out var share); t += _step)
        {
            if (CountIn(t, end) >= Math.Max(1, options.TrafficReturnedFraction * WindowAttempts * share))
            {
                return time.GetElapsedTime(from, starts[LowerBound(t)]);
            }
        }

        return null;
    }

    /// <summary>
    /// The window from <paramref name="t"/>, cut short at <paramref name="until"/> so short episodes can be measured
    /// too, as long as at least half a window remains; <paramref name="share"/> is the part of a whole window it covers.
    /// </summary>
    private bool Fits(long t, long until, out long end, out double share)
    {
        end = Math.Min(t + _window, until);
        share = (double)(end - t) / _window;
        return share >= 0.5;
    }

    public long CountIn(long from, long to) => LowerBound(to) - LowerBound(from);

    private int LowerBound(long value)
    {
        int low = 0, high = starts.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (starts[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static long Ticks(TimeSpan span, TimeProvider time) => Math.Max(1, (long)(span.TotalSeconds * time.TimestampFrequency));
}
