namespace Resilient.Core.Tests.Selection;

public sealed class SetBitsTests
{
    [Fact]
    public void Nth_EverySixteenBitMask_MatchesTheReferenceOnBothPaths()
    {
        for (var mask = 1u; mask <= 0xFFFF; mask++)
        {
            var positions = Enumerable.Range(0, 16).Where(bit => (mask & (1u << bit)) != 0).ToArray();
            for (var n = 0; n < positions.Length; n++)
            {
                if (SetBits.Nth(mask, n) != positions[n] || SetBits.NthPortable(mask, n) != positions[n])
                {
                    Assert.Fail($"mask {mask:X4}, n {n}: expected bit {positions[n]}, got {SetBits.Nth(mask, n)} (fast path {SetBits.HasFastBitDeposit}) and {SetBits.NthPortable(mask, n)} (portable)");
                }
            }
        }
    }
}
