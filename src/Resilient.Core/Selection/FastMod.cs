namespace Resilient;

/// <summary>
/// Remainder by a fixed 32-bit divisor with two multiplications instead of a division (Lemire's method), for
/// rotation counters on the pick path. The multiplier is computed once per candidate list.
/// </summary>
internal readonly struct FastMod
{
    private readonly ulong _multiplier;
    private readonly uint _divisor;

    public FastMod(uint divisor)
    {
        _divisor = divisor;
        _multiplier = (ulong.MaxValue / divisor) + 1;
    }

    public uint Divisor => _divisor;

    public uint Mod(uint value) => (uint)(((((_multiplier * value) >> 32) + 1) * _divisor) >> 32);
}
