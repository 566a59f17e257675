namespace Resilient;

/// <summary>The bookkeeping of one hedged call: attempts in flight, the last failed answer, the attempt log.</summary>
internal sealed class HedgeState<TResult>(FailoverOperation<TResult> operation, int maxAttempts)
{
    private List<AttemptRecord>? _records;
    private RunningAttempt<TResult>? _heldAttempt;
    private TResult? _held;
    private AttemptVerdict _heldVerdict;

    public TriedEndpoints Tried;

    public FailoverOperation<TResult> Operation { get; } = operation;

    public int MaxAttempts { get; } = maxAttempts;

    public int Attempts { get; set; }

    public List<RunningAttempt<TResult>> Running { get; } = new(2);

    public Exception? LastError { get; set; }

    public string? StopReason { get; set; }

    public IReadOnlyList<AttemptRecord> Records => (IReadOnlyList<AttemptRecord>?)_records ?? [];

    public void Record(int attempt, EndpointLease lease, AttemptVerdict verdict) =>
        (_records ??= []).Add(new AttemptRecord(attempt, lease.Endpoint?.Name ?? "?", verdict.Outcome, verdict.Detail));

    /// <summary>Keeps a failed answer in case no later attempt does better; releases the one it replaces.</summary>
    public void Hold(RunningAttempt<TResult> attempt, TResult result, AttemptVerdict verdict)
    {
        Record(attempt.Attempt, attempt.Lease, verdict);
        ReleaseHeld();
        (_heldAttempt, _held, _heldVerdict) = (attempt, result, verdict);
    }

    public bool TakeHeld(out TResult result, out RunningAttempt<TResult> attempt, out AttemptVerdict verdict)
    {
        (result, attempt, verdict) = (_held!, _heldAttempt!, _heldVerdict);
        var had = _heldAttempt is not null;
        (_heldAttempt, _held) = (null, default);
        return had;
    }

    public void ReleaseHeld()
    {
        if (_heldAttempt is not null)
        {
            _heldAttempt.Lease.Complete(_heldVerdict.Outcome, _heldVerdict.RetryAfter);
            Operation.Discard(_held!);
            (_heldAttempt, _held) = (null, default);
        }
    }

    /// <summary>Cancels every attempt still in flight; a good answer won, or the call is over.</summary>
    public void AbandonAll()
    {
        foreach (var running in Running)
        {
            running.Abandon(Operation);
        }

        Running.Clear();
        ReleaseHeld();
    }
}
