namespace Resilient.Http;

/// <summary>
/// Owns the lease of the attempt whose response the caller received, and completes it exactly once: when the body
/// has been read to the end, or the response (its content or stream) is disposed, whichever comes first. Until then
/// the endpoint counts the call as in flight, so least-loaded balancing sees long downloads.
/// </summary>
internal sealed class ResponseLease
{
    private EndpointLease _lease;
    private readonly AttemptVerdict _verdict;

    public ResponseLease(ref EndpointLease lease, AttemptVerdict verdict)
    {
        _lease = lease;
        _verdict = verdict;
    }

    public void Complete() => _lease.Complete(_verdict.Outcome, _verdict.RetryAfter);
}
