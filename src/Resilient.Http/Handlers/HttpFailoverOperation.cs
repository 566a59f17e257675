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
    private readonly bool _hedged;
    private readonly CapturingContent? _capturing;
    private HttpContent? _attemptContent;
    private List<HttpRequestMessage>? _copies;

    public HttpFailoverOperation(EndpointGroupHandler handler, HttpRequestMessage request, ReplayableContent? replay, bool replayable, bool groupOptIn, bool hedging, int maxReplayBufferSize)
    {
        _handler = handler;
        _request = request;
        _logicalUri = request.RequestUri ?? new Uri("/", UriKind.Relative);
        _originalContent = request.Content;
        _replay = replay;
        _replayable = replayable;
        _mayRetryAfterSending = Idempotency.MayRetryAfterSending(request, groupOptIn);
        _hedged = hedging && _mayRetryAfterSending && replayable;
        if (!replayable && _originalContent is not null)
        {
            _capturing = new CapturingContent(_originalContent, maxReplayBufferSize);
            request.Content = _capturing;
        }
    }

    /// <summary>Only calls that are safe to repeat, with a body that can be replayed, are hedged.</summary>
    public override bool MayHedge => _hedged;

    public override bool MayRetryAfterSending => _mayRetryAfterSending;

    /// <summary>
    /// A body that could not be buffered ahead gets no further attempt once the transport started sending it, unless
    /// that first send ran to its end within the replay limit and so left a complete copy.
    /// </summary>
    public override int AttemptLimit => _replayable || _capturing is null || !_capturing.Started || _capturing.Captured is not null ? int.MaxValue : 1;

    /// <summary>Read only when the group's balancer can use a key: touching <see cref="HttpRequestMessage.Options"/> allocates its dictionary.</summary>
    public override ulong? RequestKey =>
        _handler.UsesRequestKeys && _request.Options.TryGetValue(ResilientRequestOptions.RequestKey, out var key) && key is not null ? RequestKeys.Hash(key) : null;

    public override Task<HttpResponseMessage> AttemptAsync(EndpointLease lease, int attempt, CancellationToken cancellationToken)
    {
        if (_hedged)
        {
            // Hedged attempts run at the same time, so each gets its own copy of the request.
            var copy = Copy(_handler.Addresses.Combine(lease.Endpoint!, _logicalUri));
            lock (this)
            {
                (_copies ??= []).Add(copy);
            }

            return _handler.SendToEndpointAsync(copy, cancellationToken);
        }

        _request.RequestUri = _handler.Addresses.Combine(lease.Endpoint!, _logicalUri);
        var replay = _replay ?? _capturing?.Captured;
        if (replay is not null)
        {
            _attemptContent?.Dispose();
            _attemptContent = replay.CreateAttemptContent();
            _request.Content = _attemptContent;
        }

        return _handler.SendToEndpointAsync(_request, cancellationToken);
    }

    public override AttemptVerdict Classify(HttpResponseMessage result) => HttpOutcomeClassifier.Classify(result, _handler.FailureStatusCodes);

    public override AttemptVerdict Classify(Exception error) => HttpOutcomeClassifier.Classify(error);

    public override HttpResponseMessage Accept(ref EndpointLease lease, HttpResponseMessage result, AttemptVerdict verdict)
    {
        result.Content = new TrackedContent(result.Content, ref lease, verdict);
        if (_hedged && result.RequestMessage is { } sent)
        {
            // The caller sees its own request, addressed where the winning attempt went.
            _request.RequestUri = sent.RequestUri;
            result.RequestMessage = _request;
        }

        return result;
    }

    public override void Discard(HttpResponseMessage result) => result.Dispose();

    private HttpRequestMessage Copy(Uri address)
    {
        var copy = new HttpRequestMessage(_request.Method, address)
        {
            Version = _request.Version,
            VersionPolicy = _request.VersionPolicy,
            Content = _replay?.CreateAttemptContent(),
        };
        foreach (var header in _request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in _request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }

    public override Exception TotalTimeout(string groupName, TimeSpan timeout, IReadOnlyList<AttemptRecord> attempts) =>
        new TaskCanceledException(
            $"Endpoint group '{groupName}': the call did not complete within its total timeout of {timeout.TotalSeconds:0.###} s. Attempts: {string.Join("; ", attempts)}.",
            new TimeoutException());

    public override Exception Unavailable(EndpointUnavailableException error) =>
        new HttpRequestException(HttpRequestError.ConnectionError, error.Message, error);

    /// <summary>Puts the caller's own content back on the request and releases the buffered copies.</summary>
    public override void OnCallEnded()
    {
        if (_capturing is not null)
        {
            _request.Content = _originalContent;
            _attemptContent?.Dispose();
            _capturing.Close();
        }

        if (_copies is not null)
        {
            lock (this)
            {
                // Attempt bodies are reference counted by the replay buffer, so a losing hedge still sending is safe.
                foreach (var copy in _copies)
                {
                    copy.Content?.Dispose();
                }
            }
        }

        if (_replay is not null)
        {
            _request.Content = _originalContent;
            _attemptContent?.Dispose();
            _replay.Dispose();
        }
    }
}
