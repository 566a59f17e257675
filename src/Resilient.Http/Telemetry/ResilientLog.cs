using Microsoft.Extensions.Logging;

namespace Resilient.Http;

/// <summary>Source-generated log messages. Nothing is logged per successful request; URLs, headers and bodies never are.</summary>
internal static partial class ResilientLog
{
    [LoggerMessage(EventId = LogEvents.EndpointEjected, Level = LogLevel.Warning, Message = "Endpoint {Endpoint} of group {Group} ejected ({Reason}) until {Until:O}")]
    public static partial void EndpointEjected(ILogger logger, string group, string endpoint, string? reason, DateTimeOffset? until);

    [LoggerMessage(EventId = LogEvents.EndpointUnreachable, Level = LogLevel.Warning, Message = "Endpoint {Endpoint} of group {Group} is unreachable ({Reason}); next trial at {Until:O}")]
    public static partial void EndpointUnreachable(ILogger logger, string group, string endpoint, string? reason, DateTimeOffset? until);

    [LoggerMessage(EventId = LogEvents.EndpointThrottled, Level = LogLevel.Information, Message = "Endpoint {Endpoint} of group {Group} throttled ({Reason}) until {Until:O}")]
    public static partial void EndpointThrottled(ILogger logger, string group, string endpoint, string? reason, DateTimeOffset? until);

    [LoggerMessage(EventId = LogEvents.EndpointInTrial, Level = LogLevel.Information, Message = "Endpoint {Endpoint} of group {Group}: out time over, the next call is its trial")]
    public static partial void EndpointInTrial(ILogger logger, string group, string endpoint);

    [LoggerMessage(EventId = LogEvents.EndpointRecovered, Level = LogLevel.Information, Message = "Endpoint {Endpoint} of group {Group} recovered (was {Previous})")]
    public static partial void EndpointRecovered(ILogger logger, string group, string endpoint, EndpointState previous);

    [LoggerMessage(EventId = LogEvents.EndpointDrained, Level = LogLevel.Information, Message = "Endpoint {Endpoint} of group {Group} drained by an operator")]
    public static partial void EndpointDrained(ILogger logger, string group, string endpoint);

    [LoggerMessage(EventId = LogEvents.EndpointRestoredByOperator, Level = LogLevel.Information, Message = "Endpoint {Endpoint} of group {Group} restored by an operator (now {State})")]
    public static partial void EndpointRestoredByOperator(ILogger logger, string group, string endpoint, EndpointState state);

    [LoggerMessage(EventId = LogEvents.TierSpillStarted, Level = LogLevel.Warning, Message = "Group {Group}: the primary tier lacks capacity; traffic spills to standby tiers or other zones")]
    public static partial void TierSpillStarted(ILogger logger, string group);

    [LoggerMessage(EventId = LogEvents.TierSpillEnded, Level = LogLevel.Information, Message = "Group {Group}: the primary tier takes all traffic again")]
    public static partial void TierSpillEnded(ILogger logger, string group);

    [LoggerMessage(EventId = LogEvents.RetryBudgetExhausted, Level = LogLevel.Warning, Message = "Group {Group}: retry budget exhausted; {Count} retries refused in the last {Seconds} s")]
    public static partial void RetryBudgetExhausted(ILogger logger, string group, long count, int seconds);

    [LoggerMessage(EventId = LogEvents.NoEndpointAvailable, Level = LogLevel.Error, Message = "Group {Group}: no endpoint available; {Count} calls failed fast in the last {Seconds} s")]
    public static partial void NoEndpointAvailable(ILogger logger, string group, long count, int seconds);

    [LoggerMessage(EventId = LogEvents.ReloadAccepted, Level = LogLevel.Information, Message = "Group {Group}: configuration reloaded, {Count} endpoints")]
    public static partial void ReloadAccepted(ILogger logger, string group, int count);

    [LoggerMessage(EventId = LogEvents.ReloadRejected, Level = LogLevel.Error, Message = "Group {Group}: configuration edit rejected, the last good configuration stays in force: {Failures}")]
    public static partial void ReloadRejected(ILogger logger, string group, string failures);

    [LoggerMessage(EventId = LogEvents.ReloadFailed, Level = LogLevel.Error, Message = "Group {Group}: configuration reload failed, the last good configuration stays in force")]
    public static partial void ReloadFailed(ILogger logger, string group, Exception error);
}
