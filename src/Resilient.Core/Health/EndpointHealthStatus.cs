namespace Resilient;

/// <summary>The health tracker's verdict on one endpoint (the operator's drain is kept apart, as an availability flag).</summary>
internal enum EndpointHealthStatus
{
    Healthy = 0,

    /// <summary>Reachable but failing; out until the ejection ends, then one trial decides.</summary>
    Ejected = 1,

    /// <summary>Calls never reached it (refused, reset, DNS, TLS) or active probes failed; out until a trial or probe succeeds.</summary>
    Unreachable = 2,

    /// <summary>It asked for a pause (429, or 503 with Retry-After); out until then.</summary>
    Throttled = 3,
}
