namespace Resilient.Core.Tests.Groups;

public sealed class EndpointGroupTierTests
{
    [Theory]
    [InlineData(3, 1.0)]
    [InlineData(2, 0.9333)] // 2/3 x 1.4
    [InlineData(1, 0.4667)] // 1/3 x 1.4
    [InlineData(0, 0.0)]
    public void TryAcquire_PrimaryTierPartlyDown_SpillsTheShortfallToTheStandbyTier(int primaryUp, double primaryShare)
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.RoundRobin };
        for (var i = 0; i < 3; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = $"http://p{i}.test/", Name = $"p{i}" });
        }

        options.Endpoints.Add(new EndpointOptions { Address = "http://dr.test/", Name = "dr", Tier = 1 });
        var group = TestGroups.Create(options, new SeededRandomSource(8));
        for (var i = primaryUp; i < 3; i++)
        {
            group.Drain($"p{i}");
        }

        const int Picks = 20_000;
        var primary = 0;
        for (var i = 0; i < Picks; i++)
        {
            group.TryAcquire(out var lease);
            primary += lease.Endpoint!.Tier == 0 ? 1 : 0;
            lease.Complete(EndpointOutcome.Success);
        }

        ((double)primary / Picks).Should().BeApproximately(primaryShare, 0.015);
        group.GetSnapshot().Endpoints.Single(e => e.Name == "dr").TierShare.Should().BeApproximately(1 - primaryShare, 0.001);
    }

    [Fact]
    public void TryAcquire_EveryPrimaryTried_FailsOverToTheStandbyTier()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.PowerOfTwoChoices };
        options.Endpoints.Add(new EndpointOptions { Address = "http://p0.test/", Name = "p0" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://p1.test/", Name = "p1" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://dr.test/", Name = "dr", Tier = 1 });
        var group = TestGroups.Create(options, new SeededRandomSource(8));
        var tried = default(TriedEndpoints);

        var names = new List<string>();
        while (group.TryAcquire(ref tried, out var lease))
        {
            names.Add(lease.Endpoint!.Name);
            lease.Complete(EndpointOutcome.Failure);
        }

        names.Take(2).Should().BeEquivalentTo(["p0", "p1"]);
        names.Skip(2).Should().Equal("dr");
    }
}
