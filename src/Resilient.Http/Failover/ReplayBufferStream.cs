using System.Buffers;

namespace Resilient.Http;

/// <summary>
/// A write-only stream that collects a request body into memory rented from a pool, refusing to hold more than a
/// limit: the write that would cross it sets <see cref="Overflowed"/> and throws, which aborts the serialization
/// that feeds the stream instead of letting it run to the end of a large body.
/// </summary>
internal sealed class ReplayBufferStream : WriteOnlyStream
{
    private readonly ArrayPool<byte> _pool;
    private readonly int _limit;
    private byte[] _buffer;
    private int _count;

    public ReplayBufferStream(ArrayPool<byte> pool, int initialCapacity, int limit)
    {
        _pool = pool;
        _limit = limit;
        _buffer = initialCapacity > 0 ? pool.Rent(initialCapacity) : [];
    }

    /// <summary>Gets the number of bytes written.</summary>
    public int Count => _count;

    /// <summary>Gets the number of bytes that may still be written before the limit.</summary>
    public int Remaining => Overflowed ? 0 : _limit - _count;

    /// <summary>Gets a value indicating whether a write was refused because it would have crossed the limit.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Hands the rented buffer (its first <see cref="Count"/> bytes are the body) to the caller, who returns it to the pool.</summary>
    public byte[] DetachBuffer()
    {
        var buffer = _buffer;
        _buffer = [];
        return buffer;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Overflowed || buffer.Length > _limit - _count)
        {
            Overflowed = true;
            throw new IOException($"The request content is larger than the replay buffer limit of {_limit} bytes.");
        }

        if (buffer.Length > _buffer.Length - _count)
        {
            Grow(_count + buffer.Length);
        }

        buffer.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return default;
        }
        catch (IOException e)
        {
            return ValueTask.FromException(e);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        ReturnBuffer();
        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        var capacity = (int)Math.Min(_limit, Math.Max(needed, 2L * _buffer.Length));
        var bigger = _pool.Rent(capacity);
        _buffer.AsSpan(0, _count).CopyTo(bigger);
        ReturnBuffer();
        _buffer = bigger;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            // Request bodies carry credentials and personal data: clear what we wrote before another renter sees it.
            _buffer.AsSpan(0, _count).Clear();
            _pool.Return(_buffer);
            _buffer = [];
        }
    }
}
