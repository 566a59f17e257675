using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilient.Http;

/// <summary>
/// Injects a group's faults into attempts. It sits between the group's handler and the primary handler, so it sees
/// each attempt already addressed to an endpoint, and whatever it does looks to the group like that endpoint
/// failing: refused connections, resets, failure statuses, slow answers.
/// </summary>
internal sealed class ChaosHandler(ChaosController controller) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = controller.ActiveRules;
        if (rules.Length == 0 || request.RequestUri is not { IsAbsoluteUri: true } uri || controller.FindEndpoint(uri) is not { } endpoint)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Every matching latency fault that fires adds up; the first other fault that fires decides the outcome.
        var delay = TimeSpan.Zero;
        ChaosRule? terminal = null;
        foreach (var rule in rules)
        {
            if (rule.Targets(endpoint) && (rule.Kind == ChaosFaultKind.Latency || terminal is null) && rule.Fires(controller.Random))
            {
                if (rule.Kind == ChaosFaultKind.Latency)
                {
                    delay += rule.Latency;
                }
                else
                {
                    terminal = rule;
                }
            }
        }

        if (delay > TimeSpan.Zero)
        {
            Tag(ChaosFaultKind.Latency);
            await Task.Delay(delay, controller.Group.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (terminal is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        Tag(terminal.Kind);
        switch (terminal.Kind)
        {
            case ChaosFaultKind.Refuse:
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"Connection refused ({uri.Authority}); injected by Resilient chaos for endpoint '{endpoint.Name}'.",
                    new SocketException((int)SocketError.ConnectionRefused));
            case ChaosFaultKind.Status:
                return Synthetic(request, terminal.StatusCode, endpoint);
            default:
                // Reset: the endpoint gets the request (and may act on it); its answer is lost.
                using (await base.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    throw new HttpRequestException(
                        HttpRequestError.ResponseEnded,
                        $"The response ended prematurely: connection reset by peer ({uri.Authority}); injected by Resilient chaos for endpoint '{endpoint.Name}'.",
                        new IOException("Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));
                }
        }
    }

    private static HttpResponseMessage Synthetic(HttpRequestMessage request, int status, Endpoint endpoint)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            RequestMessage = request,
            Content = new StringContent($"{status} injected by Resilient chaos for endpoint '{endpoint.Name}'."),
        };
        response.Headers.TryAddWithoutValidation(ChaosDefaults.ResponseHeader, "status");
        return response;
    }

    private static void Tag(ChaosFaultKind kind) =>
        Activity.Current?.SetTag(ChaosDefaults.ActivityTag, kind switch
        {
            ChaosFaultKind.Refuse => "refuse",
            ChaosFaultKind.Reset => "reset",
            ChaosFaultKind.Status => "status",
            _ => "latency",
        });
}
