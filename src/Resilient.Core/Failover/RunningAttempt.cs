namespace Resilient;

/// <summary>One attempt in flight during a hedged call; a class so its lease has exactly one owner.</summary>
internal sealed class RunningAttempt<TResult>(Task<TResult> task, EndpointLease lease, Deadline deadline, int attempt, System.Diagnostics.Activity? span)
{
    private EndpointLease _lease = lease;

    public Task<TResult> Task { get; } = task;

    public Deadline Deadline { get; } = deadline;

    public int Attempt { get; } = attempt;

    public System.Diagnostics.Activity? Span { get; } = span;

    public ref EndpointLease Lease => ref _lease;

    /// <summary>Stops an attempt the caller no longer needs: cancel it, and when it ends release its result and slot without holding anything against the endpoint.</summary>
    public void Abandon(FailoverOperation<TResult> operation)
    {
        Deadline.Cancel();
        _ = Task.ContinueWith(
            static (finished, state) =>
            {
                var (self, op) = ((RunningAttempt<TResult>, FailoverOperation<TResult>))state!;
                if (finished.IsCompletedSuccessfully)
                {
                    op.Discard(finished.Result);
                }

                self._lease.Complete(EndpointOutcome.Cancelled);
                ResilientTelemetry.EndAttempt(self.Span, EndpointOutcome.Cancelled);
                self.Deadline.Dispose();
            },
            (this, operation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
