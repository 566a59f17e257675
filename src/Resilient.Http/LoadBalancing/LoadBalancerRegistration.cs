using Resilient;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A custom balancer registered with <see cref="LoadBalancerServiceCollectionExtensions.AddLoadBalancer"/>, applied when the registry is built.</summary>
internal sealed class LoadBalancerRegistration(string name, Func<ILoadBalancer> factory)
{
    public string Name { get; } = name;

    public Func<ILoadBalancer> Factory { get; } = factory;
}
