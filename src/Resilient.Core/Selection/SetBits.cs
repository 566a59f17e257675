using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Resilient;

/// <summary>Finds the n-th set bit of a mask: how LeastRequests picks one of the tied candidates it noted as bits.</summary>
internal static class SetBits
{
    /// <summary>
    /// Gets a value indicating whether <see cref="Bmi2.ParallelBitDeposit(uint, uint)"/> runs in hardware at full
    /// speed: supported, and not an AMD processor before Zen 3 (family 19h), where it is microcoded and can take
    /// hundreds of cycles.
    /// </summary>
    public static bool HasFastBitDeposit { get; } = Bmi2.IsSupported && !IsAmdBeforeZen3();

    /// <summary>The position of the <paramref name="n"/>-th (from 0) set bit of <paramref name="bits"/>, which has more than <paramref name="n"/> set bits.</summary>
    /// <remarks>One bit deposit where the processor does it at full speed, else <see cref="NthPortable"/>.</remarks>
    public static int Nth(uint bits, int n) =>
        HasFastBitDeposit ? BitOperations.TrailingZeroCount(Bmi2.ParallelBitDeposit(1u << n, bits)) : NthPortable(bits, n);

    /// <summary>The same as <see cref="Nth"/> on any processor: clears the lowest set bit <paramref name="n"/> times.</summary>
    public static int NthPortable(uint bits, int n)
    {
        for (; n > 0; n--)
        {
            bits &= bits - 1;
        }

        return BitOperations.TrailingZeroCount(bits);
    }

    private static bool IsAmdBeforeZen3()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        // "AuthenticAMD" is spelled across EBX, EDX and ECX of leaf 0; the family is in leaf 1's EAX.
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        if (ebx != 0x68747541 || edx != 0x69746E65 || ecx != 0x444D4163)
        {
            return false;
        }

        var eax = X86Base.CpuId(1, 0).Eax;
        var family = ((eax >> 8) & 0xF) + ((eax >> 20) & 0xFF);
        return family < 0x19;
    }
}
