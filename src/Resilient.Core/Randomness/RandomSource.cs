namespace Resilient;

/// <summary>
/// The one seam through which the library draws random numbers, so tests can script them.
/// Implementations used on the pick path must be thread-safe, lock-free and allocation-free.
/// </summary>
internal abstract class RandomSource
{
    /// <summary>Gets the process-wide source: a per-thread generator seeded once per thread.</summary>
    public static RandomSource Shared { get; } = new ThreadLocalRandomSource();

    /// <summary>Returns 64 uniformly distributed random bits.</summary>
    public abstract ulong NextUInt64();

    /// <summary>Returns a value in [0, <paramref name="maxExclusive"/>) from the high 32 bits of one draw.</summary>
    public int Next(int maxExclusive) => ScaleHigh(NextUInt64(), maxExclusive);

    /// <summary>Returns a value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Maps the high 32 bits of <paramref name="bits"/> onto [0, maxExclusive) without division.</summary>
    public static int ScaleHigh(ulong bits, int maxExclusive) => (int)(((bits >> 32) * (ulong)(uint)maxExclusive) >> 32);

    /// <summary>Maps the low 32 bits of <paramref name="bits"/> onto [0, maxExclusive) without division.</summary>
    public static int ScaleLow(ulong bits, int maxExclusive) => (int)(((bits & 0xFFFF_FFFFUL) * (ulong)(uint)maxExclusive) >> 32);
}
