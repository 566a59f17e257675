using System.Net;

namespace Resilient.Http;

/// <summary>
/// Wraps a body that cannot be buffered for replay (a stream of unknown length, a gRPC message stream) and records
/// whether any of it was handed to the transport. Until then the body is untouched, so an attempt that failed before
/// sending (connection refused) may still go to another endpoint with the same content; once it started, never.
/// </summary>
internal sealed class SendOnceContent : HttpContent
{
    private readonly HttpContent _inner;
    private int _started;

    public SendOnceContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>Gets a value indicating whether the transport started reading the body.</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        return _inner.CopyToAsync(stream, context, cancellationToken);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _started, 1);
        _inner.CopyTo(stream, context, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    // The caller owns and disposes the original content; this wrapper only forwards to it.
}
