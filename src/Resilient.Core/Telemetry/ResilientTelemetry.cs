using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Resilient;

/// <summary>
/// The process-wide meter and activity source. Every recording first checks that someone listens, so a process
/// without listeners pays a branch per attempt and allocates nothing; tags are a stack <see cref="TagList"/>.
/// </summary>
internal static class ResilientTelemetry
{
    private static readonly string[] s_outcomes = ["success", "failure", "timeout", "unreachable", "throttled", "cancelled"];

    public static readonly Meter Meter = new(TelemetryNames.Source);

    public static readonly ActivitySource ActivitySource = new(TelemetryNames.Source);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(TelemetryNames.Requests, "{request}", "Attempts made on an endpoint, by outcome.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(TelemetryNames.RequestDuration, "s", "Duration of attempts on an endpoint.");

    public static readonly Counter<long> Ejections = Meter.CreateCounter<long>(TelemetryNames.Ejections, "{ejection}", "Endpoints taken out of rotation by health, by reason.");

    public static readonly Counter<long> FailoverAttempts = Meter.CreateCounter<long>(TelemetryNames.FailoverAttempts, "{attempt}", "Attempts beyond a call's first: retries and hedges.");

    public static readonly Counter<long> BudgetExhausted = Meter.CreateCounter<long>(TelemetryNames.RetryBudgetExhausted, "{retry}", "Retries refused because the retry budget was exhausted.");

    static ResilientTelemetry()
    {
        Meter.CreateObservableUpDownCounter(TelemetryNames.ActiveRequests, ObserveActive, "{request}", "Attempts in flight on an endpoint.");
        Meter.CreateObservableGauge(TelemetryNames.Available, ObserveAvailable, "{endpoint}", "1 while the endpoint takes new calls, else 0.");
    }

    public static string Outcome(EndpointOutcome outcome) => s_outcomes[(int)outcome];

    /// <summary>Records one completed attempt: count and duration, tagged with group, endpoint and outcome.</summary>
    public static void RecordAttempt(string group, string endpoint, EndpointOutcome outcome, double seconds)
    {
        if (!Requests.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryNames.GroupTag, group },
            { TelemetryNames.EndpointTag, endpoint },
            { TelemetryNames.OutcomeTag, Outcome(outcome) },
        };
        Requests.Add(1, tags);
        Duration.Record(seconds, tags);
    }

    public static void RecordEjection(string group, string endpoint, string reason)
    {
        if (Ejections.Enabled)
        {
            Ejections.Add(1, new TagList { { TelemetryNames.GroupTag, group }, { TelemetryNames.EndpointTag, endpoint }, { TelemetryNames.ReasonTag, reason } });
        }
    }

    public static void RecordFailoverAttempt(string group, bool hedge)
    {
        if (FailoverAttempts.Enabled)
        {
            FailoverAttempts.Add(1, new TagList { { TelemetryNames.GroupTag, group }, { TelemetryNames.ReasonTag, hedge ? "hedge" : "retry" } });
        }
    }

    public static void RecordBudgetExhausted(string group)
    {
        if (BudgetExhausted.Enabled)
        {
            BudgetExhausted.Add(1, new TagList { { TelemetryNames.GroupTag, group } });
        }
    }

    /// <summary>Starts the span of one attempt under the caller's activity; null (free) when nobody listens.</summary>
    public static Activity? StartAttempt(string group, Endpoint endpoint, int attempt, bool hedge)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity(TelemetryNames.AttemptActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryNames.GroupTag, group);
            activity.SetTag(TelemetryNames.EndpointTag, endpoint.Name);
            activity.SetTag(TelemetryNames.AttemptTag, attempt);
            activity.SetTag(TelemetryNames.HedgeTag, hedge);
        }

        return activity;
    }

    public static void EndAttempt(Activity? activity, EndpointOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryNames.OutcomeTag, Outcome(outcome));
        if (outcome is not EndpointOutcome.Success and not EndpointOutcome.Cancelled)
        {
            activity.SetStatus(ActivityStatusCode.Error, Outcome(outcome));
        }

        activity.Dispose();
    }

    private static IEnumerable<Measurement<long>> ObserveActive()
    {
        foreach (var group in GroupRegistry.Live())
        {
            foreach (var member in group.CurrentMembers)
            {
                yield return new Measurement<long>(member.InFlight, new KeyValuePair<string, object?>(TelemetryNames.GroupTag, group.Name), new KeyValuePair<string, object?>(TelemetryNames.EndpointTag, member.Endpoint.Name));
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveAvailable()
    {
        foreach (var group in GroupRegistry.Live())
        {
            foreach (var member in group.CurrentMembers)
            {
                yield return new Measurement<int>(GroupStateBuilder.IsCandidate(member) ? 1 : 0, new KeyValuePair<string, object?>(TelemetryNames.GroupTag, group.Name), new KeyValuePair<string, object?>(TelemetryNames.EndpointTag, member.Endpoint.Name));
            }
        }
    }
}
