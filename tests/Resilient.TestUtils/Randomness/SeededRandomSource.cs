namespace Resilient.TestUtils;

/// <summary>A deterministic random source (splitmix64) for reproducible distributions in tests; not thread-safe unless locked.</summary>
internal sealed class SeededRandomSource(ulong seed) : RandomSource
{
    private readonly Lock _lock = new();
    private ulong _state = seed;

    public override ulong NextUInt64()
    {
        lock (_lock)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
