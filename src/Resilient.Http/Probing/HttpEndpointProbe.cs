namespace Resilient.Http;

/// <summary>
/// The HTTP active probe: <c>GET {endpoint}{Path}</c>; any 2xx is healthy, anything else (another status, an error,
/// the prober's timeout) is not. Uses its own connection pool so probes never queue behind user traffic.
/// </summary>
internal sealed class HttpEndpointProbe : IEndpointProbe, IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly string _path;

    public HttpEndpointProbe(string path, HttpMessageHandler? handler = null)
    {
        _path = path;
        _invoker = new HttpMessageInvoker(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true);
    }

    public async ValueTask<ProbeResult> ProbeAsync(Endpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var request = new HttpRequestMessage(HttpMethod.Get, RequestAddress.Combine(endpoint, new Uri(_path, UriKind.Relative)));
        try
        {
            using var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? ProbeResult.Healthy : ProbeResult.Unhealthy($"{status} from {_path}");
        }
        catch (HttpRequestException error)
        {
            return ProbeResult.Unhealthy(error.HttpRequestError == HttpRequestError.Unknown ? error.Message : error.HttpRequestError.ToString());
        }
    }

    public void Dispose() => _invoker.Dispose();
}
