namespace Resilient;

/// <summary>
/// wyrand on a per-thread 64-bit state: no lock, no allocation, no shared cache line between threads.
/// Each thread is seeded once from the operating system's generator.
/// </summary>
internal sealed class ThreadLocalRandomSource : RandomSource
{
    private const ulong Increment = 0xA0761D6478BD642FUL;
    private const ulong Mixer = 0xE7037ED1A0B428DBUL;

    [ThreadStatic]
    private static ulong t_state;

    public override ulong NextUInt64()
    {
        var state = t_state;
        if (state == 0)
        {
            state = Seed();
        }

        state += Increment;
        t_state = state;
        var high = Math.BigMul(state, state ^ Mixer, out var low);
        return high ^ low;
    }

    private static ulong Seed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        var seed = BitConverter.ToUInt64(bytes);
        return seed == 0 ? Increment : seed;
    }
}
