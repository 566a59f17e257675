using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Resilient.Http;

/// <summary>
/// Reports a group Healthy (every endpoint available, no spill), Degraded (something out, or traffic spilling to a
/// standby tier or another zone) or Unhealthy (nothing can take a call), with each endpoint's state in the data.
/// </summary>
internal sealed class EndpointGroupHealthCheck(IServiceProvider services, string groupName) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var group = services.GetRequiredKeyedService<EndpointGroup>(groupName);
        var snapshot = group.GetSnapshot();
        var data = new Dictionary<string, object>(snapshot.Endpoints.Count, StringComparer.Ordinal);
        var available = 0;
        foreach (var endpoint in snapshot.Endpoints)
        {
            data[endpoint.Name] = endpoint.Reason is null ? endpoint.State.ToString() : $"{endpoint.State}: {endpoint.Reason}";
            available += endpoint.State == EndpointState.Available ? 1 : 0;
        }

        var result = available == 0 && snapshot.Endpoints.All(e => e.State != EndpointState.InTrial)
            ? HealthCheckResult.Unhealthy($"Group '{groupName}': no endpoint can take a call.", data: data)
            : available < snapshot.Endpoints.Count || snapshot.IsSpilling
                ? HealthCheckResult.Degraded($"Group '{groupName}': {available} of {snapshot.Endpoints.Count} endpoints available{(snapshot.IsSpilling ? "; traffic spills beyond the primary tier" : "")}.", data: data)
                : HealthCheckResult.Healthy($"Group '{groupName}': all {available} endpoints available.", data);
        return Task.FromResult(result);
    }
}
