namespace Resilient.Http;

/// <summary>An immutable, validated copy of one fault, ready for the per-attempt check.</summary>
internal sealed class ChaosRule
{
    private readonly string[] _endpoints;
    private readonly string[] _zones;
    private readonly int[] _tiers;

    public ChaosRule(ChaosFaultOptions fault)
    {
        Fault = fault.Clone();
        Kind = fault.Kind;
        Rate = fault.Rate;
        StatusCode = fault.StatusCode;
        Latency = fault.Latency;
        _endpoints = [.. fault.Endpoints];
        _zones = [.. fault.Zones];
        _tiers = [.. fault.Tiers];
    }

    /// <summary>Gets the copy of the options the rule was made from (never mutated).</summary>
    public ChaosFaultOptions Fault { get; }

    public ChaosFaultKind Kind { get; }

    public double Rate { get; }

    public int StatusCode { get; }

    public TimeSpan Latency { get; }

    /// <summary>Every non-empty target list must contain the endpoint (by name or address, by zone, by tier).</summary>
    public bool Targets(Endpoint endpoint)
    {
        if (_endpoints.Length > 0 && !MatchesEndpoint(endpoint))
        {
            return false;
        }

        if (_zones.Length > 0 && (endpoint.Zone is null || Array.IndexOf(_zones, endpoint.Zone) < 0))
        {
            return false;
        }

        return _tiers.Length == 0 || Array.IndexOf(_tiers, endpoint.Tier) >= 0;
    }

    /// <summary>Draws whether this attempt gets the fault; a rate of 1 or 0 draws nothing.</summary>
    public bool Fires(RandomSource random) => Rate >= 1 || (Rate > 0 && random.NextDouble() < Rate);

    public override string ToString() => Fault.ToString();

    private bool MatchesEndpoint(Endpoint endpoint)
    {
        foreach (var target in _endpoints)
        {
            if (string.Equals(target, endpoint.Name, StringComparison.Ordinal)
                || string.Equals(target, endpoint.Key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(target, endpoint.Address.OriginalString, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
