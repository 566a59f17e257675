namespace Resilient;

/// <summary>
/// Consistent hashing on a Maglev table of 65537 slots with bounded load: the same request key lands on the same
/// endpoint while it is available and not overloaded; when one of N endpoints leaves, about 1/N of keys move.
/// </summary>
/// <remarks>
/// <para>Bounded load (Mirrokni et al.): an endpoint holding more than 1.25 x its weighted share of the group's
/// in-flight requests is passed over for the next endpoint along the table, so one hot key cannot sink an endpoint.
/// The group total is summed only when the chosen endpoint already has work in flight.</para>
/// <para>An excluded or overloaded endpoint also moves the key along the table, which gives every key a stable
/// second choice. Without a request key the pick is uniform random over the table.</para>
/// </remarks>
internal sealed class ConsistentHashBalancer : ILoadBalancer
{
    private const int MaxWalk = 64;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) =>
        new MaglevTable(candidates, LoadBalancingDefaults.MaglevTableSize);

    public int Pick(in PickContext context)
    {
        var candidates = context.Candidates;
        if (candidates.Length == 0)
        {
            return -1;
        }

        var table = (MaglevTable)context.State!;
        var key = context.HasRequestKey ? StableHash.Mix(context.RequestKey) : context.NextRandomBits();
        var slots = table.Slots;
        var slot = (int)table.Mod.Mod((uint)(key ^ (key >> 32)));
        var index = (int)slots[slot];
        var totalLoad = -1;
        var totalWeight = 0.0;
        if (Acceptable(context, index, ref totalLoad, ref totalWeight))
        {
            return index;
        }

        var last = index;
        for (var step = 0; step < MaxWalk; step++)
        {
            slot = slot + 1 == slots.Length ? 0 : slot + 1;
            index = slots[slot];
            if (index != last && Acceptable(context, index, ref totalLoad, ref totalWeight))
            {
                return index;
            }

            last = index;
        }

        // Rare: most candidates excluded or overloaded. Any allowed candidate within bound, else any allowed one.
        for (var i = 0; i < candidates.Length; i++)
        {
            if (Acceptable(context, i, ref totalLoad, ref totalWeight))
            {
                return i;
            }
        }

        return context.NextAllowed(last);
    }

    /// <summary>Not excluded and within the load bound; sums the group's load once, on first need (<paramref name="totalLoad"/> starts at -1).</summary>
    private static bool Acceptable(in PickContext context, int index, ref int totalLoad, ref double totalWeight)
    {
        if (context.HasExclusions && context.IsExcluded(index))
        {
            return false;
        }

        var candidates = context.Candidates;
        var load = candidates[index].Runtime.InFlight;
        if (load == 0)
        {
            return true;
        }

        if (totalLoad < 0)
        {
            totalLoad = 0;
            foreach (var candidate in candidates)
            {
                totalLoad += candidate.Runtime.InFlight;
                totalWeight += candidate.Weight;
            }
        }

        // load + 1 <= ceil(c * (total + 1) * weight / totalWeight)
        var bound = Math.Ceiling(LoadBalancingDefaults.BoundedLoadFactor * (totalLoad + 1) * candidates[index].Weight / totalWeight);
        return load + 1 <= bound;
    }
}
