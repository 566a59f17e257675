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
    private readonly EndpointOutcome _outcome;
    private readonly int _retryAfterMs;
    private EndpointLease _lease;

    private CancellationTokenSource? _source;

    public TrackedContent(HttpContent inner, ref EndpointLease lease, AttemptVerdict verdict, CancellationTokenSource? source)
    {
        _inner = inner;
        _source = source;
        _lease = lease;
        _outcome = verdict.Outcome;
        // Milliseconds in an int (a Retry-After is whole seconds, capped at a minute when applied): with the outcome it
        // fills one 8-byte slot, which keeps the wrapper, allocated per response, at 112 bytes instead of 120.
        _retryAfterMs = (int)Math.Clamp(verdict.RetryAfter.TotalMilliseconds, int.MinValue, int.MaxValue);
        if (LengthKnown(inner))
        {
            ContentHeaders.ShareOrCopy(inner, this);
        }
        else
        {
            // A body of unknown length (chunked): once buffered, the wrapper knows its length and the inner content
            // never will, so the wrapper keeps headers of its own, which ask the wrapper (as the unwrapped content's
            // ask its buffer).
            ContentHeaders.CopyRaw(inner.Headers, Headers);
        }
    }

    /// <summary>Gets a value indicating whether <paramref name="inner"/>'s length is known before its body is read: received, or computable.</summary>
    private static bool LengthKnown(HttpContent inner) =>
        inner.Headers.NonValidated.Contains("Content-Length") || ContentLength.Of(inner) is not null;

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
        // The inner content's own headers were copied already, so a Content-Length it received is in ours and this
        // is not asked; what is left is a length the inner content computes (an in-memory body) or none.
        var known = ContentLength.Of(_inner);
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

    /// <summary>
    /// Completes the attempt's lease with its verdict and gives the call's cancellation source back for reuse (the
    /// transport is done with the body and its token); later calls do nothing.
    /// </summary>
    internal void CompleteLease()
    {
        if (_lease.Complete(_outcome, TimeSpan.FromMilliseconds(_retryAfterMs)))
        {
            CancellationSources.Return(_source);
            _source = null;
        }
    }
}
