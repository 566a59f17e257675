namespace Resilient;

/// <summary>Defaults, limits and fixed parameters of active health probing (<see cref="ActiveHealthOptions"/>).</summary>
internal static class ActiveHealthDefaults
{
    /// <summary>The configuration section, relative to a group's section.</summary>
    public const string SectionName = "ActiveHealth";

    public const bool Enabled = false;
    public const string Path = "/healthz";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    public const int UnhealthyThreshold = 2;
    public const int HealthyThreshold = 1;

    /// <summary>Each interval is stretched or shrunk by up to this fraction, so endpoints do not drift into lockstep.</summary>
    public const double IntervalJitter = 0.10;

    /// <summary>
    /// The longest interval or timeout accepted. Timers take at most about 49 days; anything near a day is already a
    /// configuration mistake rather than health checking.
    /// </summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(1);

    /// <summary>The shortest delay a probe timer is armed with, so no time provider can fire it synchronously inside the arming call.</summary>
    public static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);
}
