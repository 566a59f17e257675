namespace Resilient;

/// <summary>Helpers over candidate weights shared by the weighted balancers (writer side only).</summary>
internal static class CandidateWeights
{
    public static bool AreUniform(ReadOnlySpan<EndpointCandidate> candidates)
    {
        for (var i = 1; i < candidates.Length; i++)
        {
            if (candidates[i].Weight != candidates[0].Weight)
            {
                return false;
            }
        }

        return true;
    }

    public static double Max(ReadOnlySpan<EndpointCandidate> candidates)
    {
        var max = 0.0;
        foreach (var candidate in candidates)
        {
            max = Math.Max(max, candidate.Weight);
        }

        return max;
    }
}
