using Microsoft.Extensions.Logging;

namespace Resilient.Http;

/// <summary>
/// Logs a group's health transitions and group-level events. Per-call events (budget exhausted, nothing available)
/// are summarised at most once per <see cref="SummaryPeriod"/>, so an outage cannot flood the logs.
/// </summary>
internal sealed class GroupEventLogger : IGroupEvents
{
    private static readonly TimeSpan SummaryPeriod = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RateLimitedCount _budget = new();
    private readonly RateLimitedCount _unavailable = new();

    public GroupEventLogger(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    public void Attach(EndpointGroup group)
    {
        group.Events = this;
        group.SubscribeHealthChanges(OnHealthChanged);
    }

    public void OnTierSpillChanged(EndpointGroup group, bool spilling)
    {
        if (spilling)
        {
            ResilientLog.TierSpillStarted(_logger, group.Name);
        }
        else
        {
            ResilientLog.TierSpillEnded(_logger, group.Name);
        }
    }

    public void OnRetryBudgetExhausted(EndpointGroup group)
    {
        if (_budget.Increment(_time.GetTimestamp(), SummaryPeriod, _time.TimestampFrequency, out var count))
        {
            ResilientLog.RetryBudgetExhausted(_logger, group.Name, count, (int)SummaryPeriod.TotalSeconds);
        }
    }

    public void OnNoEndpointAvailable(EndpointGroup group)
    {
        if (_unavailable.Increment(_time.GetTimestamp(), SummaryPeriod, _time.TimestampFrequency, out var count))
        {
            ResilientLog.NoEndpointAvailable(_logger, group.Name, count, (int)SummaryPeriod.TotalSeconds);
        }
    }

    private ValueTask OnHealthChanged(EndpointHealthChange change)
    {
        var group = change.GroupName;
        var endpoint = change.Endpoint.Name;
        switch (change.State)
        {
            case EndpointState.Ejected:
                ResilientLog.EndpointEjected(_logger, group, endpoint, change.Reason, change.Until);
                break;
            case EndpointState.Unreachable:
                ResilientLog.EndpointUnreachable(_logger, group, endpoint, change.Reason, change.Until);
                break;
            case EndpointState.Throttled:
                ResilientLog.EndpointThrottled(_logger, group, endpoint, change.Reason, change.Until);
                break;
            case EndpointState.InTrial when change.PreviousState != EndpointState.Drained:
                ResilientLog.EndpointInTrial(_logger, group, endpoint);
                break;
            case EndpointState.Drained:
                ResilientLog.EndpointDrained(_logger, group, endpoint);
                break;
            case EndpointState.Available or EndpointState.InTrial when change.PreviousState == EndpointState.Drained:
                ResilientLog.EndpointRestoredByOperator(_logger, group, endpoint, change.State);
                break;
            case EndpointState.Available:
                ResilientLog.EndpointRecovered(_logger, group, endpoint, change.PreviousState);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
