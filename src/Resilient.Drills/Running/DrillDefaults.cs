namespace Resilient.Drills;

/// <summary>Defaults of drills.</summary>
internal static class DrillDefaults
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan MinimumSampleInterval = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MeasurementWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>The resolution of "time until traffic left / returned".</summary>
    public static readonly TimeSpan MeasurementStep = TimeSpan.FromMilliseconds(10);

    public const double TrafficLeftFraction = 0.1;

    public const double TrafficReturnedFraction = 0.5;

    /// <summary>Distinct caller-visible errors kept in a report.</summary>
    public const int MaxErrors = 10;

    /// <summary>Longest error text kept per failed call.</summary>
    public const int MaxErrorLength = 300;
}
