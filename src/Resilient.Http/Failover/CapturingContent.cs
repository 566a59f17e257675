using System.Buffers;
using System.Net;

namespace Resilient.Http;

/// <summary>
/// Wraps a body that could not be buffered before the first attempt (a stream of unknown length, a gRPC message)
/// and keeps a copy of what its first serialization hands to the transport, up to the replay limit.
/// </summary>
/// <remarks>
/// <para>
/// Until the transport reads it the body is untouched, so an attempt that failed before sending (connection
/// refused) may go to another endpoint with the same content. Once the transport started reading, a further attempt
/// is possible only with the copy: when the first serialization ran to its end within the limit, <see cref="Captured"/>
/// holds the body byte-identical and later attempts replay it. A serialization that failed, or a body larger than the
/// limit, leaves no copy: the call then gets no further attempt, so nothing is ever sent truncated.
/// </para>
/// <para>
/// Why this matters: <see cref="SocketsHttpHandler"/> itself re-sends a request whose connection turned out to be
/// dead (an HTTP/2 GOAWAY, a stale keep-alive connection) and may have serialized the body on it before it then
/// fails to connect anywhere. That last error says the request never left, and the body it already read is in the copy.
/// </para>
/// <para>
/// A second serialization by the transport (its own retry) reads the original again, exactly as it would without
/// this wrapper. <see cref="Close"/> ends the call's interest in the copy; a serialization still running (HTTP/2
/// keeps writing a streaming body after the response arrived) then stops copying and returns its buffer.
/// </para>
/// </remarks>
internal sealed class CapturingContent : HttpContent
{
    private static readonly ReplayableContent ClosedMarker = ReplayableContent.NoBody;
    private readonly HttpContent _inner;
    private readonly ArrayPool<byte> _pool;
    private readonly int _limit;
    private int _serializations;
    private ReplayableContent? _captured;

    public CapturingContent(HttpContent inner, int limit)
        : this(inner, limit, ArrayPool<byte>.Shared)
    {
    }

    internal CapturingContent(HttpContent inner, int limit, ArrayPool<byte> pool)
    {
        _inner = inner;
        _limit = limit;
        _pool = pool;
        ContentHeaders.CopyRaw(inner.Headers, Headers);
    }

    /// <summary>Gets a value indicating whether the transport started reading the body.</summary>
    public bool Started => Volatile.Read(ref _serializations) != 0;

    /// <summary>Gets the complete copy of the body made by its first serialization, or null.</summary>
    public ReplayableContent? Captured => Volatile.Read(ref _captured) is { } captured && captured != ClosedMarker ? captured : null;

    internal bool IsClosed => Volatile.Read(ref _captured) == ClosedMarker;

    /// <summary>Releases the copy (once no attempt is writing it) and stops a running serialization from copying.</summary>
    public void Close()
    {
        var captured = Interlocked.Exchange(ref _captured, ClosedMarker);
        if (captured is not null && captured != ClosedMarker)
        {
            captured.Dispose();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        IsFirstSerialization()
            ? CaptureAsync(stream, context, cancellationToken)
            : _inner.CopyToAsync(stream, context, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!IsFirstSerialization())
        {
            _inner.CopyTo(stream, context, cancellationToken);
            return;
        }

        using var tee = new CaptureStream(stream, this, _pool, _limit);
        _inner.CopyTo(tee, context, cancellationToken);
        Publish(tee);
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    // The caller owns and disposes the original content; this wrapper only forwards to it.
    private bool IsFirstSerialization() => Interlocked.Increment(ref _serializations) == 1 && _limit > 0 && !IsClosed;

    private async Task CaptureAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var tee = new CaptureStream(stream, this, _pool, _limit);
        await _inner.CopyToAsync(tee, context, cancellationToken).ConfigureAwait(false);
        Publish(tee);
    }

    private void Publish(CaptureStream tee)
    {
        if (tee.TryDetach(out var buffer, out var length))
        {
            var copy = ReplayableContent.FromCapture(_pool, buffer, length, _inner.Headers);
            if (Interlocked.CompareExchange(ref _captured, copy, null) is not null)
            {
                // Closed meanwhile: nobody will replay it.
                copy.Dispose();
            }
        }
    }
}
