using System.Numerics;

namespace Resilient;

/// <summary>
/// Picks the candidate with the fewest in-flight requests per unit of weight, breaking ties evenly.
/// </summary>
/// <remarks>
/// <para>
/// Up to <see cref="FullScanLimit"/> candidates every one is read, in order, noting the ones that share the lowest
/// load as bits of one register in the same pass; when several do, one random draw chooses among them (the n-th set
/// bit), so each tied endpoint gets an equal share and processes do not herd onto the same one. (A per-thread
/// rotation would save the draw, but its first use on a thread allocates the thread's storage.)
/// </para>
/// <para>
/// Above that, reading every candidate would cost more than it is worth (YARP's full scan of 256 endpoints takes
/// about 80 ns): the scan starts at a random candidate and stops at the first idle one, since nothing can beat
/// zero. Ties are then broken by position from that random start, which favours an idle endpoint that follows a
/// run of busy ones; the first pick makes it busy in turn, so the effect does not last.
/// </para>
/// </remarks>
internal sealed class LeastRequestsBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    /// <summary>The largest candidate list scanned whole, with exact tie-breaking.</summary>
    internal const int FullScanLimit = 16;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        CandidateWeights.AreUniform(candidates) ? null : WeightedMarker.Instance;

    public int Pick(in PickContext context)
    {
        var count = context.Candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        if (count <= FullScanLimit)
        {
            return context.State is null && !context.HasExclusions ? UnweightedFullScan(context) : FullScan(context);
        }

        var start = context.NextRandom(count);
        return context.State is null && !context.HasExclusions ? UnweightedFromRandomStart(context.Candidates, start) : FromRandomStart(context, start);
    }

    /// <summary>Equal weights, nothing excluded, a small list: the lowest in-flight count, ties shared at random.</summary>
    /// <remarks>The tied candidates are bits of one register (at most <see cref="FullScanLimit"/> of them), so the scan writes no memory.</remarks>
    private static int UnweightedFullScan(in PickContext context)
    {
        var candidates = context.Candidates;
        var bestLoad = candidates[0].Runtime.InFlight;
        var tied = 1u;
        for (var i = 1; i < candidates.Length; i++)
        {
            var load = candidates[i].Runtime.InFlight;
            if (load < bestLoad)
            {
                (bestLoad, tied) = (load, 1u << i);
            }
            else if (load == bestLoad)
            {
                tied |= 1u << i;
            }
        }

        return Choose(tied, context);
    }

    /// <summary>One of the candidates whose bits are set, each equally likely; -1 when none is.</summary>
    private static int Choose(uint tied, in PickContext context) => tied switch
    {
        0 => -1,
        _ when (tied & (tied - 1)) == 0 => BitOperations.TrailingZeroCount(tied),
        _ => SetBits.Nth(tied, context.NextRandom(BitOperations.PopCount(tied))),
    };

    /// <summary>A small list with weights or exclusions: the lowest load per unit of weight, ties shared at random.</summary>
    private static int FullScan(in PickContext context)
    {
        var candidates = context.Candidates;
        var weighted = context.State is not null;
        var bestLoad = 0;
        var bestWeight = 0.0;
        var tied = 0u;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (context.IsExcluded(i))
            {
                continue;
            }

            var load = candidates[i].Runtime.InFlight;
            var order = tied == 0 ? -1 : Compare(weighted, load, candidates[i].Weight, bestLoad, bestWeight);
            if (order < 0)
            {
                (bestLoad, bestWeight, tied) = (load, candidates[i].Weight, 1u << i);
            }
            else if (order == 0)
            {
                tied |= 1u << i;
            }
        }

        return Choose(tied, context);
    }

    /// <summary>A large list with weights or exclusions: from a random start to the first idle candidate.</summary>
    private static int FromRandomStart(in PickContext context, int start)
    {
        var candidates = context.Candidates;
        var count = candidates.Length;
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
            if (best < 0 || Compare(weighted, load, candidates[index].Weight, bestLoad, bestWeight) < 0)
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

    /// <summary>A large list, equal weights, nothing excluded: two plain loops, no wrap-around test per step.</summary>
    private static int UnweightedFromRandomStart(ReadOnlySpan<EndpointCandidate> candidates, int start)
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

    /// <summary>Orders load per unit of weight without dividing (cross-multiplied), or plain loads when weights are equal.</summary>
    private static int Compare(bool weighted, int load, double weight, int otherLoad, double otherWeight) =>
        weighted ? (load * otherWeight).CompareTo(otherLoad * weight) : load.CompareTo(otherLoad);

    /// <summary>Prepared state meaning "weights differ, compare load per unit of weight".</summary>
    private sealed class WeightedMarker
    {
        public static readonly WeightedMarker Instance = new();
    }
}
