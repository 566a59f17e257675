namespace Resilient.Http;

/// <summary>One HTTP call as the failover engine drives it: re-addresses, replays the body, classifies, tracks the response.</summary>
internal sealed class HttpFailoverOperation : FailoverOperation<HttpResponseMessage>
{
    private readonly EndpointGroupHandler _handler;
    private readonly HttpRequestMessage _request;
    private readonly Uri _logicalUri;
    private readonly HttpContent? _originalContent;
    private readonly ReplayableContent? _replay;
    private readonly bool _mayRetryAfterSending;
    private readonly bool _replayable;
    private HttpContent? _attemptContent;

    public HttpFailoverOperation(EndpointGroupHandler handler, HttpRequestMessage request, ReplayableContent? replay, bool replayable, bool groupOptIn)
    {
        _handler = handler;
        _request = request;
        _logicalUri = request.RequestUri ?? new Uri("/", UriKind.Relative);
        _originalContent = request.Content;
        _replay = replay;
        _replayable = replayable;
        _mayRetryAfterSending = Idempotency.MayRetryAfterSending(request, groupOptIn);
    }

    public override bool MayRetryAfterSending => _mayRetryAfterSending;

    /// <summary>A body that cannot be replayed byte for byte gets exactly one attempt.</summary>
    public override int AttemptLimit => _replayable ? int.MaxValue : 1;

    public override ulong? RequestKey =>
        _request.Options.TryGetValue(ResilientRequestOptions.RequestKey, out var key) && key is not null ? RequestKeys.Hash(key) : null;

    public override Task<HttpResponseMessage> AttemptAsync(EndpointLease lease, int attempt, CancellationToken cancellationToken)
    {
        _request.RequestUri = RequestAddress.Combine(lease.Endpoint!.Address, _logicalUri);
        if (_replay is not null)
        {
            _attemptContent?.Dispose();
            _attemptContent = _replay.CreateAttemptContent();
            _request.Content = _attemptContent;
        }

        return _handler.SendToEndpointAsync(_request, cancellationToken);
    }

    public override AttemptVerdict Classify(HttpResponseMessage result) => HttpOutcomeClassifier.Classify(result, _handler.FailureStatusCodes);

    public override AttemptVerdict Classify(Exception error) => HttpOutcomeClassifier.Classify(error);

    public override HttpResponseMessage Accept(ref EndpointLease lease, HttpResponseMessage result, AttemptVerdict verdict)
    {
        var tracker = new ResponseLease(ref lease, verdict);
        result.Content = new TrackedContent(result.Content, tracker);
        return result;
    }

    public override void Discard(HttpResponseMessage result) => result.Dispose();

    public override Exception TotalTimeout(string groupName, TimeSpan timeout, IReadOnlyList<AttemptRecord> attempts) =>
        new TaskCanceledException(
            $"Endpoint group '{groupName}': the call did not complete within its total timeout of {timeout.TotalSeconds:0.###} s. Attempts: {string.Join("; ", attempts)}.",
            new TimeoutException());

    public override Exception Unavailable(EndpointUnavailableException error) =>
        new HttpRequestException(HttpRequestError.ConnectionError, error.Message, error);

    /// <summary>Puts the caller's own content back on the request and releases the buffered copies.</summary>
    public void Restore()
    {
        if (_replay is not null)
        {
            _request.Content = _originalContent;
            _attemptContent?.Dispose();
            _replay.Dispose();
        }
    }
}
