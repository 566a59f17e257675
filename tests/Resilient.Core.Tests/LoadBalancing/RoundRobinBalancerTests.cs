namespace Resilient.Core.Tests.LoadBalancing;

public sealed class RoundRobinBalancerTests
{
    [Fact]
    public void TryAcquire_RotatesThroughEveryEndpointInOrder_FromARandomStart()
    {
        // The first draw seeds the rotation counter: 2 means the first pick is e3 (counter 3 after the increment).
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new ScriptedRandomSource(2), null, 1, 1, 1, 1);

        var names = Enumerable.Range(0, 8).Select(_ =>
        {
            group.TryAcquire(out var lease);
            lease.Complete(EndpointOutcome.Success);
            return lease.Endpoint!.Name;
        });

        string.Join(",", names).Should().Be("e3,e0,e1,e2,e3,e0,e1,e2");
    }

    [Fact]
    public void TryAcquire_StartingPointDependsOnTheRandomSource()
    {
        string First(ulong seed)
        {
            var group = TestGroups.Create(LoadBalancers.RoundRobin, new ScriptedRandomSource(seed), null, 1, 1, 1, 1, 1);
            group.TryAcquire(out var lease);
            return lease.Endpoint!.Name;
        }

        new[] { First(0), First(1), First(2), First(3), First(4) }.Distinct().Should().HaveCount(5);
    }
}
