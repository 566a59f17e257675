namespace Resilient;

/// <summary>
/// Hedged calls: when an idempotent attempt has not answered within the hedging delay (fixed, or the group's recent
/// p95), the same call goes to another endpoint as well; the first good answer wins, the others are cancelled and
/// their responses disposed. Hedges and retries draw on the same budget and count against MaxAttempts.
/// </summary>
internal sealed partial class FailoverEngine
{
    private async Task<TResult> ExecuteHedgedAsync<TResult>(FailoverOperation<TResult> operation, CancellationToken cancellationToken)
    {
        using var ended = new FailoverOperation<TResult>.EndScope(operation);
        Budget.RecordCall();
        var state = new HedgeState<TResult>(operation, Math.Min(_options.MaxAttempts, operation.AttemptLimit));
        using var total = new Deadline(_time, _options.TotalTimeout, cancellationToken);
        using var hedgeTimers = new CancellationTokenSource();
        if (!StartAttempt(state, total))
        {
            throw operation.Unavailable(Unavailable("no endpoint is available", state.Records, state.LastError));
        }

        try
        {
            return await RunHedgedAsync(state, total, hedgeTimers.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Stop pending hedge timers: the call is over, whoever won.
            await hedgeTimers.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<TResult> RunHedgedAsync<TResult>(HedgeState<TResult> state, Deadline total, CancellationToken hedgeTimers, CancellationToken cancellationToken)
    {
        var operation = state.Operation;
        var hedging = true;
        while (state.Running.Count > 0)
        {
            var delay = hedging && state.Attempts < state.MaxAttempts ? HedgingDelay() : null;
            var tasks = new List<Task>(state.Running.Count + 1);
            tasks.AddRange(state.Running.Select(r => (Task)r.Task));
            var timer = delay is { } d ? Task.Delay(d, _time, hedgeTimers) : null;
            if (timer is not null)
            {
                tasks.Add(timer);
            }

            var completed = await Task.WhenAny(tasks).ConfigureAwait(false);
            if (completed == timer)
            {
                // Nothing answered in time: hedge, unless there is no other endpoint or budget (then just wait).
                hedging = StartAttempt(state, total, hedge: true);
                continue;
            }

            var attempt = state.Running.First(r => r.Task == completed);
            state.Running.Remove(attempt);
            if (completed.IsCompletedSuccessfully)
            {
                var result = attempt.Task.Result;
                var verdict = operation.Classify(result);
                RecordAnswer(ref attempt.Lease);
                ResilientTelemetry.EndAttempt(attempt.Span, verdict.Outcome);
                attempt.Deadline.Dispose();
                if (verdict.Outcome == EndpointOutcome.Success || !operation.MayRetryAfterSending)
                {
                    state.AbandonAll();
                    return operation.Accept(ref attempt.Lease, result, verdict, source: null);
                }

                state.Hold(attempt, result, verdict);
            }
            else
            {
                var error = completed.Exception?.InnerException ?? new TaskCanceledException(completed);
                if (cancellationToken.IsCancellationRequested)
                {
                    attempt.Lease.Complete(EndpointOutcome.Cancelled);
                    ResilientTelemetry.EndAttempt(attempt.Span, EndpointOutcome.Cancelled);
                    attempt.Deadline.Dispose();
                    state.AbandonAll();
                    throw new OperationCanceledException(cancellationToken);
                }

                var verdict = total.TimedOut || attempt.Deadline.TimedOut
                    ? new AttemptVerdict(EndpointOutcome.Timeout, detail: total.TimedOut ? "the call's total timeout elapsed" : $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s")
                    : operation.Classify(error);
                attempt.Lease.Complete(verdict.Outcome, verdict.RetryAfter);
                ResilientTelemetry.EndAttempt(attempt.Span, verdict.Outcome);
                attempt.Deadline.Dispose();
                state.Record(attempt.Attempt, attempt.Lease, verdict);
                state.LastError = error;
                if (total.TimedOut)
                {
                    state.AbandonAll();
                    state.ReleaseHeld();
                    throw operation.TotalTimeout(_group.Name, _options.TotalTimeout, state.Records);
                }
            }

            // The last attempt in flight failed: fail over at once instead of waiting for a hedge.
            if (state.Running.Count == 0)
            {
                StartAttempt(state, total);
            }
        }

        return state.TakeHeld(out var held, out var heldLease, out var heldVerdict)
            ? operation.Accept(ref heldLease.Lease, held, heldVerdict, source: null)
            : throw operation.Unavailable(Unavailable(state.StopReason ?? $"all {state.Attempts} attempts failed", state.Records, state.LastError));
    }

    private bool StartAttempt<TResult>(HedgeState<TResult> state, Deadline total, bool hedge = false)
    {
        if (state.Attempts >= state.MaxAttempts)
        {
            state.StopReason ??= $"all {state.MaxAttempts} attempts failed";
            return false;
        }

        if (!Acquire(state.Operation.RequestKey, _time.GetTimestamp(), ref state.Tried, out var lease))
        {
            state.StopReason ??= state.Attempts == 0 ? "no endpoint is available" : "no other endpoint is available";
            return false;
        }

        if (state.Attempts > 0 && !Budget.TryWithdraw())
        {
            lease.Complete(EndpointOutcome.Cancelled);
            state.StopReason ??= "the retry budget is exhausted";
            _group.OnRetryBudgetExhausted();
            return false;
        }

        state.Attempts++;
        if (state.Attempts > 1)
        {
            ResilientTelemetry.RecordFailoverAttempt(_group.Name, hedge);
            _group.AttemptObservers.OnExtraAttempt(hedge);
        }

        var deadline = new Deadline(_time, _options.AttemptTimeout, total.Token);
        var parent = System.Diagnostics.Activity.Current;
        var span = ResilientTelemetry.StartAttempt(_group.Name, lease.Endpoint!, state.Attempts, hedge);
        Task<TResult> task;
        try
        {
            task = state.Operation.AttemptAsync(lease, state.Attempts, deadline.Token);
        }
#pragma warning disable CA1031 // A synchronous throw becomes the attempt's failure, like an asynchronous one.
        catch (Exception error)
#pragma warning restore CA1031
        {
            task = Task.FromException<TResult>(error);
        }

        // Attempts run side by side: each span is a child of the caller's activity, not of the previous attempt.
        System.Diagnostics.Activity.Current = parent;
        state.Running.Add(new RunningAttempt<TResult>(task, lease, deadline, state.Attempts, span));
        return true;
    }

    /// <summary>The fixed delay, or the recent p95 (at least 1 ms); null (no hedge yet) while too few samples exist.</summary>
    private TimeSpan? HedgingDelay()
    {
        if (_hedgingDelay != Timeout.InfiniteTimeSpan)
        {
            return _hedgingDelay;
        }

        var p95 = _latencies!.P95(_time.GetTimestamp());
        return p95 is { } value ? (value < FailoverDefaults.MinAutoHedgingDelay ? FailoverDefaults.MinAutoHedgingDelay : value) : null;
    }

    /// <summary>An attempt answered: notes the moment on its lease (latency is measured to it) and feeds the p95 for <c>auto</c> hedging.</summary>
    private void RecordAnswer(ref EndpointLease lease)
    {
        var now = _time.GetTimestamp();
        lease.MarkAnswered(now);
        _latencies?.Record((now - lease.StartTimestamp) / (double)_time.TimestampFrequency, now);
    }
}
