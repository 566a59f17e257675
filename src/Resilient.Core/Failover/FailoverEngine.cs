using System.Runtime.CompilerServices;

namespace Resilient;

/// <summary>
/// Runs one call against a group: picks an endpoint, makes an attempt with a time limit, classifies the outcome
/// into the health tracker, and fails over to a different endpoint while attempts, time, the retry budget and the
/// call's idempotency allow. Shared by every client of the group.
/// </summary>
internal sealed partial class FailoverEngine
{
    private readonly EndpointGroup _group;
    private readonly FailoverOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _hedgingDelay;
    private readonly LatencyHistogram? _latencies;
    private readonly BoundedPool<CallDeadline> _deadlines;

    public FailoverEngine(EndpointGroup group, FailoverOptions options)
    {
        _group = group;
        _options = options;
        _time = group.TimeProvider;
        _deadlines = new BoundedPool<CallDeadline>(BoundedPool<CallDeadline>.DefaultCapacity);
        Budget = new RetryBudget(options.RetryBudgetPercent, options.MinRetriesPerSecond, FailoverDefaults.RetryBudgetWindow, _time);
        FailoverOptionsValidator.TryParseHedgingDelay(options.HedgingDelay, out _hedgingDelay);
        if (_hedgingDelay == Timeout.InfiniteTimeSpan)
        {
            _latencies = new LatencyHistogram(_time);
        }
    }

    /// <summary>Gets a value indicating whether calls that allow it are hedged.</summary>
    public bool Hedging => _hedgingDelay is not null;

    public RetryBudget Budget { get; }

    public FailoverOptions Options => _options;

    public Task<TResult> ExecuteAsync<TResult>(FailoverOperation<TResult> operation, CancellationToken cancellationToken) =>
        _hedgingDelay is not null && operation.MayHedge
            ? ExecuteHedgedAsync(operation, cancellationToken)
            : ExecuteSequentialAsync(operation, cancellationToken).AsTask();

