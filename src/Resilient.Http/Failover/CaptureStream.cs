using System.Buffers;

namespace Resilient.Http;

/// <summary>
/// The stream a <see cref="CapturingContent"/> serializes into: every write goes to the transport's stream and, while
/// the copy is still wanted and fits the limit, into pooled memory as well. Copying never fails a write; a body that
/// outgrows the limit simply loses its copy.
/// </summary>
internal sealed class CaptureStream : WriteOnlyStream
{
    private readonly Stream _transport;
    private readonly CapturingContent _owner;
    private ReplayBufferStream? _copy;

    public CaptureStream(Stream transport, CapturingContent owner, ArrayPool<byte> pool, int limit)
    {
        _transport = transport;
        _owner = owner;
        _copy = new ReplayBufferStream(pool, Math.Min(limit, ReplayDefaults.InitialUnknownLengthCapacity), limit);
    }

    /// <summary>Hands over the copy when it is complete (the serialization ended and nothing was dropped).</summary>
    public bool TryDetach(out byte[] buffer, out int length)
    {
        if (_copy is null || _owner.IsClosed)
        {
            (buffer, length) = ([], 0);
            return false;
        }

        length = _copy.Count;
        buffer = _copy.DetachBuffer();
        return true;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Copy(buffer);
        _transport.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return _transport.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _transport.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _transport.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        // The transport's stream belongs to the transport; only the copy is ours.
        Drop();
        base.Dispose(disposing);
    }

    private void Copy(ReadOnlySpan<byte> buffer)
    {
        if (_copy is null)
        {
            return;
        }

        if (_owner.IsClosed || buffer.Length > _copy.Remaining)
        {
            Drop();
            return;
        }

        _copy.Write(buffer);
    }

    private void Drop()
    {
        _copy?.Dispose();
        _copy = null;
    }
}
