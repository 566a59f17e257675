namespace Resilient.Http;

/// <summary>What an injected fault does to an attempt on an endpoint. Each kind looks, to the group, like the endpoint itself failing.</summary>
public enum ChaosFaultKind
{
    /// <summary>
    /// The connection is refused: the attempt fails with an <see cref="HttpRequestException"/> whose
    /// <see cref="HttpRequestException.HttpRequestError"/> is <see cref="HttpRequestError.ConnectionError"/>, and the
    /// request never leaves the process (so even a POST may fail over).
    /// </summary>
    Refuse = 0,

    /// <summary>
    /// The request is sent, then the connection is reset before the response completes: the attempt fails with
    /// <see cref="HttpRequestError.ResponseEnded"/>. The endpoint may have processed the request.
    /// </summary>
    Reset = 1,

    /// <summary>The endpoint answers <see cref="ChaosFaultOptions.StatusCode"/> at once; the request is not sent.</summary>
    Status = 2,

    /// <summary><see cref="ChaosFaultOptions.Latency"/> is added before the request is sent (within the attempt's timeout).</summary>
    Latency = 3,
}
