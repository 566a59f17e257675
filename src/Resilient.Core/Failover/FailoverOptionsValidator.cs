namespace Resilient;

/// <summary>Checks <see cref="FailoverOptions"/>; messages start with the key relative to the group's section.</summary>
internal static class FailoverOptionsValidator
{
    public static void Validate(FailoverOptions options, List<string> errors)
    {
        if (options.MaxAttempts < 1)
        {
            errors.Add($"Failover:MaxAttempts: '{options.MaxAttempts}' must be at least 1.");
        }

        Positive("Failover:AttemptTimeout", options.AttemptTimeout, errors);
        Positive("Failover:TotalTimeout", options.TotalTimeout, errors);
        if (options.AttemptTimeout > options.TotalTimeout)
        {
            errors.Add($"Failover:AttemptTimeout: '{options.AttemptTimeout}' must not exceed Failover:TotalTimeout '{options.TotalTimeout}'.");
        }

        if (options.RetryBudgetPercent is < 0 or > 100 || double.IsNaN(options.RetryBudgetPercent))
        {
            errors.Add($"Failover:RetryBudgetPercent: '{options.RetryBudgetPercent}' must be between 0 and 100.");
        }

        if (options.MinRetriesPerSecond < 0)
        {
            errors.Add($"Failover:MinRetriesPerSecond: '{options.MinRetriesPerSecond}' must not be negative.");
        }

        if (options.MaxReplayBufferSize < 0)
        {
            errors.Add($"Failover:MaxReplayBufferSize: '{options.MaxReplayBufferSize}' must not be negative.");
        }

        if (options.HedgingDelay is { } hedging && !TryParseHedgingDelay(hedging, out _))
        {
            errors.Add($"Failover:HedgingDelay: '{hedging}' must be a positive time such as 00:00:00.150, 'auto', or empty for no hedging.");
        }

        foreach (var code in options.FailureStatusCodes)
        {
            if (code is < 100 or > 599)
            {
                errors.Add($"Failover:FailureStatusCodes: '{code}' is not an HTTP status code.");
            }
        }
    }

    /// <summary>Parses <see cref="FailoverOptions.HedgingDelay"/>: null or empty means off (<paramref name="delay"/> null), <c>auto</c> means <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryParseHedgingDelay(string? value, out TimeSpan? delay)
    {
        delay = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (string.Equals(value.Trim(), FailoverDefaults.AutoHedgingDelay, StringComparison.OrdinalIgnoreCase))
        {
            delay = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
        {
            delay = parsed;
            return true;
        }

        return false;
    }

    private static void Positive(string key, TimeSpan value, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key}: '{value}' must be a positive time.");
        }
    }
}
