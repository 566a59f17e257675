namespace Resilient;

/// <summary>
/// Checks whether one endpoint is reachable and healthy, out of band from real calls. Active health checking
/// (<see cref="ActiveHealthOptions"/>) calls it for every endpoint of a group every
/// <see cref="ActiveHealthOptions.Interval"/>; the HTTP package supplies a <c>GET {endpoint}{Path}</c> probe, and any
/// other resource (a database replica, a gRPC service, a socket) can supply its own.
/// </summary>
/// <remarks>
/// <para>
/// The library never runs two probes of the same endpoint at once, but probes of different endpoints run
/// concurrently, so an implementation must be thread-safe.
/// </para>
/// <para>
/// Honour the cancellation token: it is cancelled when the probe exceeds
/// <see cref="ActiveHealthOptions.Timeout"/> (the probe then counts as unhealthy), when the endpoint leaves its group
/// and when the group shuts down. A probe that ignores it is counted as timed out anyway, its endpoint is not probed
/// again until the call returns, and every probe interval it blocks counts as one more failure.
/// </para>
/// </remarks>
public interface IEndpointProbe
{
    /// <summary>Probes one endpoint.</summary>
    /// <param name="endpoint">The endpoint to check, as currently configured.</param>
    /// <param name="cancellationToken">Cancelled on timeout, removal of the endpoint or shutdown.</param>
    /// <returns>
    /// <see cref="ProbeResult.Healthy"/> or an unhealthy result with a reason. Throwing an exception also counts as
    /// unhealthy, so an implementation need not catch transport errors.
    /// </returns>
    ValueTask<ProbeResult> ProbeAsync(Endpoint endpoint, CancellationToken cancellationToken);
}
