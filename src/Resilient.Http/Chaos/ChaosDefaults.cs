namespace Resilient.Http;

/// <summary>Defaults and names of chaos injection.</summary>
internal static class ChaosDefaults
{
    /// <summary>The key of the chaos section inside a group's section (<c>Resilient:Groups:{name}:Chaos</c>).</summary>
    public const string SectionKey = "Chaos";

    public const double Rate = 1.0;

    public const int StatusCode = 500;

    public static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    /// <summary>The attempt span's tag naming the fault injected into it.</summary>
    public const string ActivityTag = "resilient.chaos";

    /// <summary>The header a synthetic response carries, naming the fault.</summary>
    public const string ResponseHeader = "X-Resilient-Chaos";

    /// <summary>The logger category of chaos events.</summary>
    public const string LoggerCategory = "Resilient.Chaos";
}
