namespace Resilient.ServiceDiscovery;

/// <summary>
/// Every event id this package logs, in one place. Stable: dashboards and alerts may depend on them. The range 1100-1199
/// belongs to service discovery (Resilient.Http uses 1001-1099).
/// </summary>
internal static class ServiceDiscoveryLogEvents
{
    public const int EndpointsUpdated = 1101;
    public const int ResolutionFailed = 1102;
    public const int NoEndpointsResolved = 1103;
    public const int EndpointSkipped = 1104;
}
