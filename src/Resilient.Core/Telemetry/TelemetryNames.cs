namespace Resilient;

/// <summary>The names of the meter, activity source, instruments and tags (SPEC.md section 6). Part of the product's contract.</summary>
public static class TelemetryNames
{
    /// <summary>The meter and activity source name.</summary>
    public const string Source = "Resilient";

    /// <summary>Counter: one per attempt, tagged with its outcome.</summary>
    public const string Requests = "resilient.endpoint.requests";

    /// <summary>Histogram of attempt durations, in seconds.</summary>
    public const string RequestDuration = "resilient.endpoint.request.duration";

    /// <summary>Up-down counter: attempts in flight per endpoint.</summary>
    public const string ActiveRequests = "resilient.endpoint.active_requests";

    /// <summary>Counter: endpoints taken out of rotation by health, tagged with the reason.</summary>
    public const string Ejections = "resilient.endpoint.ejections";

    /// <summary>Observable gauge: 1 while an endpoint takes new calls, else 0.</summary>
    public const string Available = "resilient.endpoint.available";

    /// <summary>Counter: attempts beyond a call's first, tagged <c>retry</c> or <c>hedge</c>.</summary>
    public const string FailoverAttempts = "resilient.failover.attempts";

    /// <summary>Counter: retries refused because the group's retry budget was exhausted.</summary>
    public const string RetryBudgetExhausted = "resilient.retry_budget.exhausted";

    /// <summary>The activity (span) name of one attempt.</summary>
    public const string AttemptActivity = "resilient.attempt";

    /// <summary>Tag: the group's name.</summary>
    public const string GroupTag = "resilient.group";

    /// <summary>Tag: the endpoint's name (never a full URL).</summary>
    public const string EndpointTag = "resilient.endpoint";

    /// <summary>Tag: an attempt's outcome (<c>success</c>, <c>failure</c>, <c>timeout</c>, <c>unreachable</c>, <c>throttled</c>, <c>cancelled</c>).</summary>
    public const string OutcomeTag = "resilient.outcome";

    /// <summary>Tag: why (an ejection's reason; <c>retry</c> or <c>hedge</c> for failover attempts).</summary>
    public const string ReasonTag = "resilient.reason";

    /// <summary>Span tag: the 1-based attempt number within the call.</summary>
    public const string AttemptTag = "resilient.attempt";

    /// <summary>Span tag: whether the attempt was a hedge.</summary>
    public const string HedgeTag = "resilient.hedge";
}
