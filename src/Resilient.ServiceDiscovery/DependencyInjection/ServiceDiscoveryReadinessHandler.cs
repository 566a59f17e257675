namespace Resilient.ServiceDiscovery;

/// <summary>
/// Sits in front of the group's handler and holds a call that arrives before the group's first resolution has
/// finished (the group is created by the first client that uses it, so the very first call usually does), for at most
/// <see cref="ServiceDiscoveryDefaults.FirstResolutionWait"/>. After that it is a single completed-task check.
/// </summary>
internal sealed class ServiceDiscoveryReadinessHandler(string groupName, Task firstResolution, TimeProvider timeProvider) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return firstResolution.IsCompleted || !RoutesThroughGroup(request.RequestUri)
            ? base.SendAsync(request, cancellationToken)
            : WaitThenSendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!firstResolution.IsCompleted && RoutesThroughGroup(request.RequestUri))
        {
            WaitForFirstResolutionAsync(cancellationToken).GetAwaiter().GetResult();
        }

        return base.Send(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> WaitThenSendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await WaitForFirstResolutionAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForFirstResolutionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await firstResolution.WaitAsync(ServiceDiscoveryDefaults.FirstResolutionWait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Go ahead: the group fails the call fast, naming itself, if discovery has found nothing yet.
        }
    }

    /// <summary>The same rule as the group's handler: the group's host, or a relative URI.</summary>
    private bool RoutesThroughGroup(Uri? uri) =>
        uri is null || !uri.IsAbsoluteUri || string.Equals(uri.Host, groupName, StringComparison.OrdinalIgnoreCase);
}
