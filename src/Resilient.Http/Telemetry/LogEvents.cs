namespace Resilient.Http;

/// <summary>Every event id Resilient logs, in one place. Stable: dashboards and alerts may depend on them.</summary>
internal static class LogEvents
{
    public const int EndpointEjected = 1001;
    public const int EndpointUnreachable = 1002;
    public const int EndpointThrottled = 1003;
    public const int EndpointInTrial = 1004;
    public const int EndpointRecovered = 1005;
    public const int EndpointDrained = 1006;
    public const int EndpointRestoredByOperator = 1007;
    public const int TierSpillStarted = 1010;
    public const int TierSpillEnded = 1011;
    public const int RetryBudgetExhausted = 1020;
    public const int NoEndpointAvailable = 1021;
    public const int ReloadAccepted = 1030;
    public const int ReloadRejected = 1031;
    public const int ReloadFailed = 1032;
    public const int ChaosInjecting = 1040;
    public const int ChaosNotInjecting = 1041;
    public const int ChaosReloadRejected = 1042;
}