    /// <remarks>
    /// The state machine of a call carries every attempt's bookkeeping (about 350 bytes); a pooling builder reuses
    /// it across calls, so a call that waits for its endpoint allocates only the small task that <c>AsTask</c> wraps
    /// around it. A call that completes synchronously gets a completed task, as before.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> ExecuteSequentialAsync<TResult>(FailoverOperation<TResult> operation, CancellationToken cancellationToken)
    {
        using var ended = new FailoverOperation<TResult>.EndScope(operation);

        // One clock reading serves the budget, the call's deadline and the first attempt (pick, lease, timer).
        var now = _time.GetTimestamp();
        Budget.RecordCall(now);
        var key = operation.RequestKey;
        var tried = default(TriedEndpoints);
        List<AttemptRecord>? records = null;
        Exception? lastError = null;
        var held = default(TResult);
        var heldLease = default(EndpointLease);
        var heldVerdict = default(AttemptVerdict);
        var holding = false;
        string? stopReason = null;
        using var deadline = CallDeadline.Rent(_deadlines, _time);
        deadline.Begin(_options.TotalTimeout, cancellationToken, now, operation.ReusesCancellationSource);
        for (var attempt = 1; ; attempt++)
        {
            EndpointLease lease;
            var maxAttempts = Math.Min(_options.MaxAttempts, operation.AttemptLimit);
            if (attempt > maxAttempts)
            {
                stopReason = maxAttempts < _options.MaxAttempts && attempt > 1
                    ? "the request body was sent and cannot be replayed"
                    : $"all {maxAttempts} attempts failed";
                break;
            }

            if (attempt > 1)
            {
                now = _time.GetTimestamp();
            }

            if (!Acquire(key, now, ref tried, out lease))
            {
                stopReason = attempt == 1 ? "no endpoint is available" : "no other endpoint is available";
                break;
            }

            if (attempt > 1 && !Budget.TryWithdraw())
            {
                lease.Complete(EndpointOutcome.Cancelled);
                stopReason = "the retry budget is exhausted";
                _group.OnRetryBudgetExhausted();
                break;
            }

            if (holding)
            {
                // A retry is certain now, so the failed response it replaces can go.
                heldLease.Complete(heldVerdict.Outcome, heldVerdict.RetryAfter);
                operation.Discard(held!);
                holding = false;
            }

            TResult result;
            var span = ResilientTelemetry.StartAttempt(_group.Name, lease.Endpoint!, attempt, hedge: false);
            if (attempt > 1)
            {
                ResilientTelemetry.RecordFailoverAttempt(_group.Name, hedge: false);
                _group.AttemptObservers.OnExtraAttempt(hedge: false);
            }

            deadline.StartAttempt(_options.AttemptTimeout, now);
            if (cancellationToken.IsCancellationRequested)
            {
                // Cancelled between attempts: the attempt starts with a cancelled token, as it would have if linked.
                deadline.LinkCaller();
            }

            try
            {
                var pending = operation.AttemptAsync(lease, attempt, deadline.Token);
                if (!pending.IsCompleted)
                {
                    deadline.LinkCaller();
                }

                result = await pending.ConfigureAwait(false);
                deadline.EndAttempt();
            }
            catch (Exception error) when (deadline.Token.IsCancellationRequested || error is not OperationCanceledException)
            {
                deadline.EndAttempt();
                if (cancellationToken.IsCancellationRequested)
                {
                    lease.Complete(EndpointOutcome.Cancelled);
                    ResilientTelemetry.EndAttempt(span, EndpointOutcome.Cancelled);
                    throw;
                }

                if (deadline.TotalTimedOut)
                {
                    lease.Complete(EndpointOutcome.Timeout);
                    ResilientTelemetry.EndAttempt(span, EndpointOutcome.Timeout);
                    Record(ref records, attempt, lease, new AttemptVerdict(EndpointOutcome.Timeout, detail: "the call's total timeout elapsed"));
                    throw operation.TotalTimeout(_group.Name, _options.TotalTimeout, records!);
                }

                var verdict = deadline.AttemptTimedOut
                    ? new AttemptVerdict(EndpointOutcome.Timeout, detail: $"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s")
                    : operation.Classify(error);
                lease.Complete(verdict.Outcome, verdict.RetryAfter);
                ResilientTelemetry.EndAttempt(span, verdict.Outcome);
                Record(ref records, attempt, lease, verdict);
                lastError = error;
                if (!verdict.NeverSent && !operation.MayRetryAfterSending)
                {
                    stopReason = "the request may have reached the server and is not safe to repeat";
                    break;
                }

                continue;
            }

            RecordAnswer(ref lease);
            var outcome = operation.Classify(result);
            ResilientTelemetry.EndAttempt(span, outcome.Outcome);
            if (outcome.Outcome == EndpointOutcome.Success || !operation.MayRetryAfterSending)
            {
                return operation.Accept(ref lease, result, outcome, deadline.TakeSource());
            }

            // A failed answer: keep it until a retry is certain, so the caller gets it if none can be made.
            Record(ref records, attempt, lease, outcome);
            (held, heldLease, heldVerdict, holding) = (result, lease, outcome, true);
        }

        if (holding)
        {
            return operation.Accept(ref heldLease, held!, heldVerdict, deadline.TakeSource());
        }

        throw operation.Unavailable(Unavailable(stopReason ?? "the call failed", (IReadOnlyList<AttemptRecord>?)records ?? [], lastError));
    }

    private EndpointUnavailableException Unavailable(string reason, IReadOnlyList<AttemptRecord> records, Exception? lastError)
    {
        if (records.Count == 0)
        {
            _group.Events?.OnNoEndpointAvailable(_group);
        }

        return new EndpointUnavailableException(_group.Name, reason, records, lastError);
    }

    private bool Acquire(ulong? key, long now, ref TriedEndpoints tried, out EndpointLease lease) =>
        _group.TryAcquireAt(now, key ?? 0, key.HasValue, ref tried, out lease);

    private static void Record(ref List<AttemptRecord>? records, int attempt, EndpointLease lease, AttemptVerdict verdict) =>
        (records ??= []).Add(new AttemptRecord(attempt, lease.Endpoint?.Name ?? "?", verdict.Outcome, verdict.Detail));
}
