namespace Resilient.Core.Tests.LoadBalancing;

public sealed class LeastRequestsBalancerTests
{
    [Fact]
    public void TryAcquire_PicksTheEndpointWithFewestInFlight()
    {
        var group = TestGroups.Create(LoadBalancers.LeastRequests, new SeededRandomSource(3), null, 1, 1, 1, 1);
        var held = PowerOfTwoChoicesBalancerTests.HoldOn(group, "e0", 2);
        held.AddRange(PowerOfTwoChoicesBalancerTests.HoldOn(group, "e1", 1));
        held.AddRange(PowerOfTwoChoicesBalancerTests.HoldOn(group, "e3", 3));

        group.TryAcquire(out var lease);

        lease.Endpoint!.Name.Should().Be("e2");
        held.Add(lease);
        group.TryAcquire(out var next);
        next.Endpoint!.Name.Should().BeOneOf("e1", "e2");
        held.Add(next);
        held.ForEach(l => l.Complete(EndpointOutcome.Success));
    }

    [Fact]
    public void TryAcquire_IdleGroup_BreaksTiesAtRandom()
    {
        var group = TestGroups.Create(LoadBalancers.LeastRequests, new SeededRandomSource(9), null, 1, 1, 1, 1);
        var names = new HashSet<string>();

        for (var i = 0; i < 100; i++)
        {
            group.TryAcquire(out var lease);
            names.Add(lease.Endpoint!.Name);
            lease.Complete(EndpointOutcome.Success);
        }

        names.Should().HaveCount(4, "an idle group must not send everything to the first endpoint");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryAcquire_TiedEndpointsAfterABusyOne_GetEqualShares(bool weighted)
    {
        // e0 busy, e1..e3 idle: a scan from a random start that stops at the first idle endpoint would hand e1 half
        // of the picks (every start on e0 or e1 lands there); ties must be shared evenly instead.
        var weights = weighted ? new[] { 2, 1, 1, 1 } : new[] { 1, 1, 1, 1 };
        var group = TestGroups.Create(LoadBalancers.LeastRequests, new SeededRandomSource(5), null, weights);
        var held = PowerOfTwoChoicesBalancerTests.HoldOn(group, "e0", 4);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < 3000; i++)
        {
            group.TryAcquire(out var lease);
            counts[lease.Endpoint!.Name] = counts.GetValueOrDefault(lease.Endpoint.Name) + 1;
            lease.Complete(EndpointOutcome.Success);
        }

        counts.Should().NotContainKey("e0");
        counts.Values.Should().OnlyContain(c => c >= 900 && c <= 1100, $"each idle endpoint gets a third ({string.Join(", ", counts)})");
        held.ForEach(l => l.Complete(EndpointOutcome.Success));
    }
}
