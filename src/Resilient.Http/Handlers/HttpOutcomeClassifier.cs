using System.Net;
using System.Net.Sockets;

namespace Resilient.Http;

/// <summary>Turns HTTP responses and errors into endpoint outcomes for health tracking and failover.</summary>
internal static class HttpOutcomeClassifier
{
    public static AttemptVerdict Classify(HttpResponseMessage response, StatusCodeSet failureStatusCodes)
    {
        var status = (int)response.StatusCode;
        if (status == 429 || (status == 503 && response.Headers.RetryAfter is not null))
        {
            return new AttemptVerdict(EndpointOutcome.Throttled, RetryAfter(response), detail: StatusDetail(status));
        }

        return failureStatusCodes.Contains(status)
            ? new AttemptVerdict(EndpointOutcome.Failure, detail: StatusDetail(status))
            : new AttemptVerdict(EndpointOutcome.Success);
    }

    /// <summary>
    /// Errors where the request provably never reached a server (connection not established, name resolution,
    /// TLS handshake) are unreachable and safe to send elsewhere whatever the method; a connection that died before
    /// a response is unreachable too, but the request may have been processed; anything else is a failure.
    /// </summary>
    public static AttemptVerdict Classify(Exception error)
    {
        if (error is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError:
                    return new AttemptVerdict(EndpointOutcome.Unreachable, neverSent: true, detail: Detail(http));
                case HttpRequestError.ResponseEnded:
                    return new AttemptVerdict(EndpointOutcome.Unreachable, detail: Detail(http));
            }

            if (http.InnerException is SocketException or IOException)
            {
                return Classify(http.InnerException);
            }

            return new AttemptVerdict(EndpointOutcome.Failure, detail: Detail(http));
        }

        if (error is SocketException socket)
        {
            var neverSent = socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable;
            return new AttemptVerdict(EndpointOutcome.Unreachable, neverSent: neverSent, detail: socket.SocketErrorCode.ToString());
        }

        if (error is IOException { InnerException: SocketException inner })
        {
            return Classify(inner);
        }

        return new AttemptVerdict(EndpointOutcome.Failure, detail: error.GetType().Name);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        // An HTTP date is relative to the server's clock; honour it only as a duration from the response's Date.
        if (header?.Date is { } date && response.Headers.Date is { } now)
        {
            return date - now;
        }

        return TimeSpan.Zero;
    }

    private static string StatusDetail(int status) => status switch
    {
        429 => "429 Too Many Requests",
        500 => "500 Internal Server Error",
        502 => "502 Bad Gateway",
        503 => "503 Service Unavailable",
        504 => "504 Gateway Timeout",
        408 => "408 Request Timeout",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private static string Detail(HttpRequestException error) =>
        error.HttpRequestError == HttpRequestError.Unknown ? error.Message : $"{error.HttpRequestError}: {error.Message}";
}
