using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.LoadBalancing;

/// <summary>
/// What every load balancer, built-in or custom, must do. Each balancer's test class derives from this one and
/// states the traffic shares it promises for weights 1, 2, 3, 4.
/// </summary>
public abstract class LoadBalancerContractTests
{
    /// <summary>The shares must be within this absolute tolerance after <see cref="DistributionPicks"/> picks.</summary>
    protected const double ShareTolerance = 0.02;

    protected const int DistributionPicks = 20_000;

    private static readonly int[] s_weights = [1, 2, 3, 4];

    protected abstract string BalancerName { get; }

    /// <summary>Whether the distribution is measured with every lease held (load-aware balancers equalise load) rather than completed at once.</summary>
    protected virtual bool HoldLeases => false;

    /// <summary>The share of picks each endpoint should get for the given weights; null skips the distribution check.</summary>
    protected abstract double[]? ExpectedShares(int[] weights);

    [Fact]
    public void Pick_NoCandidates_ReturnsMinusOne()
    {
        var balancer = LoadBalancerRegistry.Default.Create(BalancerName);
        var tried = default(TriedEndpoints);

        TestGroups.Pick(balancer, [], null, new SeededRandomSource(1), ref tried).Should().Be(-1);
    }

    [Fact]
    public void Pick_EveryCandidateExcluded_ReturnsMinusOne()
    {
        var balancer = LoadBalancerRegistry.Default.Create(BalancerName);
        var runtimes = TestGroups.Runtimes(new FakeTimeProvider(), 5);
        var candidates = TestGroups.Candidates(runtimes, 1, 2, 3, 4, 5);
        var state = balancer.Prepare(candidates);
        var tried = default(TriedEndpoints);
        foreach (var runtime in runtimes)
        {
            tried.Add(runtime);
        }

        for (var i = 0; i < 50; i++)
        {
            TestGroups.Pick(balancer, candidates, state, new SeededRandomSource((ulong)i), ref tried, key: (ulong)i).Should().Be(-1);
        }
    }

    [Fact]
    public void Pick_WithExclusions_NeverReturnsAnExcludedCandidateAndFindsTheOthers()
    {
        var balancer = LoadBalancerRegistry.Default.Create(BalancerName);
        var runtimes = TestGroups.Runtimes(new FakeTimeProvider(), 7);
        var candidates = TestGroups.Candidates(runtimes, 1, 2, 3, 1, 2, 3, 1);
        var state = balancer.Prepare(candidates);
        var random = new SeededRandomSource(42);
        for (var round = 0; round < 2_000; round++)
        {
            var tried = default(TriedEndpoints);
            var excludedMask = random.Next(127); // never all seven
            for (var i = 0; i < runtimes.Length; i++)
            {
                if ((excludedMask & (1 << i)) != 0)
                {
                    tried.Add(runtimes[i]);
                }
            }

            var index = TestGroups.Pick(balancer, candidates, state, random, ref tried, key: (ulong)round);

            index.Should().BeInRange(0, runtimes.Length - 1, "a candidate is still allowed (mask {0})", excludedMask);
            (excludedMask & (1 << index)).Should().Be(0, "candidate {0} was excluded (mask {1})", index, excludedMask);
        }
    }

    [Fact]
    public void TryAcquire_NeverReturnsADrainedEndpoint()
    {
        var group = TestGroups.Create(BalancerName, new SeededRandomSource(7), null, 1, 2, 3, 4);
        group.Drain("e1").Should().BeTrue();
        group.Drain("e3").Should().BeTrue();

        for (var i = 0; i < 1_000; i++)
        {
            group.TryAcquire((ulong)i, ref FreshTried(), out var lease).Should().BeTrue();
            lease.Endpoint!.Name.Should().BeOneOf("e0", "e2");
            lease.Complete(EndpointOutcome.Success);
        }
    }

