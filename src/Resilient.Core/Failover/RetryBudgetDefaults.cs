namespace Resilient;

/// <summary>Defaults and fixed parameters of <see cref="RetryBudget"/>.</summary>
internal static class RetryBudgetDefaults
{
    /// <summary>The sliding window over which calls and retries are counted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Retries (and hedges) allowed as a percentage of the calls in the window.</summary>
    public const double RetryPercent = 20;

    /// <summary>Retries per second always allowed, whatever the call rate (the floor, over the window: 10 x 10 s = 100).</summary>
    public const int MinRetriesPerSecond = 10;

    /// <summary>The largest percentage accepted (as Finagle: a retry may be allowed for up to ten per call).</summary>
    public const double MaxRetryPercent = 1000;

    /// <summary>Time buckets of the window; the window slides one bucket (a tenth of it) at a time.</summary>
    public const int Buckets = 10;
}
