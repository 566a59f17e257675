using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.LoadBalancing;

public sealed class WeightedRoundRobinBalancerTests
{
    [Fact]
    public void TryAcquire_Weights511_GiveTheSmoothSequence()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.WeightedRoundRobin };
        options.Endpoints.Add(new EndpointOptions { Address = "http://a.test/", Name = "a", Weight = 5 });
        options.Endpoints.Add(new EndpointOptions { Address = "http://b.test/", Name = "b", Weight = 1 });
        options.Endpoints.Add(new EndpointOptions { Address = "http://c.test/", Name = "c", Weight = 1 });
        var group = TestGroups.Create(options, new SeededRandomSource(1));

        var names = Enumerable.Range(0, 14).Select(_ =>
        {
            group.TryAcquire(out var lease);
            lease.Complete(EndpointOutcome.Success);
            return lease.Endpoint?.Name ?? "?";
        });

        string.Join(",", names).Should().Be("a,a,b,a,c,a,a,a,a,b,a,c,a,a");
    }

    [Fact]
    public void BuildSequence_LargeOrFractionalWeights_IsCappedAndStillProportional()
    {
        var runtimes = TestGroups.Runtimes(new FakeTimeProvider(), 3);
        var candidates = TestGroups.Candidates(runtimes, 10_000, 5_000.5, 0.25);

        var sequence = WeightedRoundRobinBalancer.BuildSequence(candidates);

        sequence.Length.Should().BeLessThanOrEqualTo(LoadBalancingDefaults.MaxWeightedSequenceLength + 3);
        var counts = sequence.GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        counts[0].Should().BeCloseTo(2 * counts[1], 2);
        counts[2].Should().BeGreaterThanOrEqualTo(1, "every candidate keeps at least one slot");
    }

    [Fact]
    public void Pick_WithTheHeaviestExcluded_SharesTheRestByWeight()
    {
        var runtimes = TestGroups.Runtimes(new FakeTimeProvider(), 3);
        var candidates = TestGroups.Candidates(runtimes, 5, 2, 1);
        var balancer = new WeightedRoundRobinBalancer();
        var state = balancer.Prepare(candidates);
        var counts = new int[3];

        for (var i = 0; i < 800; i++)
        {
            var tried = default(TriedEndpoints);
            tried.Add(runtimes[0]);
            counts[TestGroups.Pick(balancer, candidates, state, new SeededRandomSource(1), ref tried)]++;
        }

        counts[0].Should().Be(0);
        ((double)counts[1] / counts[2]).Should().BeApproximately(2.0, 0.25);
    }
}
