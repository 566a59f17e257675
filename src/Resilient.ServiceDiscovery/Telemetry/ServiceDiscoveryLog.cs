using Microsoft.Extensions.Logging;

namespace Resilient.ServiceDiscovery;

/// <summary>Source-generated log messages for service-discovery groups. Nothing is logged per request.</summary>
internal static partial class ServiceDiscoveryLog
{
    [LoggerMessage(EventId = ServiceDiscoveryLogEvents.EndpointsUpdated, Level = LogLevel.Information, Message = "Group {Group}: service discovery for {Service} updated the endpoints: {Count} now, {Added} added, {Removed} removed")]
    public static partial void EndpointsUpdated(ILogger logger, string group, string service, int count, int added, int removed);

    [LoggerMessage(EventId = ServiceDiscoveryLogEvents.ResolutionFailed, Level = LogLevel.Warning, Message = "Group {Group}: resolving {Service} failed; the last discovered endpoints stay in force; next try in {Delay}")]
    public static partial void ResolutionFailed(ILogger logger, string group, string service, TimeSpan delay, Exception error);

    [LoggerMessage(EventId = ServiceDiscoveryLogEvents.NoEndpointsResolved, Level = LogLevel.Warning, Message = "Group {Group}: service discovery for {Service} found no usable endpoint; the last discovered endpoints ({Count}) stay in force")]
    public static partial void NoEndpointsResolved(ILogger logger, string group, string service, int count);

    [LoggerMessage(EventId = ServiceDiscoveryLogEvents.EndpointSkipped, Level = LogLevel.Warning, Message = "Group {Group}: a discovered endpoint of {Service} was left out: {Reason}")]
    public static partial void EndpointSkipped(ILogger logger, string group, string service, string reason);
}
