namespace Resilient.Drills;

/// <summary>How a <see cref="DrillRunner"/> samples the group and measures how traffic leaves and returns.</summary>
public sealed class DrillOptions
{
    /// <summary>Gets or sets how often the group is sampled (state, traffic share, latency) during the drill; at least 10 ms.</summary>
    /// <value>The default is 250 milliseconds.</value>
    public TimeSpan SampleInterval { get; set; } = DrillDefaults.SampleInterval;

    /// <summary>
    /// Gets or sets the window over which an endpoint's attempt rate is compared with its rate before the first fault,
    /// to tell when traffic left it and when it returned.
    /// </summary>
    /// <value>The default is 500 milliseconds.</value>
    public TimeSpan MeasurementWindow { get; set; } = DrillDefaults.MeasurementWindow;

    /// <summary>Gets or sets the share of its steady-state attempt rate below which traffic has left an endpoint (one trial attempt per window never counts as traffic).</summary>
    /// <value>The default is 0.1.</value>
    public double TrafficLeftFraction { get; set; } = DrillDefaults.TrafficLeftFraction;

    /// <summary>Gets or sets the share of its steady-state attempt rate at which traffic has returned to an endpoint.</summary>
    /// <value>The default is 0.5.</value>
    public double TrafficReturnedFraction { get; set; } = DrillDefaults.TrafficReturnedFraction;

    /// <summary>Gets or sets a callback that receives each sample as it is taken (a live view); the drill waits for it.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<DrillSample, ValueTask>? OnSample { get; set; }

    /// <summary>Gets or sets the clock for phases, samples and call timings.</summary>
    /// <value>The default is <see langword="null"/>: the group's <see cref="EndpointGroup.TimeProvider"/>.</value>
    public TimeProvider? TimeProvider { get; set; }

    internal void Validate()
    {
        if (SampleInterval < DrillDefaults.MinimumSampleInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleInterval), SampleInterval, "DrillOptions.SampleInterval must be at least 10 ms.");
        }

        if (MeasurementWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MeasurementWindow), MeasurementWindow, "DrillOptions.MeasurementWindow must be positive.");
        }

        if (double.IsNaN(TrafficLeftFraction) || TrafficLeftFraction is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TrafficLeftFraction), TrafficLeftFraction, "DrillOptions.TrafficLeftFraction must be at least 0 and below 1.");
        }

        if (double.IsNaN(TrafficReturnedFraction) || TrafficReturnedFraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TrafficReturnedFraction), TrafficReturnedFraction, "DrillOptions.TrafficReturnedFraction must be above 0 and at most 1.");
        }
    }
}
