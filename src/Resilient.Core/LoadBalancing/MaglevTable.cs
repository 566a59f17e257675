namespace Resilient;

/// <summary>
/// A Maglev lookup table (Eisenbud et al., 2016): every candidate walks its own pseudo-random permutation of the
/// table's slots (offset and skip from two stable hashes of its address) and claims free slots in turn, so
/// each candidate owns a share of slots proportional to its weight and removing one candidate moves little more
/// than the keys it owned. Built on the writer, read-only afterwards.
/// </summary>
internal sealed class MaglevTable
{
    private const ulong OffsetSeed = 0x9E3779B97F4A7C15UL;
    private const ulong SkipSeed = 0xC2B2AE3D27D4EB4FUL;

    public MaglevTable(ReadOnlySpan<EndpointCandidate> candidates, int size)
    {
        var n = candidates.Length;
        var slots = new ushort[size];
        Array.Fill(slots, ushort.MaxValue);
        var offset = new long[n];
        var skip = new long[n];
        var next = new long[n];
        var credit = new double[n];
        var share = new double[n];
        var maxWeight = CandidateWeights.Max(candidates);
        for (var i = 0; i < n; i++)
        {
            var key = candidates[i].Runtime.Endpoint.Key;
            offset[i] = (long)(StableHash.Hash(key, OffsetSeed) % (ulong)size);
            skip[i] = (long)(StableHash.Hash(key, SkipSeed) % (ulong)(size - 1)) + 1;
            share[i] = candidates[i].Weight / maxWeight;
        }

        var filled = 0;
        while (filled < size)
        {
            for (var i = 0; i < n && filled < size; i++)
            {
                // Each round a candidate earns credit in proportion to its weight and claims a slot per whole credit.
                credit[i] += share[i];
                if (credit[i] < 1.0)
                {
                    continue;
                }

                credit[i] -= 1.0;
                long slot;
                do
                {
                    slot = (offset[i] + (next[i] * skip[i])) % size;
                    next[i]++;
                }
                while (slots[slot] != ushort.MaxValue);

                slots[slot] = (ushort)i;
                filled++;
            }
        }

        Slots = slots;
        Mod = new FastMod((uint)size);
        foreach (var candidate in candidates)
        {
            TotalWeight += candidate.Weight;
        }
    }

    public double TotalWeight { get; }

    /// <summary>
    /// The candidates' total in-flight count as last summed, and when (milliseconds); racy by design. Padded away
    /// from the read-only fields above, which every pick reads, so that refreshing it does not evict them from
    /// other cores' caches.
    /// </summary>
    public LoadSum CachedLoad = new() { AtMs = uint.MaxValue };

    public ushort[] Slots { get; }

    public FastMod Mod { get; }

    /// <summary>A cache-line-isolated pair of the last load sum and the millisecond it was taken.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    internal struct LoadSum
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public int Load;

        [System.Runtime.InteropServices.FieldOffset(68)]
        public uint AtMs;
    }
}
