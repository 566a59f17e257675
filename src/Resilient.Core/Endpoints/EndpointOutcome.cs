namespace Resilient;

/// <summary>How one attempt against an endpoint ended, as the caller classified it.</summary>
public enum EndpointOutcome
{
    /// <summary>The endpoint answered and the answer was good.</summary>
    Success = 0,

    /// <summary>The endpoint was reached and failed (for HTTP: a classified failure status code).</summary>
    Failure = 1,

    /// <summary>The attempt ran out of time.</summary>
    Timeout = 2,

    /// <summary>The request provably never reached a server (connection refused, DNS or TLS failure).</summary>
    Unreachable = 3,

    /// <summary>The endpoint asked the caller to back off (for HTTP: 429, or 503 with Retry-After).</summary>
    Throttled = 4,

    /// <summary>The caller gave up; this says nothing about the endpoint and is never held against it.</summary>
    Cancelled = 5,
}
