namespace Resilient;

/// <summary>Defaults and fixed parameters of health tracking.</summary>
internal static class HealthDefaults
{
    public const int ConsecutiveFailures = 5;

    /// <summary>
    /// The longest a claimed trial may stay unanswered before another call may take it (the group's total timeout
    /// when that is shorter): a response the caller never reads nor disposes must not keep an endpoint out for good.
    /// </summary>
    public static readonly TimeSpan StaleTrialClaim = TimeSpan.FromSeconds(30);
    public const double FailureRateThreshold = 0.5;
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    public const int MinimumThroughput = 10;
    public static readonly TimeSpan BaseEjectionTime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxEjectionTime = TimeSpan.FromSeconds(300);
    public const int MaxEjectionPercent = 50;

    /// <summary>Ejection times are stretched by a random 0 to 10 % so endpoints ejected together do not return together.</summary>
    public const double EjectionJitter = 0.10;

    /// <summary>Consecutive unreachable outcomes that take an endpoint out (SPEC: at most 2).</summary>
    public const int UnreachableThreshold = 2;

    /// <summary>First trial after an endpoint became unreachable: within 1 s (between 0.5 and 1 s with jitter).</summary>
    public static readonly TimeSpan UnreachableFirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Longest spacing between trials of an unreachable endpoint.</summary>
    public static readonly TimeSpan UnreachableMaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After honoured.</summary>
    public static readonly TimeSpan MaxThrottle = TimeSpan.FromSeconds(60);

    /// <summary>How long a throttled endpoint stays out when the server gave no Retry-After.</summary>
    public static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan SlowStartWindow = TimeSpan.FromSeconds(30);

    /// <summary>Slow start begins at this fraction of the endpoint's weight.</summary>
    public const double SlowStartInitialFraction = 0.1;

    /// <summary>Slow start raises the weight in this many equal steps (one snapshot each).</summary>
    public const int SlowStartSteps = 20;

    /// <summary>Buckets of the failure-rate window.</summary>
    public const int WindowBuckets = 10;
}
