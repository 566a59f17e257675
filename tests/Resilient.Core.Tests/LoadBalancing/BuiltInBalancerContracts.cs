namespace Resilient.Core.Tests.LoadBalancing;

public sealed class RoundRobinContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.RoundRobin;

    // Round robin ignores weights, like gRPC's round_robin.
    protected override double[] ExpectedShares(int[] weights) => Uniform(weights);
}

public sealed class WeightedRoundRobinContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.WeightedRoundRobin;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class RandomContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.Random;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class PowerOfTwoChoicesContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.PowerOfTwoChoices;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class PowerOfTwoChoicesUnderLoadContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.PowerOfTwoChoices;

    protected override bool HoldLeases => true;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class PeakEwmaContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.PeakEwma;

    // Equal latencies and no load: the first weighted draw wins, so traffic follows weight.
    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class PeakEwmaUnderLoadContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.PeakEwma;

    protected override bool HoldLeases => true;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class LeastRequestsContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.LeastRequests;

    // With every lease held the scan keeps in-flight per unit of weight level, i.e. proportional to weight.
    protected override bool HoldLeases => true;

    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class ConsistentHashContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.ConsistentHash;

    // Distinct keys spread over the Maglev table, whose slots are shared in proportion to weight.
    protected override double[] ExpectedShares(int[] weights) => Proportional(weights);
}

public sealed class FirstAvailableContractTests : LoadBalancerContractTests
{
    protected override string BalancerName => LoadBalancers.FirstAvailable;

    protected override double[] ExpectedShares(int[] weights) => weights.Select((_, i) => i == 0 ? 1.0 : 0.0).ToArray();
}