    [Fact]
    public void TryAcquire_EverythingDrainedOrEmpty_ReturnsFalseWithoutThrowing()
    {
        var group = TestGroups.Create(BalancerName, new SeededRandomSource(7), null, 1, 1);
        group.Drain("e0");
        group.Drain("e1");

        group.TryAcquire(out var lease).Should().BeFalse();
        lease.IsActive.Should().BeFalse();

        group.UpdateEndpoints([]);
        group.TryAcquire(out _).Should().BeFalse();
    }

    [Fact]
    public void TryAcquire_RetriesInOneCall_VisitEveryEndpointOnceThenStop()
    {
        var group = TestGroups.Create(BalancerName, new SeededRandomSource(3), null, 1, 2, 3, 4);
        var tried = default(TriedEndpoints);
        var seen = new List<string>();

        while (group.TryAcquire(99, ref tried, out var lease))
        {
            seen.Add(lease.Endpoint!.Name);
            lease.Complete(EndpointOutcome.Cancelled);
            seen.Count.Should().BeLessThanOrEqualTo(4);
        }

        seen.Should().BeEquivalentTo(["e0", "e1", "e2", "e3"]);
        tried.Count.Should().Be(4);
    }

    [Fact]
    public void TryAcquire_Distribution_FollowsTheBalancersPromiseForWeights()
    {
        var expected = ExpectedShares(s_weights);
        if (expected is null)
        {
            return;
        }

        var group = TestGroups.Create(BalancerName, new SeededRandomSource(2024), null, s_weights);
        var counts = new int[s_weights.Length];
        var held = new List<EndpointLease>();
        for (var i = 0; i < DistributionPicks; i++)
        {
            group.TryAcquire((ulong)i * 7919, ref FreshTried(), out var lease).Should().BeTrue();
            counts[int.Parse(lease.Endpoint!.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]++;
            if (HoldLeases)
            {
                held.Add(lease);
            }
            else
            {
                lease.Complete(EndpointOutcome.Success);
            }
        }

        for (var i = 0; i < counts.Length; i++)
        {
            ((double)counts[i] / DistributionPicks).Should().BeApproximately(expected[i], ShareTolerance, "endpoint e{0} (weight {1}); counts {2}", i, s_weights[i], string.Join(",", counts));
        }

        foreach (var lease in held.ToArray())
        {
            var copy = lease;
            copy.Complete(EndpointOutcome.Success);
        }

        group.GetSnapshot().Endpoints.Sum(e => e.InFlight).Should().Be(0);
    }

    [Fact]
    public void TryAcquire_SameSeed_GivesTheSamePicks()
    {
        string Run()
        {
            var group = TestGroups.Create(BalancerName, new SeededRandomSource(99), null, 3, 1, 2);
            var names = new List<string>();
            for (var i = 0; i < 200; i++)
            {
                group.TryAcquire((ulong)i, ref FreshTried(), out var lease);
                names.Add(lease.Endpoint!.Name);
                lease.Complete(EndpointOutcome.Success);
            }

            return string.Join(",", names);
        }

        Run().Should().Be(Run());
    }

    [Fact]
    public void Pick_DoesNotAllocate()
    {
        var group = TestGroups.Create(BalancerName, new SeededRandomSource(5), null, 1, 2, 3, 4, 5, 6, 7, 8);
        for (var i = 0; i < 100; i++)
        {
            Acquire(group, i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Acquire(group, i);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);

        static void Acquire(EndpointGroup group, int i)
        {
            var tried = default(TriedEndpoints);
            group.TryAcquire((ulong)i, ref tried, out var first);
            group.TryAcquire((ulong)i, ref tried, out var second);
            first.Complete(EndpointOutcome.Success);
            second.Complete(EndpointOutcome.Success);
        }
    }

    /// <summary>A fresh exclusion list for a single-attempt call.</summary>
    protected static ref TriedEndpoints FreshTried()
    {
        t_tried = default;
        return ref t_tried;
    }

    [ThreadStatic]
    private static TriedEndpoints t_tried;

    protected static double[] Proportional(int[] weights)
    {
        var total = (double)weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    protected static double[] Uniform(int[] weights) => weights.Select(_ => 1.0 / weights.Length).ToArray();
}
