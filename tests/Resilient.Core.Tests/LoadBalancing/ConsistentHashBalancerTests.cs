using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.LoadBalancing;

public sealed class ConsistentHashBalancerTests
{
    private const int Keys = 20_000;

    [Fact]
    public void TryAcquire_SameKey_SameEndpoint_InThisGroupAndInAnotherProcessWithTheSameConfiguration()
    {
        var first = Map(Group(10, seed: 1));
        var again = Map(Group(10, seed: 1));
        var otherProcess = Map(Group(10, seed: 987654));

        again.Should().Equal(first);
        otherProcess.Should().Equal(first, "placement depends on stable hashes of the addresses, not on randomness");
    }

    [Fact]
    public void UpdateEndpoints_OneOfTenLeaves_MovesAboutATenthOfTheKeys()
    {
        var group = Group(10, seed: 3);
        var before = Map(group);

        group.UpdateEndpoints(group.Endpoints.Where(e => e.Name != "e3").ToList());
        var after = Map(group);

        var onRemoved = before.Count(n => n == "e3");
        var moved = Enumerable.Range(0, Keys).Count(i => before[i] != after[i]);
        var movedElsewhere = Enumerable.Range(0, Keys).Count(i => before[i] != "e3" && before[i] != after[i]);
        after.Should().NotContain("e3");
        ((double)moved / Keys).Should().BeInRange(0.07, 0.13, "about 1/N of the keys move");
        ((double)movedElsewhere / Keys).Should().BeLessThan(0.02, "keys on endpoints that stayed mostly stay ({0} of {1} moved; {2} were on e3)", movedElsewhere, Keys, onRemoved);
    }

    [Fact]
    public void Drain_OneOfTenEndpoints_KeysReturnWhenItIsRestored()
    {
        var group = Group(10, seed: 4);
        var before = Map(group);

        group.Drain("e7");
        var drained = Map(group);
        group.Restore("e7");

        drained.Should().NotContain("e7");
        Map(group).Should().Equal(before);
    }

    [Fact]
    public void TryAcquire_OneHotKey_NoEndpointExceedsTheLoadBound()
    {
        var group = Group(10, seed: 5);
        var held = new List<EndpointLease>();
        var tried = default(TriedEndpoints);

        for (var i = 0; i < 200; i++)
        {
            tried.Clear();
            group.TryAcquire(42, ref tried, out var lease).Should().BeTrue();
            held.Add(lease);
        }

        var perEndpoint = held.GroupBy(l => l.Endpoint!.Name).ToDictionary(g => g.Key, g => g.Count());
        perEndpoint.Values.Max().Should().BeLessThanOrEqualTo(25, "1.25 x the average of 20 in flight");
        perEndpoint.Values.Max().Should().BeGreaterThan(15, "the key's home endpoint still takes its full bounded share");
        held.ForEach(l => l.Complete(EndpointOutcome.Success));
    }

    [Fact]
    public void TryAcquire_ExcludedHome_GivesEveryKeyAStableSecondChoice()
    {
        var group = Group(10, seed: 6);
        var seconds = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            for (var key = 0UL; key < 500; key++)
            {
                var tried = default(TriedEndpoints);
                group.TryAcquire(key, ref tried, out var home);
                group.TryAcquire(key, ref tried, out var second);
                home.Complete(EndpointOutcome.Cancelled);
                second.Complete(EndpointOutcome.Success);
                second.Endpoint.Should().NotBe(home.Endpoint);
                seconds.Add(second.Endpoint!.Name);
            }
        }

        seconds.Take(500).Should().Equal(seconds.Skip(500));
    }

    private static EndpointGroup Group(int count, ulong seed) =>
        TestGroups.Create(LoadBalancers.ConsistentHash, new SeededRandomSource(seed), new FakeTimeProvider(), Enumerable.Repeat(1, count).ToArray());

    private static string[] Map(EndpointGroup group)
    {
        var result = new string[Keys];
        for (var i = 0; i < Keys; i++)
        {
            var tried = default(TriedEndpoints);
            group.TryAcquire(RequestKeys.Hash($"user-{i}"), ref tried, out var lease).Should().BeTrue();
            result[i] = lease.Endpoint!.Name;
            lease.Complete(EndpointOutcome.Success);
        }

        return result;
    }
}
