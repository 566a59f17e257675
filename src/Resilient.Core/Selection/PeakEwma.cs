namespace Resilient;

/// <summary>
/// A peak-sensitive exponentially weighted moving average of latency (as in Finagle and Linkerd), packed into one
/// 64-bit word so it can be updated with a single compare-and-swap and read without tearing:
/// the high 32 bits hold <c>ln(cost in seconds)</c> as a float, the low 32 bits the millisecond timestamp of the
/// last observation. Keeping the logarithm makes the time decay a subtraction, so a pick compares decayed costs
/// without calling <see cref="Math.Exp"/>.
/// </summary>
/// <remarks>
/// Millisecond stamps wrap every 49.7 days; differences are taken as signed 32-bit values and negative ones
/// (a reader whose clock sample predates a concurrent writer's) are clamped to zero.
/// </remarks>
internal static class PeakEwma
{
    /// <summary>The packed value of an endpoint that has never completed a request.</summary>
    public static readonly long Empty = Pack(float.NaN, 0);

    /// <summary>The smallest cost recorded (1 microsecond), so an instant answer under fake time stays finite.</summary>
    private const double MinCostSeconds = 1e-6;

    public static long Pack(float logCost, uint stampMs) =>
        ((long)BitConverter.SingleToInt32Bits(logCost) << 32) | stampMs;

    public static float LogCost(long packed) => BitConverter.Int32BitsToSingle((int)(packed >> 32));

    public static uint Stamp(long packed) => (uint)packed;

    public static bool HasData(long packed) => !float.IsNaN(LogCost(packed));

    /// <summary>The decayed logarithm of the cost at <paramref name="nowMs"/>, or NaN without data.</summary>
    public static double DecayedLogCost(long packed, uint nowMs, double decayPerMs)
    {
        var elapsed = (int)(nowMs - Stamp(packed));
        return LogCost(packed) - (elapsed <= 0 ? 0 : elapsed * decayPerMs);
    }

    /// <summary>Folds one observed duration into the estimate; lock-free, retried on contention.</summary>
    public static void Observe(ref long location, double seconds, uint nowMs, double decayPerMs)
    {
        var rtt = Math.Max(seconds, MinCostSeconds);
        while (true)
        {
            var old = Volatile.Read(ref location);
            var logCost = LogCost(old);
            double next;
            if (float.IsNaN(logCost))
            {
                next = rtt;
            }
            else
            {
                var cost = FastMath.Exp(logCost);
                if (rtt > cost)
                {
                    // Peak sensitivity: a slower answer replaces the estimate at once.
                    next = rtt;
                }
                else
                {
                    var elapsed = (int)(nowMs - Stamp(old));
                    var weight = DecayWeight((elapsed <= 0 ? 0 : elapsed) * decayPerMs);
                    next = (cost * weight) + (rtt * (1 - weight));
                }
            }

            var packed = Pack((float)FastMath.Log(Math.Max(next, MinCostSeconds)), nowMs);
            if (Interlocked.CompareExchange(ref location, packed, old) == old)
            {
                return;
            }
        }
    }

    /// <summary>
    /// e^-x for x &gt;= 0: the weight the old estimate keeps after a gap of x decay periods. A three-term series for small
    /// x used to spare an exponential here; since FastMath.Exp lost its division (session 4) the plain exponential is
    /// the faster of the two (Observe in a loop: 29.8 vs 31.7 ns) and exact to 1e-13.
    /// </summary>
    internal static double DecayWeight(double x) => FastMath.Exp(-x);
}
