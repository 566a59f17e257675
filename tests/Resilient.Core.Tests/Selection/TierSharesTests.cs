namespace Resilient.Core.Tests.Selection;

public sealed class TierSharesTests
{
    [Theory]
    [InlineData(new double[] { 3, 1 }, new double[] { 3, 1 }, new double[] { 1, 0 })]
    [InlineData(new double[] { 2, 1 }, new double[] { 3, 1 }, new double[] { 0.9333, 0.0667 })]
    [InlineData(new double[] { 1, 1 }, new double[] { 3, 1 }, new double[] { 0.4667, 0.5333 })]
    [InlineData(new double[] { 0, 1 }, new double[] { 3, 1 }, new double[] { 0, 1 })]
    [InlineData(new double[] { 1, 0, 1 }, new double[] { 4, 2, 2 }, new double[] { 0.35, 0, 0.65 })]
    [InlineData(new double[] { 1, 1 }, new double[] { 10, 10 }, new double[] { 0.5, 0.5 })] // both 14 % healthy: scaled to 100 %
    [InlineData(new double[] { 0, 0 }, new double[] { 1, 1 }, new double[] { 0, 0 })]
    public void Compute_FollowsTheOverprovisioningRule(double[] available, double[] total, double[] expected)
    {
        var shares = new double[available.Length];

        TierShares.Compute(available, total, shares);

        shares.Should().Equal(expected, (a, e) => Math.Abs(a - e) < 0.0001);
    }
}
