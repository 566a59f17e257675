namespace Resilient.Http;

/// <summary>One HTTP call as the failover engine drives it: re-addresses, replays the body, classifies, tracks the response.</summary>
/// <remarks>
/// Operations of calls that are not hedged are reused: the engine ends the call (<see cref="OnCallEnded"/>) after its
/// last use of the operation, and nothing else keeps one (the response's content wrapper holds the lease, not the
/// operation). Hedged calls may still have attempts running after the call ended, so their operations are not reused.
/// </remarks>
internal sealed class HttpFailoverOperation : FailoverOperation<HttpResponseMessage>
{
    private BoundedPool<HttpFailoverOperation>? _pool;
    private EndpointGroupHandler _handler = null!;
    private HttpRequestMessage _request = null!;
    private Uri _logicalUri = null!;
    private HttpContent? _originalContent;
    private ReplayableContent? _replay;
    private bool _mayRetryAfterSending;
    private bool _replayable;
    private bool _hedged;
    private CapturingContent? _capturing;
    private HttpContent? _attemptContent;
    private List<HttpRequestMessage>? _copies;

    private HttpFailoverOperation()
    {
    }

    /// <summary>Starts a call's operation, reusing an ended one from <paramref name="pool"/> when there is one.</summary>
    /// <remarks>A pooled operation comes back with every field cleared (<see cref="OnCallEnded"/>), so only this call's values are set here.</remarks>
    public static HttpFailoverOperation Start(BoundedPool<HttpFailoverOperation> pool, EndpointGroupHandler handler, HttpRequestMessage request, ReplayableContent? replay, bool replayable, bool groupOptIn, bool hedging, int maxReplayBufferSize)
    {
        if (!pool.TryRent(out var operation))
        {
            operation = new HttpFailoverOperation();
        }

        operation._handler = handler;
        operation._request = request;
        operation._logicalUri = request.RequestUri ?? new Uri("/", UriKind.Relative);
        operation._originalContent = request.Content;
        operation._replay = replay;
        operation._replayable = replayable;
        operation._mayRetryAfterSending = Idempotency.MayRetryAfterSending(request, groupOptIn);
        operation._hedged = hedging && operation._mayRetryAfterSending && replayable;
        operation._pool = operation._hedged ? null : pool;
        if (!replayable && operation._originalContent is not null)
        {
            operation._capturing = new CapturingContent(operation._originalContent, maxReplayBufferSize);
            request.Content = operation._capturing;
        }

        return operation;
    }

    /// <summary>Only calls that are safe to repeat, with a body that can be replayed, are hedged.</summary>
    public override bool MayHedge => _hedged;

    public override bool MayRetryAfterSending => _mayRetryAfterSending;

    /// <summary>
    /// The transport is done with a request's token once the call failed, or once the response's body has been read
    /// or the response disposed, which is when <see cref="TrackedContent"/> gives the source back.
    /// </summary>
    public override bool ReusesCancellationSource => true;

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

    public override HttpResponseMessage Accept(ref EndpointLease lease, HttpResponseMessage result, AttemptVerdict verdict, CancellationTokenSource? source)
    {
        result.Content = new TrackedContent(result.Content, ref lease, verdict, source);
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

    /// <summary>Puts the caller's own content back on the request, releases the buffered copies, and offers the operation for reuse.</summary>
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

        var pool = _pool;
        if (pool is not null)
        {
            // Nothing of this call may stay reachable from the pool.
            (_pool, _handler, _request, _logicalUri, _originalContent) = (null, null!, null!, null!, null);
            (_replay, _capturing, _attemptContent, _copies) = (null, null, null, null);
            pool.Return(this);
        }
    }
}
