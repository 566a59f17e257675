namespace Resilient.Core.Tests.LoadBalancing;

public sealed class PowerOfTwoChoicesBalancerTests
{
    [Fact]
    public void TryAcquire_NeverPicksTheBusiestEndpointWhileOthersAreIdle()
    {
        var group = TestGroups.Create(LoadBalancers.PowerOfTwoChoices, new SeededRandomSource(11), null, 1, 1, 1);
        var busy = HoldOn(group, "e1", 10);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < 3_000; i++)
        {
            group.TryAcquire(out var lease);
            counts[lease.Endpoint!.Name] = counts.GetValueOrDefault(lease.Endpoint.Name) + 1;
            lease.Complete(EndpointOutcome.Success);
        }

        counts.Should().NotContainKey("e1");
        counts["e0"].Should().BeCloseTo(1_500, 150);
        busy.ForEach(l => l.Complete(EndpointOutcome.Success));
    }

    [Fact]
    public void TryAcquire_WeightedEndpoints_TolerateLoadInProportionToWeight()
    {
        // e0 has weight 4 and 3 in flight (0.75 per unit); e1 has weight 1 and 1 in flight (1 per unit): e0 wins.
        var group = TestGroups.Create(LoadBalancers.PowerOfTwoChoices, new SeededRandomSource(5), null, 4, 1);
        var held = HoldOn(group, "e0", 3);
        held.AddRange(HoldOn(group, "e1", 1));

        for (var i = 0; i < 200; i++)
        {
            group.TryAcquire(out var lease);
            lease.Endpoint!.Name.Should().Be("e0");
            lease.Complete(EndpointOutcome.Success);
        }

        held.ForEach(l => l.Complete(EndpointOutcome.Success));
    }

    /// <summary>Starts <paramref name="count"/> attempts on one endpoint by draining the others meanwhile.</summary>
    internal static List<EndpointLease> HoldOn(EndpointGroup group, string name, int count)
    {
        var others = group.Endpoints.Select(e => e.Name).Where(n => n != name).ToList();
        others.ForEach(n => group.Drain(n));
        var leases = new List<EndpointLease>();
        for (var i = 0; i < count; i++)
        {
            group.TryAcquire(out var lease).Should().BeTrue();
            leases.Add(lease);
        }

        others.ForEach(n => group.Restore(n));
        return leases;
    }
}
