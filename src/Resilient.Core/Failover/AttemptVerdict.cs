namespace Resilient;

/// <summary>How the failover engine should treat one attempt's result or error.</summary>
internal readonly struct AttemptVerdict
{
    public AttemptVerdict(EndpointOutcome outcome, TimeSpan retryAfter = default, bool neverSent = false, string? detail = null)
    {
        Outcome = outcome;
        RetryAfter = retryAfter;
        NeverSent = neverSent;
        Detail = detail;
    }

    public EndpointOutcome Outcome { get; }

    /// <summary>Gets the pause the endpoint asked for (throttling).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Gets a value indicating whether the request provably never reached a server, so even a non-idempotent call may go elsewhere.</summary>
    public bool NeverSent { get; }

    /// <summary>Gets a short description for the final error (a status code, an error kind).</summary>
    public string? Detail { get; }
}
