namespace Resilient.Core.Tests.Selection;

public sealed class FastMathTests
{
    [Fact]
    public void Log_AgreesWithMathLog_AcrossTheRangeUsed()
    {
        var random = new Random(7);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            // Latencies from a microsecond to hours, load factors up to thousands, and every mantissa.
            var x = Math.Pow(10, (random.NextDouble() * 16) - 7);
            worst = Math.Max(worst, Math.Abs(FastMath.Log(x) - Math.Log(x)));
        }

        foreach (var x in new[] { 1.0, 2.0, 1.5, 1 + (1.0 / 128), 2 - 1e-15, 1e-6, double.Epsilon * (1L << 53), double.MaxValue })
        {
            worst = Math.Max(worst, Math.Abs(FastMath.Log(x) - Math.Log(x)));
        }

        worst.Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Exp_AgreesWithMathExp_AcrossItsRange()
    {
        var random = new Random(11);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            var x = (random.NextDouble() * 1400) - 700;
            worst = Math.Max(worst, Math.Abs((FastMath.Exp(x) / Math.Exp(x)) - 1));
        }

        foreach (var x in new[] { 0.0, -0.0, 1.0, -1.0, 0.5 * Math.Log(2) / 64, -700.0, 700.0, 1e-300 })
        {
            worst = Math.Max(worst, Math.Abs((FastMath.Exp(x) / Math.Exp(x)) - 1));
        }

        worst.Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Exp_OutsideItsRange_SaturatesAtZeroAndInfinity()
    {
        FastMath.Exp(-701).Should().Be(0);
        FastMath.Exp(double.NegativeInfinity).Should().Be(0);
        FastMath.Exp(701).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void LogOfExp_RoundTrips()
    {
        for (var x = -50.0; x <= 50; x += 0.37)
        {
            FastMath.Log(FastMath.Exp(x)).Should().BeApproximately(x, 1e-11);
        }
    }
}
