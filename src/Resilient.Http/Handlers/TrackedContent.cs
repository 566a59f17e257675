using System.Net;

namespace Resilient.Http;

/// <summary>
/// Wraps a response's content and owns the lease of the attempt whose response the caller received: the lease is
/// completed exactly once, when the body has been read to the end or the content (or its stream) is disposed,
/// whichever comes first. Until then the endpoint counts the call as in flight, so least-loaded balancing sees
/// long downloads.
/// </summary>
internal sealed class TrackedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly AttemptVerdict _verdict;
    private EndpointLease _lease;

    public TrackedContent(HttpContent inner, ref EndpointLease lease, AttemptVerdict verdict)
    {
        _inner = inner;
        _lease = lease;
        _verdict = verdict;
        ContentHeaders.CopyRaw(inner.Headers, Headers);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        try
        {
            await _inner.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CompleteLease();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        try
        {
            _inner.CopyTo(stream, context, cancellationToken);
        }
        finally
        {
            CompleteLease();
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new TrackedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new TrackedStream(_inner.ReadAsStream(cancellationToken), this);

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            CompleteLease();
        }

        base.Dispose(disposing);
    }

    /// <summary>Completes the attempt's lease with its verdict; later calls do nothing.</summary>
    internal void CompleteLease() => _lease.Complete(_verdict.Outcome, _verdict.RetryAfter);
}
