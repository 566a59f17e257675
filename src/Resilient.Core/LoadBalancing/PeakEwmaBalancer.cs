namespace Resilient;

/// <summary>
/// Peak-EWMA power of two choices (Finagle, Linkerd): two distinct candidates drawn in proportion to weight; the
/// lower <c>latency x (1 + in-flight / weight)</c> wins. Latency is a peak-sensitive moving average that decays
/// with a 10 s time constant, so a slow endpoint loses traffic at once and an idle one is tried again later.
/// </summary>
/// <remarks>
/// An endpoint with no latency sample yet is preferred while it has nothing in flight (so it gets measured) and
/// avoided while it has (so a new endpoint is not flooded before its first answer), as in Finagle.
/// The comparison works on logarithms: decay is a subtraction, and the load term ln(1 + in-flight) comes from an exact
/// table when weights are equal (a fast approximate logarithm otherwise), so a pick calls no transcendental function.
/// </remarks>
internal sealed class PeakEwmaBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    private static readonly double s_decayPerMs = 1.0 / LoadBalancingDefaults.PeakEwmaDecay.TotalMilliseconds;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        CandidateWeights.AreUniform(candidates) ? null : new AliasTable(candidates);

    public int Pick(in PickContext context)
    {
        if (!TwoChoices.Draw(context, context.State as AliasTable, out var a, out var b))
        {
            return -1;
        }

        if (a == b)
        {
            return a;
        }

        var candidates = context.Candidates;
        var runtimeA = candidates[a].Runtime;
        var runtimeB = candidates[b].Runtime;
        var packedA = runtimeA.EwmaPacked;
        var packedB = runtimeB.EwmaPacked;
        var loadA = runtimeA.InFlight;
        var loadB = runtimeB.InFlight;
        var classA = Class(packedA, loadA);
        var classB = Class(packedB, loadB);
        if (classA != classB)
        {
            return classB < classA ? b : a;
        }

        if (classA == Explore)
        {
            return a;
        }

        // Score = ln(cost) + ln(1 + load / weight). With equal weights the load term comes from an exact table.
        double lnFactorA, lnFactorB;
        if (context.State is null)
        {
            lnFactorA = FastMath.LnOnePlus(loadA);
            lnFactorB = FastMath.LnOnePlus(loadB);
        }
        else
        {
            lnFactorA = loadA == 0 ? 0 : FastMath.Log(1.0 + (loadA / candidates[a].Weight));
            lnFactorB = loadB == 0 ? 0 : FastMath.Log(1.0 + (loadB / candidates[b].Weight));
        }

        if (classA == Penalty)
        {
            return lnFactorB < lnFactorA ? b : a;
        }

        var now = context.NowMilliseconds;
        var scoreA = PeakEwma.DecayedLogCost(packedA, now, s_decayPerMs) + lnFactorA;
        var scoreB = PeakEwma.DecayedLogCost(packedB, now, s_decayPerMs) + lnFactorB;
        return Branchless.Select(scoreB < scoreA, b, a);
    }

    private const int Explore = 0;
    private const int Measured = 1;
    private const int Penalty = 2;

    private static int Class(long packed, int load) =>
        PeakEwma.HasData(packed) ? Measured : load == 0 ? Explore : Penalty;
}
