using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http;

/// <summary>
/// Sends health probes through the group's chaos faults when <c>AddChaos</c> is registered for it, so a drill that
/// makes an endpoint refuse connections is not undone by a probe that reached the real, healthy process. The
/// controller is resolved on the first probe: it depends on the group, which is still being built when the probe is.
/// </summary>
internal sealed class ChaosAwareProbeHandler(IServiceProvider services, string groupName) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    private HttpMessageInvoker? _chaos;
    private bool _resolved;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_resolved)
        {
            var controller = services.GetKeyedService<ChaosController>(groupName);
            if (controller is not null)
            {
                _chaos = new HttpMessageInvoker(new ChaosHandler(controller) { InnerHandler = InnerHandler! }, disposeHandler: false);
            }

            _resolved = true;
        }

        return _chaos is not null ? _chaos.SendAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chaos?.Dispose();
        }

        base.Dispose(disposing);
    }
}
