namespace Resilient;

/// <summary>Defaults of <see cref="FailoverOptions"/>.</summary>
internal static class FailoverDefaults
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(30);
    public const double RetryBudgetPercent = RetryBudgetDefaults.RetryPercent;
    public const int MinRetriesPerSecond = RetryBudgetDefaults.MinRetriesPerSecond;
    public static readonly TimeSpan RetryBudgetWindow = RetryBudgetDefaults.Window;
    public const int MaxReplayBufferSize = 1024 * 1024;

    public static readonly int[] FailureStatusCodes = [500, 502, 503, 504, 408];

    /// <summary>The value of <see cref="FailoverOptions.HedgingDelay"/> that means "the group's recent p95 latency".</summary>
    public const string AutoHedgingDelay = "auto";

    /// <summary>The shortest automatic hedging delay.</summary>
    public static readonly TimeSpan MinAutoHedgingDelay = TimeSpan.FromMilliseconds(1);
}
