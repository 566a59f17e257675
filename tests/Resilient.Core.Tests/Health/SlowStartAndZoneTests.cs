using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

public sealed class SlowStartAndZoneTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(0, 0.10)]
    [InlineData(15, 0.55)]
    [InlineData(30, 1.00)]
    public void SlowStart_RestoredEndpoint_RampsFrom10To100PercentOver30s(int seconds, double fraction)
    {
        var options = TestGroups.Options(LoadBalancers.WeightedRoundRobin, 4, 4);
        options.SlowStartWindow = TimeSpan.FromSeconds(30);
        var group = TestGroups.Create(options, new SeededRandomSource(1), _time);
        group.Record("e0", EndpointOutcome.Unreachable, times: 2);
        _time.Advance(TimeSpan.FromSeconds(1));
        group.AcquireOn("e0").Complete(EndpointOutcome.Success);

        _time.Advance(TimeSpan.FromSeconds(seconds));

        group.Snapshot("e0").EffectiveWeight.Should().BeApproximately(4 * fraction, 0.001);
        var counts = group.Distribution(2_000);
        ((double)counts["e0"] / counts["e1"]).Should().BeApproximately(fraction, 0.05, "every weighted balancer honours the effective weight");
    }

    [Fact]
    public void SlowStart_EndpointAddedAfterStart_Ramps_ButTheInitialSetStartsAtFullWeight()
    {
        var options = TestGroups.Options(LoadBalancers.PowerOfTwoChoices, 2, 2);
        options.SlowStartWindow = TimeSpan.FromSeconds(30);
        var group = TestGroups.Create(options, new SeededRandomSource(1), _time);

        group.UpdateEndpoints([.. group.Endpoints, new Endpoint(new Uri("http://late.test/"), "late", weight: 2)]);

        group.Snapshot("e0").EffectiveWeight.Should().Be(2);
        group.Snapshot("late").EffectiveWeight.Should().BeApproximately(0.2, 0.001);
        _time.Advance(TimeSpan.FromSeconds(31));
        group.Snapshot("late").EffectiveWeight.Should().Be(2);
    }

    [Theory]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.9333)]
    [InlineData(1, 0.4667)]
    public void LocalZone_PreferredWhileItHasCapacity_ShortfallSpillsToOtherZones(int localUp, double localShare)
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.Random, LocalZone = "eu-1", SlowStartWindow = TimeSpan.Zero };
        for (var i = 0; i < 3; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = $"http://l{i}.test/", Name = $"l{i}", Zone = "eu-1" });
        }

        options.Endpoints.Add(new EndpointOptions { Address = "http://r0.test/", Name = "r0", Zone = "eu-2" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://r1.test/", Name = "r1", Zone = "eu-3" });
        var group = TestGroups.Create(options, new SeededRandomSource(9), _time);
        for (var i = localUp; i < 3; i++)
        {
            group.Record($"l{i}", EndpointOutcome.Unreachable, times: 2);
        }

        var counts = group.Distribution(20_000);

        ((double)counts.Where(kv => kv.Key.StartsWith('l')).Sum(kv => kv.Value) / 20_000).Should().BeApproximately(localShare, 0.015);
    }

    [Fact]
    public void Tiers_PrimaryEjectedByHealth_SpillsToStandbyAndReturnsAfterRecovery()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.RoundRobin, SlowStartWindow = TimeSpan.Zero };
        options.Endpoints.Add(new EndpointOptions { Address = "http://p0.test/", Name = "p0" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://p1.test/", Name = "p1" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://dr.test/", Name = "dr", Tier = 1 });
        var group = TestGroups.Create(options, new SeededRandomSource(3), _time);

        group.Record("p0", EndpointOutcome.Unreachable, times: 2);
        group.Record("p1", EndpointOutcome.Unreachable, times: 2);
        group.Distribution(100)["dr"].Should().Be(100);

        _time.Advance(TimeSpan.FromSeconds(1.01));
        group.AcquireOn("p0").Complete(EndpointOutcome.Success);
        group.AcquireOn("p1").Complete(EndpointOutcome.Success);

        group.Distribution(100)["dr"].Should().Be(0);
    }
}
