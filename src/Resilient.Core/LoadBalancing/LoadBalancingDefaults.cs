namespace Resilient;

/// <summary>Defaults and fixed parameters of the built-in load balancers.</summary>
internal static class LoadBalancingDefaults
{
    /// <summary>The balancer a group uses when none is configured.</summary>
    public const string LoadBalancer = LoadBalancers.PeakEwma;

    /// <summary>Peak-EWMA decay time constant (Linkerd's and Finagle's 10 s).</summary>
    public static readonly TimeSpan PeakEwmaDecay = TimeSpan.FromSeconds(10);

    /// <summary>Maglev lookup table size: a prime well above 100 x the endpoint count we expect.</summary>
    public const int MaglevTableSize = 65537;

    /// <summary>Bounded-load factor: no endpoint takes more than 1.25 x its weighted share of in-flight requests.</summary>
    public const double BoundedLoadFactor = 1.25;

    /// <summary>The longest precomputed smooth weighted round-robin sequence; longer cycles are scaled down.</summary>
    public const int MaxWeightedSequenceLength = 4096;
}
