using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.LoadBalancing;

public sealed class LoadBalancerServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLoadBalancer_CustomName_IsAvailableToGroupsBuiltFromTheContainer()
    {
        var services = new ServiceCollection();
        services.AddLoadBalancer("Newest", () => new NewestBalancer());
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<LoadBalancerRegistry>();
        var options = new EndpointGroupOptions { LoadBalancer = "newest" };
        options.Endpoints.Add(new EndpointOptions { Address = "http://old.test/" });
        options.Endpoints.Add(new EndpointOptions { Address = "http://new.test/" });
        var group = new EndpointGroup("custom", options, loadBalancers: registry);
        group.TryAcquire(out var lease);

        lease.Endpoint!.Name.Should().Be("new.test");
        registry.Names.Should().Contain("Newest").And.Contain(LoadBalancers.PeakEwma);
        LoadBalancerRegistry.Default.Contains("Newest").Should().BeFalse("container registrations do not leak into the process-wide registry");
    }

    [Fact]
    public void AddLoadBalancerRegistry_CalledTwice_RegistersOneRegistry()
    {
        var services = new ServiceCollection();
        services.AddLoadBalancerRegistry().AddLoadBalancerRegistry();

        services.Count(d => d.ServiceType == typeof(LoadBalancerRegistry)).Should().Be(1);
    }

    [Fact]
    public void AddLoadBalancer_BadArguments_NameTheArgument()
    {
        var services = new ServiceCollection();

        FluentActions.Invoking(() => services.AddLoadBalancer(" ", () => new NewestBalancer())).Should().Throw<ArgumentException>().WithParameterName("name");
        FluentActions.Invoking(() => services.AddLoadBalancer("x", null!)).Should().Throw<ArgumentNullException>().WithParameterName("factory");
    }

    private sealed class NewestBalancer : ILoadBalancer
    {
        public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => null;

        public int Pick(in PickContext context) => context.NextAllowed(context.Candidates.Length - 1);
    }
}
