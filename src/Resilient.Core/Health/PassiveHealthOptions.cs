namespace Resilient;

/// <summary>
/// Outlier ejection from the outcomes of real calls (<c>Resilient:Groups:{name}:PassiveHealth</c>): an endpoint
/// that is reachable but failing is taken out for a while, then one trial request decides whether it returns.
/// </summary>
public sealed class PassiveHealthOptions
{
    /// <summary>Gets or sets how many failures in a row (failure status codes, attempt timeouts) eject an endpoint.</summary>
    /// <value>The default is 5.</value>
    public int ConsecutiveFailures { get; set; } = HealthDefaults.ConsecutiveFailures;

    /// <summary>Gets or sets the failure rate over <see cref="SamplingDuration"/> that ejects an endpoint (0 to 1).</summary>
    /// <value>The default is 0.5.</value>
    public double FailureRateThreshold { get; set; } = HealthDefaults.FailureRateThreshold;

    /// <summary>Gets or sets the sliding window over which the failure rate is measured.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = HealthDefaults.SamplingDuration;

    /// <summary>Gets or sets the fewest calls in the window before the failure rate is considered.</summary>
    /// <value>The default is 10.</value>
    public int MinimumThroughput { get; set; } = HealthDefaults.MinimumThroughput;

    /// <summary>Gets or sets the ejection time; the n-th ejection in a row lasts n times this, with jitter.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BaseEjectionTime { get; set; } = HealthDefaults.BaseEjectionTime;

    /// <summary>Gets or sets the longest ejection.</summary>
    /// <value>The default is 300 seconds.</value>
    public TimeSpan MaxEjectionTime { get; set; } = HealthDefaults.MaxEjectionTime;

    /// <summary>Gets or sets the largest percentage of a group that may be ejected as outliers at once (at least one endpoint always may). Unreachable endpoints are not limited.</summary>
    /// <value>The default is 50.</value>
    public int MaxEjectionPercent { get; set; } = HealthDefaults.MaxEjectionPercent;

    /// <summary>Copies these settings, so that a group is not changed by later edits of the caller's instance.</summary>
    /// <remarks>Every property is a value or a string, so a shallow copy is a full one and a new property cannot be forgotten.</remarks>
    internal PassiveHealthOptions Clone() => (PassiveHealthOptions)MemberwiseClone();
}
