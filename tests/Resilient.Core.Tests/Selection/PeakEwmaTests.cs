namespace Resilient.Core.Tests.Selection;

public sealed class PeakEwmaTests
{
    private const double DecayPerMs = 1.0 / 10_000;

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(0.02)]
    [InlineData(0.05)]
    [InlineData(0.0500001)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void DecayWeight_MatchesExpOfMinusX(double x) =>
        PeakEwma.DecayWeight(x).Should().BeApproximately(Math.Exp(-x), 1e-6 + (1e-4 * Math.Exp(-x)));

    [Fact]
    public void Observe_SlowerSample_ReplacesTheEstimateAtOnce()
    {
        var word = PeakEwma.Empty;
        PeakEwma.Observe(ref word, 0.010, 1_000, DecayPerMs);

        PeakEwma.Observe(ref word, 0.500, 1_001, DecayPerMs);

        Math.Exp(PeakEwma.LogCost(word)).Should().BeApproximately(0.5, 0.0001);
    }

    [Fact]
    public void Observe_FasterSample_BlendsByTheTimeSinceTheLastOne()
    {
        var word = PeakEwma.Empty;
        PeakEwma.Observe(ref word, 0.100, 0, DecayPerMs);

        // 10 s later (one time constant) the old estimate keeps weight 1/e.
        PeakEwma.Observe(ref word, 0.010, 10_000, DecayPerMs);

        var expected = (0.100 * Math.Exp(-1)) + (0.010 * (1 - Math.Exp(-1)));
        Math.Exp(PeakEwma.LogCost(word)).Should().BeApproximately(expected, 0.0001);
    }

    [Fact]
    public void DecayedLogCost_FallsLinearlyWithIdleTime_AndIgnoresClockSamplesOlderThanTheStamp()
    {
        var word = PeakEwma.Empty;
        PeakEwma.HasData(word).Should().BeFalse();
        PeakEwma.Observe(ref word, 0.200, 5_000, DecayPerMs);

        var fresh = PeakEwma.DecayedLogCost(word, 5_000, DecayPerMs);
        var later = PeakEwma.DecayedLogCost(word, 25_000, DecayPerMs);
        var older = PeakEwma.DecayedLogCost(word, 4_000, DecayPerMs);

        Math.Exp(fresh).Should().BeApproximately(0.2, 0.0001);
        (fresh - later).Should().BeApproximately(2.0, 0.0001);
        older.Should().Be(fresh);
    }

    [Fact]
    public void Stamp_WrapsAroundWithoutBreakingTheDecay()
    {
        var word = PeakEwma.Empty;
        PeakEwma.Observe(ref word, 0.200, uint.MaxValue - 500, DecayPerMs);

        var log = PeakEwma.DecayedLogCost(word, 9_500, DecayPerMs);

        (PeakEwma.LogCost(word) - log).Should().BeApproximately(1.0, 0.0001);
    }
}
