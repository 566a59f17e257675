namespace Resilient;

/// <summary>
/// Checks an <see cref="ActiveHealthOptions"/>. Every message starts with the configuration key it is about,
/// relative to the group's section (<c>ActiveHealth:Interval</c>), like <see cref="EndpointGroupOptionsValidator"/>.
/// </summary>
internal static class ActiveHealthOptionsValidator
{
    /// <summary>Appends one message per invalid setting to <paramref name="errors"/>.</summary>
    /// <remarks>Checks every setting, enabled or not; a caller that tolerates junk in a disabled section skips the call.</remarks>
    public static void Validate(ActiveHealthOptions options, List<string> errors)
    {
        const string Section = ActiveHealthDefaults.SectionName;
        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/')
        {
            errors.Add($"{Section}:Path: '{options.Path}' must start with '/'.");
        }

        CheckPeriod(options.Interval, $"{Section}:Interval", errors);
        CheckPeriod(options.Timeout, $"{Section}:Timeout", errors);
        if (options.UnhealthyThreshold < 1)
        {
            errors.Add($"{Section}:UnhealthyThreshold: '{options.UnhealthyThreshold}' must be at least 1.");
        }

        if (options.HealthyThreshold < 1)
        {
            errors.Add($"{Section}:HealthyThreshold: '{options.HealthyThreshold}' must be at least 1.");
        }
    }

    private static void CheckPeriod(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero || value > ActiveHealthDefaults.MaxPeriod)
        {
            errors.Add($"{key}: '{value}' must be positive and at most {ActiveHealthDefaults.MaxPeriod}.");
        }
    }
}
