namespace Resilient;

/// <summary>How a call retries on other endpoints and hedges (<c>Resilient:Groups:{name}:Failover</c>).</summary>
public sealed class FailoverOptions
{
    /// <summary>Gets or sets the most attempts per call, counting the first; each retry goes to a different endpoint while one is available.</summary>
    /// <value>The default is 3.</value>
    public int MaxAttempts { get; set; } = FailoverDefaults.MaxAttempts;

    /// <summary>Gets or sets the time limit of one attempt; an attempt that runs out counts as a timeout against its endpoint.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = FailoverDefaults.AttemptTimeout;

    /// <summary>Gets or sets the time limit of the whole call, across all attempts.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = FailoverDefaults.TotalTimeout;

    /// <summary>Gets or sets the retries (and hedges) allowed, as a percentage of calls over the last 10 seconds, on top of <see cref="MinRetriesPerSecond"/>.</summary>
    /// <value>The default is 20.</value>
    public double RetryBudgetPercent { get; set; } = FailoverDefaults.RetryBudgetPercent;

    /// <summary>Gets or sets the retries per second always allowed, whatever the call rate (the budget's floor).</summary>
    /// <value>The default is 10.</value>
    public int MinRetriesPerSecond { get; set; } = FailoverDefaults.MinRetriesPerSecond;

    /// <summary>
    /// Gets or sets when to send a hedged copy of an idempotent call to another endpoint: a time (<c>00:00:00.150</c>),
    /// <c>auto</c> (the group's recent p95 latency), or null for no hedging.
    /// </summary>
    /// <value>The default is null (no hedging).</value>
    public string? HedgingDelay { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether non-idempotent calls (POST, PATCH) may be retried after they may have
    /// reached a server. Without it they fail over only when the request provably never reached one, or carries an
    /// <c>Idempotency-Key</c> header.
    /// </summary>
    /// <value>The default is false.</value>
    public bool RetryNonIdempotent { get; set; }

    /// <summary>Gets the HTTP status codes that count as endpoint failures and fail over (429, and 503 with Retry-After, are throttling instead).</summary>
    /// <value>The default is 500, 502, 503, 504 and 408.</value>
    public IList<int> FailureStatusCodes { get; } = new List<int>(FailoverDefaults.FailureStatusCodes);

    /// <summary>Gets or sets the largest request body buffered for replay on another endpoint; a larger body gets a single attempt.</summary>
    /// <value>The default is 1 MiB (1048576).</value>
    public int MaxReplayBufferSize { get; set; } = FailoverDefaults.MaxReplayBufferSize;

    /// <summary>Copies these settings, so that a group is not changed by later edits of the caller's instance.</summary>
    internal FailoverOptions Clone()
    {
        var copy = new FailoverOptions
        {
            MaxAttempts = MaxAttempts,
            AttemptTimeout = AttemptTimeout,
            TotalTimeout = TotalTimeout,
            RetryBudgetPercent = RetryBudgetPercent,
            MinRetriesPerSecond = MinRetriesPerSecond,
            HedgingDelay = HedgingDelay,
            RetryNonIdempotent = RetryNonIdempotent,
            MaxReplayBufferSize = MaxReplayBufferSize,
        };
        copy.FailureStatusCodes.Clear();
        foreach (var code in FailureStatusCodes)
        {
            copy.FailureStatusCodes.Add(code);
        }

        return copy;
    }
}
