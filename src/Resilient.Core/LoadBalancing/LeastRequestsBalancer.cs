namespace Resilient;

/// <summary>
/// Scans every candidate for the fewest in-flight requests per unit of weight. The scan starts at a random
/// candidate so that ties (an idle group) are broken at random instead of always favouring the first endpoint.
/// </summary>
internal sealed class LeastRequestsBalancer : ILoadBalancer
{
    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        CandidateWeights.AreUniform(candidates) ? null : WeightedMarker.Instance;

    public int Pick(in PickContext context)
    {
        var candidates = context.Candidates;
        var count = candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        var weighted = context.State is not null;
        var exclusions = context.HasExclusions;
        var best = -1;
        var bestLoad = 0;
        var bestWeight = 0.0;
        var index = context.NextRandom(count);
        for (var i = 0; i < count; i++, index = index + 1 == count ? 0 : index + 1)
        {
            if (exclusions && context.IsExcluded(index))
            {
                continue;
            }

            var load = candidates[index].Runtime.InFlight;
            if (best < 0)
            {
                (best, bestLoad, bestWeight) = (index, load, candidates[index].Weight);
                continue;
            }

            var better = weighted ? load * bestWeight < bestLoad * candidates[index].Weight : load < bestLoad;
            if (better)
            {
                (best, bestLoad, bestWeight) = (index, load, candidates[index].Weight);
            }
        }

        return best;
    }

    /// <summary>Prepared state meaning "weights differ, compare load per unit of weight".</summary>
    private sealed class WeightedMarker
    {
        public static readonly WeightedMarker Instance = new();
    }
}
