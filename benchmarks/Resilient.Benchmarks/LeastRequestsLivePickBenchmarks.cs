using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Resilient.Benchmarks;

/// <summary>
/// LeastRequests with live in-flight counts (see <see cref="LiveLoad"/>): each pick starts a request on the chosen
/// endpoint and ends a pseudo-randomly chosen running one, with the same plain increments and decrements on both
/// sides, so the time is one pick plus identical bookkeeping. One thread only: the bookkeeping is not atomic.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LeastRequestsLivePickBenchmarks
{
    private const int Picks = PickBenchmarkBase.PicksPerThread;

    private ILoadBalancingPolicy _yarpPolicy = null!;
    private readonly HttpContext _httpContext = new DefaultHttpContext();
    private readonly ClusterState _cluster = new("c");
    private DestinationState[] _destinations = null!;
    private LiveLoad<DestinationState> _yarpLoad = null!;

    private ILoadBalancer _balancer = null!;
    private EndpointCandidate[] _candidates = null!;
    private LiveLoad<EndpointRuntime> _ourLoad = null!;

    /// <summary>Gets or sets the number of endpoints.</summary>
    [Params(3, 16, 256)]
    public int Endpoints { get; set; }

    /// <summary>Builds both sides, idle, then runs the load up to its steady number of running requests.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddReverseProxy().Services.BuildServiceProvider();
        _yarpPolicy = services.GetRequiredService<IEnumerable<ILoadBalancingPolicy>>().Single(p => p.Name == LoadBalancingPolicies.LeastRequests);
        _destinations = new DestinationState[Endpoints];
        _candidates = new EndpointCandidate[Endpoints];
        var clock = new SelectionClock(TimeProvider.System, LoadBalancingDefaults.PeakEwmaDecay);
        for (var i = 0; i < Endpoints; i++)
        {
            _destinations[i] = new DestinationState(Fixtures.Name(i));
            var endpoint = new Endpoint(new Uri(Fixtures.Address(i)), Fixtures.Name(i), 1);
            _candidates[i] = new EndpointCandidate(new EndpointRuntime(endpoint, i, clock), 1);
        }

        _balancer = LoadBalancerRegistry.Default.Create(LoadBalancers.LeastRequests);
        _yarpLoad = new LiveLoad<DestinationState>(Endpoints);
        _ourLoad = new LiveLoad<EndpointRuntime>(Endpoints);
        for (var i = 0; i < LiveLoad.Outstanding(Endpoints); i++)
        {
            Yarp_LeastRequests_Live();
            Resilient_LeastRequests_Live();
        }
    }

    /// <summary>YARP's LeastRequests policy (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Picks)]
    public int Yarp_LeastRequests_Live()
    {
        var destinations = _destinations;
        var load = _yarpLoad;
        var sum = 0;
        for (var i = 0; i < Picks; i++)
        {
            var picked = _yarpPolicy.PickDestination(_httpContext, _cluster, destinations)!;
            picked.ConcurrentRequestCount++;
            var ended = load.Next(picked);
            if (ended is not null)
            {
                ended.ConcurrentRequestCount--;
            }

            sum += ReferenceEquals(picked, destinations[0]) ? 1 : 0;
        }

        return sum;
    }

    /// <summary>Our LeastRequests balancer.</summary>
    [Benchmark(OperationsPerInvoke = Picks)]
    public int Resilient_LeastRequests_Live()
    {
        var candidates = _candidates;
        var load = _ourLoad;
        var tried = default(TriedEndpoints);
        var sum = 0;
        for (var i = 0; i < Picks; i++)
        {
            var context = new PickContext(candidates, null, in tried, RandomSource.Shared, 0, 0, 0, hasRequestKey: false);
            var picked = candidates[_balancer.Pick(in context)].Runtime;
            Hot(picked).InFlight++;
            var ended = load.Next(picked);
            if (ended is not null)
            {
                Hot(ended).InFlight--;
            }

            sum += ReferenceEquals(picked, candidates[0].Runtime) ? 1 : 0;
        }

        return sum;
    }

    /// <summary>Our in-flight counter, written plainly as YARP's property setter is (a benchmark-only shortcut; the library uses Interlocked).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_hot")]
    private static extern ref HotCounters Hot(EndpointRuntime runtime);
}
