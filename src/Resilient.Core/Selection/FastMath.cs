namespace Resilient;

/// <summary>
/// Natural logarithm and exponential to below 1e-12 (absolute for the logarithm, relative for the exponential), without a division or a call: a table step plus a
/// short polynomial. Several times cheaper than <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/>, and used
/// for latency estimates and load comparisons (every completion and every PeakEwma pick), never where exact values
/// matter.
/// </summary>
/// <remarks>
/// The first version (a Taylor polynomial after dividing by ln 2, <see cref="Math.ScaleB"/>, and a series in
/// (m - 1) / (m + 1)) put two divisions and a call on the path every response completes through: a CPU profile of
/// GETs through a group showed the latency update alone at 4 % of the call. Tables of 128 logarithms and 64 powers
/// of two (3 KB, built once) leave only multiplications and additions.
/// </remarks>
internal static class FastMath
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>ln(k) for k = 1 .. 256, exact; index 0 holds ln(1).</summary>
    private static readonly double[] s_lnSmall = BuildTable(257, k => k == 0 ? 0 : Math.Log(k));

    /// <summary>ln(1 + k/128) for k = 0 .. 127.</summary>
    private static readonly double[] s_lnStep = BuildTable(128, k => Math.Log(1 + (k / 128.0)));

    /// <summary>1 / (1 + k/128) for k = 0 .. 127.</summary>
    private static readonly double[] s_invStep = BuildTable(128, k => 1 / (1 + (k / 128.0)));

    /// <summary>2^(j/64) for j = 0 .. 63.</summary>
    private static readonly double[] s_pow2Step = BuildTable(64, j => Math.Pow(2, j / 64.0));

    /// <summary>ln(1 + k) for a non-negative integer k: exact from a table for small k.</summary>
    public static double LnOnePlus(int k) => (uint)k < 256 ? s_lnSmall[k + 1] : Log(1.0 + k);

    /// <summary>ln(x) for a positive, normal x (not 0, not subnormal, not infinite).</summary>
    /// <remarks>
    /// x = 2^e * m with m in [1, 2); the top 7 bits of m pick c = 1 + k/128 just below it, so
    /// ln x = e ln 2 + ln c + ln(m / c) with m / c - 1 in [0, 1/128), where five terms of the series leave an error
    /// below 1e-13.
    /// </remarks>
    public static double Log(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)(bits >> 52) - 1023;
        var k = (int)(bits >> 45) & 0x7F;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        var f = (m * s_invStep[k]) - 1;
        var lnRest = f * (1 - (f * (0.5 - (f * ((1.0 / 3) - (f * (0.25 - (f * 0.2))))))));
        return (exponent * Ln2) + s_lnStep[k] + lnRest;
    }

    /// <summary>e^x; 0 below -700 and infinity above 700.</summary>
    /// <remarks>
    /// x = (64 n + j) ln2 / 64 + r with j in [0, 64) and |r| &lt;= ln2 / 128, so e^x = 2^n * 2^(j/64) * e^r: the power of
    /// two is built from its bits, 2^(j/64) comes from a table, and e^r from five terms of its series (error below
    /// 1e-13).
    /// </remarks>
    public static double Exp(double x)
    {
        if (x < -700)
        {
            return 0;
        }

        if (x > 700)
        {
            return double.PositiveInfinity;
        }

        var steps = Math.Round(x * (64 / Ln2));
        var r = x - (steps * (Ln2 / 64));
        var i = (long)steps;
        var power = BitConverter.Int64BitsToDouble(((i >> 6) + 1023) << 52);
        var p = 1 + (r * (1 + (r * (0.5 + (r * ((1.0 / 6) + (r * (1.0 / 24))))))));
        return power * s_pow2Step[(int)(i & 63)] * p;
    }

    private static double[] BuildTable(int length, Func<int, double> value)
    {
        var table = new double[length];
        for (var i = 0; i < length; i++)
        {
            table[i] = value(i);
        }

        return table;
    }
}
