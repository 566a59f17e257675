namespace Resilient;

/// <summary>A caller's operation for <c>EndpointGroup.ExecuteAsync</c>, driven by the failover engine like an HTTP call.</summary>
internal sealed class DelegateOperation<TResult>(Func<Endpoint, CancellationToken, ValueTask<TResult>> operation, ExecuteOptions<TResult>? options) : FailoverOperation<TResult>
{
    public override bool MayRetryAfterSending => options?.IsIdempotent ?? true;

    public override bool MayHedge => MayRetryAfterSending;

    public override ulong? RequestKey => options?.RequestKey is { } key ? RequestKeys.Hash(key) : null;

    public override Task<TResult> AttemptAsync(EndpointLease lease, int attempt, CancellationToken cancellationToken) =>
        operation(lease.Endpoint!, cancellationToken).AsTask();

    public override AttemptVerdict Classify(TResult result)
    {
        var outcome = options?.ClassifyResult?.Invoke(result) ?? EndpointOutcome.Success;
        return new AttemptVerdict(outcome, detail: outcome == EndpointOutcome.Success ? null : $"result classified {outcome}");
    }

    public override AttemptVerdict Classify(Exception error)
    {
        var outcome = options?.ClassifyException?.Invoke(error) ?? EndpointOutcome.Failure;
        return new AttemptVerdict(outcome, neverSent: outcome == EndpointOutcome.Unreachable, detail: $"{error.GetType().Name}: {error.Message}");
    }

    public override TResult Accept(ref EndpointLease lease, TResult result, AttemptVerdict verdict, CancellationTokenSource? source)
    {
        // No source to give back (ReusesCancellationSource is false): a delegate may return something still working
        // under its token (a stream, a streaming call), which another call's timeout must never cancel.
        lease.Complete(verdict.Outcome, verdict.RetryAfter);
        return result;
    }

    public override void Discard(TResult result)
    {
        if (options?.Discard is { } discard)
        {
            discard(result);
        }
        else if (result is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    public override Exception TotalTimeout(string groupName, TimeSpan timeout, IReadOnlyList<AttemptRecord> attempts) =>
        new TimeoutException($"Endpoint group '{groupName}': the call did not complete within its total timeout of {timeout.TotalSeconds:0.###} s. Attempts: {string.Join("; ", attempts)}.");
}
