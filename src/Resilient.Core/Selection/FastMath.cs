namespace Resilient;

/// <summary>
/// Approximate natural logarithm and exponential (relative error below 1e-4), several times cheaper than
/// <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/>. Good enough for latency estimates and load comparisons,
/// which are statistical; never used where exact values matter.
/// </summary>
internal static class FastMath
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>ln(k) for k = 1 .. 256, exact; index 0 holds ln(1).</summary>
    private static readonly double[] s_lnSmall = BuildLnTable();

    /// <summary>ln(1 + k) for a non-negative integer k: exact from a table for small k.</summary>
    public static double LnOnePlus(int k) => (uint)k < 256 ? s_lnSmall[k + 1] : Log(1.0 + k);

    /// <summary>ln(x) for x &gt; 0: exponent from the bits, mantissa by a minimax-style polynomial of log2 on [1, 2).</summary>
    public static double Log(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);

        // log2(m) on [1, 2) via t = (m - 1) / (m + 1): log2(m) = 2/ln2 * (t + t^3/3 + t^5/5 + t^7/7).
        var t = (m - 1) / (m + 1);
        var t2 = t * t;
        var lnM = 2 * t * (1 + (t2 * ((1.0 / 3) + (t2 * ((1.0 / 5) + (t2 * (1.0 / 7)))))));
        return (exponent * Ln2) + lnM;
    }

    /// <summary>e^x: split into 2^n * e^r with |r| &lt;= ln2/2, e^r by a degree-6 Taylor polynomial.</summary>
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

        var n = Math.Round(x / Ln2);
        var r = x - (n * Ln2);
        var p = 1 + (r * (1 + (r * (0.5 + (r * ((1.0 / 6) + (r * ((1.0 / 24) + (r * ((1.0 / 120) + (r / 720)))))))))));
        return Math.ScaleB(p, (int)n);
    }

    private static double[] BuildLnTable()
    {
        var table = new double[257];
        for (var k = 1; k <= 256; k++)
        {
            table[k] = Math.Log(k);
        }

        table[0] = 0;
        return table;
    }
}
