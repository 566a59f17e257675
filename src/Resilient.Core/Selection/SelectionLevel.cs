namespace Resilient;

/// <summary>One tier's available candidates, the balancer's precomputed state for them, and the tier's share of traffic.</summary>
internal sealed class SelectionLevel
{
    public SelectionLevel(int tier, EndpointCandidate[] candidates, object? prepared, double share)
    {
        Tier = tier;
        Candidates = candidates;
        Prepared = prepared;
        Share = share;
    }

    public int Tier { get; }

    public EndpointCandidate[] Candidates { get; }

    public object? Prepared { get; }

    /// <summary>Gets the fraction of new calls this tier takes (0 to 1); retries may still reach a tier with share 0.</summary>
    public double Share { get; }
}
