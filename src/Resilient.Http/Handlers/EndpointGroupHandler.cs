namespace Resilient.Http;

/// <summary>
/// The handler <c>AddEndpointGroup</c> puts into a client's pipeline. Requests addressed to the group's logical
/// host (by default the group's name, as in <c>http://catalog/items</c>) or with a relative URI are re-addressed to
/// an endpoint picked by the group and fail over per the group's rules; other requests pass through untouched.
/// Handlers are rotated by the factory; all state lives in the group, a singleton per name.
/// </summary>
internal sealed class EndpointGroupHandler : DelegatingHandler
{
    private readonly EndpointGroup _group;
    private readonly FailoverEngine _failover;

    public EndpointGroupHandler(EndpointGroup group)
    {
        _group = group;
        _failover = group.Failover;
        FailureStatusCodes = new HashSet<int>(_failover.Options.FailureStatusCodes);
    }

    public ISet<int> FailureStatusCodes { get; }

    internal Task<HttpResponseMessage> SendToEndpointAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RoutesThroughGroup(request.RequestUri))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var options = _failover.Options;
        ReplayableContent? replay = null;
        var replayable = true;
        if (request.Content is not null && (options.MaxAttempts > 1 || _failover.Hedging))
        {
            replay = await ReplayableContent.TryCreateAsync(request.Content, options.MaxReplayBufferSize, cancellationToken).ConfigureAwait(false);
            replayable = replay is not null;
        }

        var operation = new HttpFailoverOperation(this, request, replay, replayable, options.RetryNonIdempotent, _failover.Hedging, options.MaxReplayBufferSize);
        try
        {
            return await _failover.ExecuteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            operation.Restore();
        }
    }

    /// <summary>Synchronous sends take the same path; the attempt itself still uses the asynchronous pipeline.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    private bool RoutesThroughGroup(Uri? uri) =>
        uri is null || !uri.IsAbsoluteUri || string.Equals(uri.Host, _group.Name, StringComparison.OrdinalIgnoreCase);
}
