namespace Resilient;

/// <summary>What the prober last told its sink about one endpoint.</summary>
internal enum ProbeVerdict
{
    /// <summary>Nothing yet (or a re-report was requested): the next verdict is reported whatever it is.</summary>
    None = 0,
    Healthy = 1,
    Unhealthy = 2,
}
