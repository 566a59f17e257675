namespace Resilient.ServiceDiscovery;

/// <summary>The timings of service-discovery groups, in one place.</summary>
internal static class ServiceDiscoveryDefaults
{
    /// <summary>How long a call made before the first resolution has finished waits for it before going ahead (and failing fast if nothing was found).</summary>
    public static readonly TimeSpan FirstResolutionWait = TimeSpan.FromSeconds(10);

    /// <summary>The least time between two resolutions, so a burst of change notifications (a file saved twice) costs one.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The wait after the first failed resolution; it doubles with each failure in a row, up to the refresh period.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
}
