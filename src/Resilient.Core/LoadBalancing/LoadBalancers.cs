namespace Resilient;

/// <summary>The names of the built-in load balancers, as used in configuration (<c>LoadBalancer</c>).</summary>
public static class LoadBalancers
{
    /// <summary>Rotates through the endpoints from a random starting point; ignores weights (gRPC round_robin).</summary>
    public const string RoundRobin = "RoundRobin";

    /// <summary>Deterministic weighted rotation with smooth interleaving: weights 5,1,1 give a,a,b,a,c,a,a (nginx).</summary>
    public const string WeightedRoundRobin = "WeightedRoundRobin";

    /// <summary>Uniform random choice, or weighted random when weights differ (Envoy random).</summary>
    public const string Random = "Random";

    /// <summary>Two distinct random candidates; the one with fewer in-flight requests per unit of weight wins (YARP's default).</summary>
    public const string PowerOfTwoChoices = "PowerOfTwoChoices";

    /// <summary>Two distinct random candidates; the lower peak-EWMA latency times (in-flight + 1), per unit of weight, wins (Finagle, Linkerd). The default.</summary>
    public const string PeakEwma = "PeakEwma";

    /// <summary>Scans every candidate for the fewest in-flight requests per unit of weight (YARP LeastRequests).</summary>
    public const string LeastRequests = "LeastRequests";

    /// <summary>Maps a request key to the same endpoint (Maglev, table size 65537) with bounded load.</summary>
    public const string ConsistentHash = "ConsistentHash";

    /// <summary>The first available endpoint in configuration order (active-passive per endpoint).</summary>
    public const string FirstAvailable = "FirstAvailable";
}
