namespace Resilient;

/// <summary>
/// Power of two choices: two distinct candidates drawn in proportion to weight; the one with fewer in-flight
/// requests per unit of weight wins, and a tie goes to the first draw (so an idle group still spreads traffic in
/// proportion to weight). Avoids the busiest endpoint without scanning them all.
/// </summary>
internal sealed class PowerOfTwoChoicesBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        CandidateWeights.AreUniform(candidates) ? null : new AliasTable(candidates);

    public int Pick(in PickContext context)
    {
        var weighted = context.State as AliasTable;
        if (!TwoChoices.Draw(context, weighted, out var a, out var b))
        {
            return -1;
        }

        if (a == b)
        {
            return a;
        }

        var candidates = context.Candidates;
        var loadA = candidates[a].Runtime.InFlight;
        var loadB = candidates[b].Runtime.InFlight;
        if (weighted is null)
        {
            return Branchless.Select(loadB < loadA, b, a);
        }

        // loadB / weightB < loadA / weightA without dividing.
        return Branchless.Select(loadB * candidates[a].Weight < loadA * candidates[b].Weight, b, a);
    }
}
