using System.Net;

namespace Resilient.Http;

/// <summary>Wraps a response's content so that the end of the body (or its disposal) completes the attempt's lease.</summary>
internal sealed class TrackedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly ResponseLease _lease;

    public TrackedContent(HttpContent inner, ResponseLease lease)
    {
        _inner = inner;
        _lease = lease;
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
            _lease.Complete();
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
            _lease.Complete();
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new TrackedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _lease);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new TrackedStream(_inner.ReadAsStream(cancellationToken), _lease);

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
            _lease.Complete();
        }

        base.Dispose(disposing);
    }
}
