using System.Globalization;

namespace Resilient.Http;

/// <summary>
/// One injected fault (<c>Chaos:Faults:{i}</c>): what happens, how often, and to which endpoints. An endpoint is
/// targeted when it matches every non-empty list among <see cref="Endpoints"/>, <see cref="Zones"/> and
/// <see cref="Tiers"/> (any entry of a list); with all three empty, every endpoint of the group is targeted.
/// </summary>
public sealed class ChaosFaultOptions
{
    /// <summary>Gets or sets what the fault does.</summary>
    /// <value>The default is <see cref="ChaosFaultKind.Refuse"/>.</value>
    public ChaosFaultKind Kind { get; set; }

    /// <summary>Gets or sets the share of attempts on a targeted endpoint that get the fault, from 0 to 1.</summary>
    /// <value>The default is 1 (every attempt).</value>
    public double Rate { get; set; } = ChaosDefaults.Rate;

    /// <summary>Gets the names or addresses of the targeted endpoints.</summary>
    /// <value>The default is an empty list (no restriction by endpoint).</value>
    public IList<string> Endpoints { get; } = new List<string>();

    /// <summary>Gets the targeted zones.</summary>
    /// <value>The default is an empty list (no restriction by zone).</value>
    public IList<string> Zones { get; } = new List<string>();

    /// <summary>Gets the targeted tiers (0 is the primary tier).</summary>
    /// <value>The default is an empty list (no restriction by tier).</value>
    public IList<int> Tiers { get; } = new List<int>();

    /// <summary>Gets or sets the status code answered by a <see cref="ChaosFaultKind.Status"/> fault, from 200 to 599.</summary>
    /// <value>The default is 500.</value>
    public int StatusCode { get; set; } = ChaosDefaults.StatusCode;

    /// <summary>Gets or sets the delay added by a <see cref="ChaosFaultKind.Latency"/> fault; positive.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan Latency { get; set; } = ChaosDefaults.Latency;

    /// <summary>Describes the fault, for example <c>Status 503 at 50 % on zones eu-1</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var what = Kind switch
        {
            ChaosFaultKind.Status => $"Status {StatusCode}",
            ChaosFaultKind.Latency => $"Latency +{Latency.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms",
            _ => Kind.ToString(),
        };
        var rate = Rate >= 1 ? "" : $" at {(Rate * 100).ToString("0.##", CultureInfo.InvariantCulture)} %";
        var targets = new List<string>(3);
        if (Endpoints.Count > 0)
        {
            targets.Add($"endpoints {string.Join(", ", Endpoints)}");
        }

        if (Zones.Count > 0)
        {
            targets.Add($"zones {string.Join(", ", Zones)}");
        }

        if (Tiers.Count > 0)
        {
            targets.Add($"tiers {string.Join(", ", Tiers)}");
        }

        return $"{what}{rate} on {(targets.Count == 0 ? "every endpoint" : string.Join(" and ", targets))}";
    }

    /// <summary>Returns an independent copy, so later edits to this instance do not change an injected fault.</summary>
    internal ChaosFaultOptions Clone()
    {
        var copy = new ChaosFaultOptions { Kind = Kind, Rate = Rate, StatusCode = StatusCode, Latency = Latency };
        foreach (var endpoint in Endpoints)
        {
            copy.Endpoints.Add(endpoint);
        }

        foreach (var zone in Zones)
        {
            copy.Zones.Add(zone);
        }

        foreach (var tier in Tiers)
        {
            copy.Tiers.Add(tier);
        }

        return copy;
    }
}
