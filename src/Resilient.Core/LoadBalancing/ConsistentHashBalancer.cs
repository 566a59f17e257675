namespace Resilient;

/// <summary>
/// Consistent hashing on a Maglev table of 65537 slots with bounded load: the same request key lands on the same
/// endpoint while it is available and not overloaded; when one of N endpoints leaves, about 1/N of keys move.
/// </summary>
/// <remarks>
/// <para>Bounded load (Mirrokni et al.): an endpoint holding more than 1.25 x its weighted share of the group's
/// in-flight requests is passed over for the next endpoint along the table, so one hot key cannot sink an endpoint.
/// The group total is summed at most once per millisecond to accept a pick, and exactly before rejecting one, so a
/// pick on a large group does not scan every endpoint.</para>
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
        if (Acceptable(context, table, index, ref totalLoad))
        {
            return index;
        }

        var last = index;
        for (var step = 0; step < MaxWalk; step++)
        {
            slot = slot + 1 == slots.Length ? 0 : slot + 1;
            index = slots[slot];
            if (index != last && Acceptable(context, table, index, ref totalLoad))
            {
                return index;
            }

            last = index;
        }

        // Rare: most candidates excluded or overloaded. Any allowed candidate within bound, else any allowed one.
        for (var i = 0; i < candidates.Length; i++)
        {
            if (Acceptable(context, table, i, ref totalLoad))
            {
                return i;
            }
        }

        return context.NextAllowed(last);
    }

    /// <summary>Not excluded and within the load bound. <paramref name="totalLoad"/> starts at -1 and holds the exact sum once taken.</summary>
    private static bool Acceptable(in PickContext context, MaglevTable table, int index, ref int totalLoad)
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

        var weight = candidates[index].Weight;
        if (totalLoad < 0)
        {
            // A recent sum may accept; only an exact one may reject.
            ref var cache = ref table.CachedLoad;
            if (Volatile.Read(ref cache.AtMs) == context.NowMilliseconds && WithinBound(load, Volatile.Read(ref cache.Load), weight, table.TotalWeight))
            {
                return true;
            }

            totalLoad = 0;
            foreach (var candidate in candidates)
            {
                totalLoad += candidate.Runtime.InFlight;
            }

            // Written only when it changed: a rejection repeated within the millisecond must not keep taking the
            // cache line away from the other cores that read it.
            if (Volatile.Read(ref cache.Load) != totalLoad)
            {
                Volatile.Write(ref cache.Load, totalLoad);
            }

            if (Volatile.Read(ref cache.AtMs) != context.NowMilliseconds)
            {
                Volatile.Write(ref cache.AtMs, context.NowMilliseconds);
            }
        }

        return WithinBound(load, totalLoad, weight, table.TotalWeight);
    }

    /// <summary>load + 1 &lt;= ceil(c x (total + 1) x weight / totalWeight).</summary>
    private static bool WithinBound(int load, int totalLoad, double weight, double totalWeight) =>
        load + 1 <= Math.Ceiling(LoadBalancingDefaults.BoundedLoadFactor * (totalLoad + 1) * weight / totalWeight);
}
