namespace Resilient;

/// <summary>
/// Deterministic smooth weighted round robin (nginx's algorithm). The whole cycle is computed once per candidate
/// list on the writer, so a pick is one increment of a per-thread counter and one array read: weights 5,1,1 give a,a,b,a,c,a,a.
/// </summary>
/// <remarks>
/// Integer weights are reduced by their greatest common divisor. When the cycle would be longer than
/// <see cref="LoadBalancingDefaults.MaxWeightedSequenceLength"/> (large or fractional effective weights, for
/// example during slow start), weights are scaled down proportionally, keeping every candidate at least once.
/// An excluded slot takes another ticket from the rotation, so the remaining candidates keep their relative weights.
/// </remarks>
internal sealed class WeightedRoundRobinBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    private readonly RotationCounter _position = new(randomStart: false);

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => new State(BuildSequence(candidates));

    public int Pick(in PickContext context)
    {
        if (context.Candidates.Length == 0)
        {
            return -1;
        }

        var state = (State)context.State!;
        var sequence = state.Sequence;
        var position = (int)state.Mod.Mod(_position.Next(context));
        var index = (int)sequence[position];
        if (!context.HasExclusions || !context.IsExcluded(index))
        {
            return index;
        }

        // Take further tickets from the shared rotation: every slot is equally likely to come up, so the endpoints
        // still allowed keep their relative weights (walking to the next slot would favour whoever follows the
        // excluded endpoint). Bounded; the final scan only matters when nearly every slot is excluded.
        for (var step = 1; step < sequence.Length; step++)
        {
            index = sequence[(int)state.Mod.Mod(_position.Next(context))];
            if (!context.IsExcluded(index))
            {
                return index;
            }
        }

        return context.NextAllowed(index);
    }

    internal static ushort[] BuildSequence(ReadOnlySpan<EndpointCandidate> candidates)
    {
        var weights = IntegerWeights(candidates);
        var total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var current = new int[weights.Length];
        var sequence = new ushort[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i];
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            sequence[slot] = (ushort)best;
        }

        return sequence;
    }

    private static int[] IntegerWeights(ReadOnlySpan<EndpointCandidate> candidates)
    {
        var weights = new int[candidates.Length];
        var sum = 0.0;
        var integral = true;
        foreach (var candidate in candidates)
        {
            sum += candidate.Weight;
            integral &= candidate.Weight == Math.Floor(candidate.Weight);
        }

        var max = LoadBalancingDefaults.MaxWeightedSequenceLength;
        var scale = integral && sum <= max ? 1.0 : Math.Max(max, candidates.Length) / sum;
        var divisor = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Max(1, (int)Math.Round(candidates[i].Weight * scale));
            divisor = Gcd(divisor, weights[i]);
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= divisor;
        }

        return weights;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private sealed class State(ushort[] sequence)
    {
        public ushort[] Sequence { get; } = sequence;

        public FastMod Mod { get; } = new((uint)sequence.Length);
    }
}
