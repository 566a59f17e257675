namespace Resilient;

/// <summary>
/// A 64-bit string hash that is the same in every process and on every run (unlike <see cref="string.GetHashCode()"/>),
/// so that clients of one service agree on consistent-hash placements.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    public static ulong Hash(ReadOnlySpan<char> value, ulong seed = 0)
    {
        var hash = FnvOffset ^ seed;
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>A 64-bit finaliser (murmur3 fmix64): spreads keys such as small integers over all bits.</summary>
    public static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        key *= 0xC4CEB9FE1A85EC53UL;
        key ^= key >> 33;
        return key;
    }
}
