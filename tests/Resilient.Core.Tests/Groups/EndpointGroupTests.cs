using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Groups;

public sealed class EndpointGroupTests
{
    [Fact]
    public void UpdateEndpoints_KeptEndpoints_KeepInFlightAndLatencyAndTakeTheNewWeight()
    {
        var time = new FakeTimeProvider();
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), time, 1, 1);
        group.TryAcquire(out var done);
        time.Advance(TimeSpan.FromMilliseconds(40));
        done.Complete(EndpointOutcome.Success);
        group.TryAcquire(out var open);
        var kept = open.Endpoint!.Address;
        var before = group.GetSnapshot().Endpoints.Single(e => e.Endpoint.Address == kept);

        group.UpdateEndpoints([new Endpoint(kept, open.Endpoint.Name, weight: 7), new Endpoint(new Uri("http://fresh.test/"))]);

        var after = group.GetSnapshot().Endpoints.Single(e => e.Endpoint.Address == kept);
        after.InFlight.Should().Be(1);
        after.CompletedCount.Should().Be(before.CompletedCount);
        after.LatencyEstimate.Should().Be(before.LatencyEstimate);
        after.EffectiveWeight.Should().Be(7);
        open.Runtime!.Endpoint.Weight.Should().Be(7, "the lease's runtime is the same object");
        open.Complete(EndpointOutcome.Success).Should().BeTrue();
        group.GetSnapshot().Endpoints.Single(e => e.Endpoint.Address == kept).InFlight.Should().Be(0);
    }

    [Fact]
    public void UpdateEndpoints_RemovedEndpoint_TakesNoNewAttemptsWhileItsInFlightAttemptFinishes()
    {
        var group = TestGroups.Create(LoadBalancers.FirstAvailable, new SeededRandomSource(1), null, 1, 1);
        group.TryAcquire(out var inFlight);
        inFlight.Endpoint!.Name.Should().Be("e0");

        group.UpdateEndpoints(group.Endpoints.Where(e => e.Name != "e0").ToList());

        inFlight.Runtime!.IsRemoved.Should().BeTrue();
        inFlight.Runtime.TryEnter().Should().BeFalse("a removed endpoint admits no new attempt");
        for (var i = 0; i < 20; i++)
        {
            group.TryAcquire(out var lease);
            lease.Endpoint!.Name.Should().Be("e1");
            lease.Complete(EndpointOutcome.Success);
        }

        inFlight.Complete(EndpointOutcome.Success).Should().BeTrue();
        inFlight.Runtime.InFlight.Should().Be(0);
        group.Endpoints.Select(e => e.Name).Should().Equal("e1");
    }

    [Fact]
    public void UpdateEndpoints_DuplicateAddress_IsRejectedAndTheOldSetStays()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), null, 1, 1);

        var act = () => group.UpdateEndpoints([new Endpoint("http://x.test"), new Endpoint("http://X.test/")]);

        act.Should().Throw<ArgumentException>().WithMessage("*'http://x.test/' appears more than once*");
        group.Endpoints.Select(e => e.Name).Should().Equal("e0", "e1");
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEveryOffendingKey()
    {
        var options = new EndpointGroupOptions { LoadBalancer = "LeastLoaded" };
        options.Endpoints.Add(new EndpointOptions { Address = "http://ok.test/" });
        options.Endpoints.Add(new EndpointOptions { Address = "htp//x" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://ok.test", Weight = 0 });

        var act = () => new EndpointGroup("catalog", options);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*'catalog'*")
            .WithMessage("*LoadBalancer: 'LeastLoaded' is not a known load balancer*PeakEwma*")
            .WithMessage("*Endpoints:1:Address: 'htp//x' is not an absolute URI*")
            .WithMessage("*Endpoints:2:Weight: '0' must be a positive integer*");
    }

    [Fact]
    public void Constructor_NoEndpoints_IsRejected()
    {
        var act = () => new EndpointGroup("empty", new EndpointGroupOptions());

        act.Should().Throw<ArgumentException>().WithMessage("*Endpoints: at least one endpoint is required*");
    }

    [Fact]
    public void Lease_CompletedTwice_CountsOnce()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), null, 1);
        group.TryAcquire(out var lease);

        lease.Complete(EndpointOutcome.Success).Should().BeTrue();
        lease.Complete(EndpointOutcome.Failure).Should().BeFalse();

        lease.IsActive.Should().BeFalse();
        lease.Endpoint!.Name.Should().Be("e0", "a completed lease still says where it went");
        var snapshot = group.GetSnapshot().Endpoints[0];
        (snapshot.InFlight, snapshot.CompletedCount).Should().Be((0, 1));
        default(EndpointLease).Complete(EndpointOutcome.Success).Should().BeFalse();
    }

    [Fact]
    public void Lease_CompletedFromManyThreadsAtOnce_CountsOnce()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), null, 1);
        var leases = new EndpointLease[200];
        for (var i = 0; i < leases.Length; i++)
        {
            group.TryAcquire(out leases[i]);
        }

        var recorded = 0;
        Parallel.For(0, leases.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (leases[i % leases.Length].Complete(EndpointOutcome.Success))
            {
                Interlocked.Increment(ref recorded);
            }
        });

        recorded.Should().Be(leases.Length);
        group.GetSnapshot().Endpoints[0].InFlight.Should().Be(0);
    }

    [Fact]
    public void Drain_UnknownEndpoint_ReturnsFalse_AndDrainAcceptsNameOrAddress()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), null, 1, 1);

        group.Drain("nope").Should().BeFalse();
        group.Drain("http://e1.test/").Should().BeTrue();

        group.GetSnapshot().Endpoints.Select(e => e.State).Should().Equal(EndpointState.Available, EndpointState.Drained);
    }

    [Fact]
    public void Constructor_CustomBalancerFromARegistry_IsUsed()
    {
        var registry = new LoadBalancerRegistry();
        registry.Register("Last", () => new LastBalancer());
        var options = TestGroups.Options("last", 1, 1, 1);

        var group = new EndpointGroup("custom", options, new FakeTimeProvider(), registry);
        group.TryAcquire(out var lease);

        lease.Endpoint!.Name.Should().Be("e2");
        registry.Names.Should().Contain(["Last", LoadBalancers.PeakEwma]);
    }

    [Fact]
    public void Endpoints_DefaultNamesAndAddressesWithBasePaths_AreKept()
    {
        var options = new EndpointGroupOptions();
        options.Endpoints.Add(new EndpointOptions { Address = "https://10.0.0.5:8443/api/" });
        options.Endpoints.Add(new EndpointOptions { Address = "https://catalog-2:8443" });

        var group = new EndpointGroup("paths", options);

        group.Endpoints.Select(e => e.Name).Should().Equal("10.0.0.5:8443/api", "catalog-2:8443");
        group.Endpoints[0].Address.AbsolutePath.Should().Be("/api/");
        group.LoadBalancerName.Should().Be(LoadBalancers.PeakEwma, "PeakEwma is the default");
    }

    private sealed class LastBalancer : ILoadBalancer
    {
        public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => null;

        public int Pick(in PickContext context) => context.NextAllowed(context.Candidates.Length - 1);
    }
}
