namespace Resilient.TestUtils;

/// <summary>Returns the scripted values in order, cycling when they run out; lets a test decide every random draw.</summary>
internal sealed class ScriptedRandomSource(params ulong[] values) : RandomSource
{
    private int _next;

    public int Draws => _next;

    public override ulong NextUInt64() => values[_next++ % values.Length];

    /// <summary>The 64-bit draw whose high half selects <paramref name="index"/> of <paramref name="count"/> and whose low half selects <paramref name="lowIndex"/> of <paramref name="lowCount"/>.</summary>
    public static ulong Bits(int index, int count, int lowIndex = 0, int lowCount = 1) =>
        ((ulong)Fraction(index, count) << 32) | Fraction(lowIndex, lowCount);

    private static uint Fraction(int index, int count) => (uint)((((ulong)index << 32) + ((1UL << 32) / 2)) / (ulong)count);
}
