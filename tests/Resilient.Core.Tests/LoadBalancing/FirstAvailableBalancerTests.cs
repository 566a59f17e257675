namespace Resilient.Core.Tests.LoadBalancing;

public sealed class FirstAvailableBalancerTests
{
    [Fact]
    public void TryAcquire_FollowsConfigurationOrderAndReturnsWhenTheFirstIsBack()
    {
        var group = TestGroups.Create(LoadBalancers.FirstAvailable, new SeededRandomSource(1), null, 1, 5, 1);

        Name(group).Should().Be("e0");
        group.Drain("e0");
        Name(group).Should().Be("e1");
        group.Drain("e1");
        Name(group).Should().Be("e2");
        group.Restore("e0");
        Name(group).Should().Be("e0");
    }

    [Fact]
    public void TryAcquire_Retry_GoesToTheNextInOrder()
    {
        var group = TestGroups.Create(LoadBalancers.FirstAvailable, new SeededRandomSource(1), null, 1, 1, 1);
        var tried = default(TriedEndpoints);

        group.TryAcquire(ref tried, out var first);
        group.TryAcquire(ref tried, out var second);

        (first.Endpoint!.Name, second.Endpoint!.Name).Should().Be(("e0", "e1"));
    }

    private static string Name(EndpointGroup group)
    {
        group.TryAcquire(out var lease);
        lease.Complete(EndpointOutcome.Success);
        return lease.Endpoint!.Name;
    }
}
