using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Resilient.Benchmarks;

/// <summary>
/// One of YARP's built-in load-balancing policies, resolved from a real <c>AddReverseProxy()</c> container and
/// called as YARP's middleware calls it, over N destinations with the same in-flight counts as ours.
/// </summary>
internal sealed class YarpFixture
{
    private static readonly Lazy<ServiceProvider> s_services = new(static () =>
    {
        var services = new ServiceCollection();
        services.AddReverseProxy();
        return services.BuildServiceProvider();
    });

    private readonly ILoadBalancingPolicy _policy;
    private readonly HttpContext _httpContext = new DefaultHttpContext();
    private readonly ClusterState _cluster = new("c");
    private readonly IReadOnlyList<DestinationState> _destinations;

    /// <param name="policy">A name from <see cref="LoadBalancingPolicies"/>.</param>
    /// <param name="endpoints">The destination count.</param>
    public YarpFixture(string policy, int endpoints)
    {
        _policy = s_services.Value.GetRequiredService<IEnumerable<ILoadBalancingPolicy>>()
            .Single(p => string.Equals(p.Name, policy, StringComparison.Ordinal));
        var destinations = new DestinationState[endpoints];
        for (var i = 0; i < endpoints; i++)
        {
            destinations[i] = new DestinationState("d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                ConcurrentRequestCount = Fixtures.BusyCount(i),
            };
        }

        _destinations = destinations;
    }

    /// <summary>Picks <see cref="PickBenchmarkBase.PicksPerThread"/> times; returns how often the first destination was picked.</summary>
    public int PickBatch()
    {
        var policy = _policy;
        var httpContext = _httpContext;
        var cluster = _cluster;
        var destinations = _destinations;
        var first = destinations[0];
        var sum = 0;
        for (var i = 0; i < PickBenchmarkBase.PicksPerThread; i++)
        {
            if (ReferenceEquals(policy.PickDestination(httpContext, cluster, destinations), first))
            {
                sum++;
            }
        }

        return sum;
    }
}
