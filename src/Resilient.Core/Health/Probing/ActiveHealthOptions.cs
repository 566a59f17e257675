namespace Resilient;

/// <summary>
/// Active health probing (<c>Resilient:Groups:{name}:ActiveHealth</c>): every endpoint is checked in the background
/// every <see cref="Interval"/> by an <see cref="IEndpointProbe"/>, and taken out of rotation after
/// <see cref="UnhealthyThreshold"/> failed probes in a row, until <see cref="HealthyThreshold"/> succeed.
/// </summary>
public sealed class ActiveHealthOptions
{
    /// <summary>Gets or sets a value indicating whether endpoints are probed.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; } = ActiveHealthDefaults.Enabled;

    /// <summary>Gets or sets the path the HTTP probe requests, relative to the endpoint's address (<c>GET {endpoint}{Path}</c>); a 2xx answer is healthy. Other probes may ignore it.</summary>
    /// <value>The default is <c>/healthz</c>.</value>
    public string Path { get; set; } = ActiveHealthDefaults.Path;

    /// <summary>Gets or sets the time between two probes of one endpoint; each interval varies randomly by up to 10 %, and the first probe comes after a random part of one interval.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan Interval { get; set; } = ActiveHealthDefaults.Interval;

    /// <summary>Gets or sets how long one probe may take before it is cancelled and counted as failed.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan Timeout { get; set; } = ActiveHealthDefaults.Timeout;

    /// <summary>Gets or sets how many failed probes in a row take an endpoint out of rotation.</summary>
    /// <value>The default is 2.</value>
    public int UnhealthyThreshold { get; set; } = ActiveHealthDefaults.UnhealthyThreshold;

    /// <summary>Gets or sets how many successful probes in a row bring an endpoint that probes took out back into rotation.</summary>
    /// <value>The default is 1.</value>
    public int HealthyThreshold { get; set; } = ActiveHealthDefaults.HealthyThreshold;

    /// <summary>Copies these settings, so that a group is not changed by later edits of the caller's instance.</summary>
    /// <remarks>Every property is a value or a string, so a shallow copy is a full one and a new property cannot be forgotten.</remarks>
    internal ActiveHealthOptions Clone() => (ActiveHealthOptions)MemberwiseClone();
}
