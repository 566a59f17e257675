namespace Resilient.Core.Tests.Failover;

/// <summary>A failover operation whose attempts follow a script per endpoint: answer "ok", answer "fail", throw, or hang.</summary>
internal sealed class ScriptedOperation(bool mayRetry, Func<string, int, Task<string>> attempt) : FailoverOperation<string>
{
    public List<string> Attempts { get; } = [];

    public List<string> Discarded { get; } = [];

    public List<string> Accepted { get; } = [];

    public bool Hedge { get; init; }

    /// <summary>Gets a value indicating whether attempts ignore their cancellation token (an answer may arrive after the call moved on).</summary>
    public bool IgnoreCancellation { get; init; }

    public override bool MayRetryAfterSending => mayRetry;

    public override bool MayHedge => Hedge;

    public override Task<string> AttemptAsync(EndpointLease lease, int number, CancellationToken cancellationToken)
    {
        var name = lease.Endpoint!.Name;
        lock (Attempts)
        {
            Attempts.Add(name);
        }

        var task = attempt(name, number);
        return IgnoreCancellation ? task : task.WaitAsync(cancellationToken);
    }

    public override AttemptVerdict Classify(string result) =>
        result.StartsWith("ok", StringComparison.Ordinal) ? new AttemptVerdict(EndpointOutcome.Success) : new AttemptVerdict(EndpointOutcome.Failure, detail: result);

    public override AttemptVerdict Classify(Exception error) =>
        error is InvalidOperationException ? new AttemptVerdict(EndpointOutcome.Unreachable, neverSent: true, detail: "refused") : new AttemptVerdict(EndpointOutcome.Failure, detail: error.Message);

    public override string Accept(ref EndpointLease lease, string result, AttemptVerdict verdict, CancellationTokenSource? source)
    {
        CancellationSources.Return(source);
        lease.Complete(verdict.Outcome);
        lock (Accepted)
        {
            Accepted.Add(result);
        }

        return result;
    }

    public override void Discard(string result)
    {
        lock (Discarded)
        {
            Discarded.Add(result);
        }
    }

    public override Exception TotalTimeout(string groupName, TimeSpan timeout, IReadOnlyList<AttemptRecord> attempts) =>
        new TimeoutException($"{groupName} timed out after {attempts.Count} attempts");
}
