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
    private readonly bool _plainName;
    private readonly BoundedPool<HttpFailoverOperation> _operations;

    public EndpointGroupHandler(EndpointGroup group)
    {
        _group = group;
        var shared = GroupHttpState.For(group);
        Addresses = shared.Addresses;
        _operations = shared.Operations;
        _plainName = LogicalHost.IsPlainHostName(group.Name);
        _failover = group.Failover;
        FailureStatusCodes = new StatusCodeSet(_failover.Options.FailureStatusCodes);
    }

    public StatusCodeSet FailureStatusCodes { get; }

    /// <summary>Gets the group's cache of re-addressed URIs.</summary>
    public AddressCache Addresses { get; }

    /// <summary>Gets a value indicating whether the group's balancer can use a request key (consistent hashing, or a custom balancer).</summary>
    public bool UsesRequestKeys => _group.UsesRequestKeys;

    internal Task<HttpResponseMessage> SendToEndpointAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RoutesThroughGroup(request.RequestUri))
        {
            return base.SendAsync(request, cancellationToken);
        }

        var options = _failover.Options;
        if (request.Content is not null && (options.MaxAttempts > 1 || _failover.Hedging))
        {
            return SendWithBodyAsync(request, cancellationToken);
        }

        // No body to buffer first: straight into the engine, no state machine of our own. The engine ends the
        // operation (puts the caller's request back as it was) when the call is over.
        return _failover.ExecuteAsync(HttpFailoverOperation.Start(_operations, this, request, null, replayable: true, options.RetryNonIdempotent, _failover.Hedging, options.MaxReplayBufferSize), cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithBodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = _failover.Options;
        var replay = await ReplayableContent.TryCreateAsync(request.Content, options.MaxReplayBufferSize, cancellationToken).ConfigureAwait(false);
        var operation = HttpFailoverOperation.Start(_operations, this, request, replay, replay is not null, options.RetryNonIdempotent, _failover.Hedging, options.MaxReplayBufferSize);
        return await _failover.ExecuteAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous sends take the same path; the attempt itself still uses the asynchronous pipeline.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Relative URIs and URIs whose host is the group's name go through the group. The common spelling
    /// (<c>http://name/...</c>) is recognised from the original string, which spares parsing a URI that is about to be
    /// replaced; anything else is decided by the parsed host.
    /// </summary>
    private bool RoutesThroughGroup(Uri? uri) =>
        uri is null
        || !uri.IsAbsoluteUri
        || (_plainName && LogicalHost.Names(uri.OriginalString, _group.Name))
        || string.Equals(uri.Host, _group.Name, StringComparison.OrdinalIgnoreCase);
}
