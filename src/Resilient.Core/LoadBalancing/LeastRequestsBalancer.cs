namespace Resilient;

/// <summary>
/// Scans the candidates for the fewest in-flight requests per unit of weight. The scan starts at a random candidate
/// so that ties (an idle group) are broken at random instead of always favouring the first endpoint, and stops at
/// the first idle candidate, since nothing can beat zero.
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

        var start = count == 1 ? 0 : context.NextRandom(count);
        if (context.State is null && !context.HasExclusions)
        {
            return Unweighted(candidates, start);
        }

        var weighted = context.State is not null;
        var best = -1;
        var bestLoad = 0;
        var bestWeight = 0.0;
        for (int i = 0, index = start; i < count; i++, index = index + 1 == count ? 0 : index + 1)
        {
            if (context.IsExcluded(index))
            {
                continue;
            }

            var load = candidates[index].Runtime.InFlight;
            if (best < 0 || (weighted ? load * bestWeight < bestLoad * candidates[index].Weight : load < bestLoad))
            {
                (best, bestLoad, bestWeight) = (index, load, candidates[index].Weight);
                if (load == 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The common case, equal weights and nothing excluded: two plain loops, no wrap-around test per step.</summary>
    private static int Unweighted(ReadOnlySpan<EndpointCandidate> candidates, int start)
    {
        var best = start;
        var bestLoad = candidates[start].Runtime.InFlight;
        for (var i = start + 1; i < candidates.Length && bestLoad != 0; i++)
        {
            var load = candidates[i].Runtime.InFlight;
            if (load < bestLoad)
            {
                (best, bestLoad) = (i, load);
            }
        }

        for (var i = 0; i < start && bestLoad != 0; i++)
        {
            var load = candidates[i].Runtime.InFlight;
            if (load < bestLoad)
            {
                (best, bestLoad) = (i, load);
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
