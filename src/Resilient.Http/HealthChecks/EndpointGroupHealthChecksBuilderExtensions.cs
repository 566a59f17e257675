using Microsoft.Extensions.Diagnostics.HealthChecks;
using Resilient.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check per endpoint group.</summary>
public static class EndpointGroupHealthChecksBuilderExtensions
{
    /// <summary>
    /// Reports the group Healthy (everything available, no spill), Degraded (an endpoint out, or traffic spilling to a
    /// standby tier) or Unhealthy (nothing available), with every endpoint's state and reason in the result's data.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="groupName">The group's name, as registered with <c>AddEndpointGroup</c>.</param>
    /// <param name="name">The health check's name; defaults to <c>resilient-{groupName}</c>.</param>
    /// <param name="tags">Tags for filtering health checks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddEndpointGroupCheck(this IHealthChecksBuilder builder, string groupName, string? name = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        return builder.Add(new HealthCheckRegistration(
            name ?? $"resilient-{groupName}",
            services => new EndpointGroupHealthCheck(services, groupName),
            failureStatus: null,
            tags));
    }
}
