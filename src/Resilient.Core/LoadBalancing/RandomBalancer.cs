namespace Resilient;

/// <summary>
/// Uniform random choice, or weighted random (alias method, still O(1)) when the candidates' weights differ.
/// An excluded draw moves to the next allowed candidate.
/// </summary>
internal sealed class RandomBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        CandidateWeights.AreUniform(candidates) ? null : new AliasTable(candidates);

    public int Pick(in PickContext context)
    {
        var count = context.Candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        var bits = context.NextRandomBits();
        var index = context.State is AliasTable table ? table.Sample(bits) : RandomSource.ScaleHigh(bits, count);
        return context.HasExclusions ? context.NextAllowed(index) : index;
    }
}
