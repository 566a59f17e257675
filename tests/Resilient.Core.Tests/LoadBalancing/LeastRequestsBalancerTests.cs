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
}
