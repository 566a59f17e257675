namespace Resilient;

/// <summary>
/// Splits traffic between tiers the way Envoy splits it between priorities: a tier's health is its available
/// weight over its total weight times the overprovisioning factor 1.4, capped at 100 %. Tier 0 takes its health
/// worth of traffic, the shortfall spills to tier 1, and so on. When the tiers together are less than 100 % healthy,
/// their healths are scaled up to 100 % so that all traffic still lands somewhere.
/// </summary>
internal static class TierShares
{
    public const double OverprovisioningFactor = 1.4;

    /// <summary>Computes each tier's share from its available and total configured weight.</summary>
    /// <param name="available">Available weight per tier, lowest tier first.</param>
    /// <param name="total">Total configured weight per tier, same order.</param>
    /// <param name="shares">Receives each tier's share of traffic (0 to 1).</param>
    public static void Compute(ReadOnlySpan<double> available, ReadOnlySpan<double> total, Span<double> shares)
    {
        var healthSum = 0.0;
        for (var i = 0; i < available.Length; i++)
        {
            shares[i] = total[i] <= 0 ? 0 : Math.Min(1.0, OverprovisioningFactor * available[i] / total[i]);
            healthSum += shares[i];
        }

        if (healthSum <= 0)
        {
            shares.Clear();
            return;
        }

        var normaliser = Math.Min(1.0, healthSum);
        var remaining = 1.0;
        for (var i = 0; i < shares.Length; i++)
        {
            var share = Math.Min(remaining, shares[i] / normaliser);
            shares[i] = share;
            remaining -= share;
        }
    }
}
