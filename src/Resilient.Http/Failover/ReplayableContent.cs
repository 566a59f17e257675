using System.Buffers;
using System.Net.Http.Headers;

namespace Resilient.Http;

/// <summary>
/// A request body held in pooled memory so that failover can send it to several endpoints byte-identical, with the
/// original content headers, through a fresh <see cref="HttpContent"/> per attempt.
/// </summary>
/// <remarks>
/// <para>
/// What is buffered, and why only that: a body may be read once before the first attempt only if, whatever
/// happens, the request can still be sent whole. So:
/// </para>
/// <list type="bullet">
/// <item>A body whose length is known (<c>Content-Length</c> set or computable: byte-array, string, form,
/// read-only-memory, seekable streams, multipart of such parts) is buffered when it fits the limit, whatever its
/// type: exactly that many bytes are read. If the content then produces a different number of bytes it could not
/// have been sent either (the handler would fail on the length mismatch), so this throws
/// <see cref="HttpRequestException"/>.</item>
/// <item>A known length over the limit is not read at all (null: one attempt with the original).</item>
/// <item>A body of unknown length is buffered only when serializing it again is harmless: JSON of an in-memory
/// value and multipart made only of such parts. It is serialized into the buffer and abandoned, with null,
/// once it crosses the limit; the original will serialize again from the start.</item>
/// <item>Anything else of unknown length (a non-seekable stream without <c>Content-Length</c>, custom contents,
/// multipart with such a part, JSON of an <see cref="IAsyncEnumerable{T}"/> which might be consumable only once)
/// is not touched: null.</item>
/// </list>
/// <para>
/// Lifetime: the buffer is reference counted, one reference for the owner and one for every serialization in
/// progress. <see cref="Dispose"/> drops the owner's; the buffer goes back to the pool when the last serialization
/// ends, so an attempt whose body is still being written (HTTP/2 keeps sending after the response arrives, a
/// cancelled hedge may still be unwinding) never reads a buffer that another renter owns.
/// </para>
/// </remarks>
internal sealed partial class ReplayableContent : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private readonly byte[] _buffer;
    private readonly int _length;
    private readonly KeyValuePair<string, string[]>[] _headers;
    private int _references = 1;
    private int _disposed;

    private ReplayableContent(ArrayPool<byte>? pool, byte[] buffer, int length, KeyValuePair<string, string[]>[] headers)
    {
        _pool = pool;
        _buffer = buffer;
        _length = length;
        _headers = headers;
    }

    /// <summary>Gets the shared instance for a request without content; it ignores <see cref="Dispose"/>.</summary>
    public static ReplayableContent NoBody { get; } = new(null, [], 0, []);

    /// <summary>Gets a value indicating whether the original request had content.</summary>
    public bool HasBody => _pool is not null;

    /// <summary>Gets the length of the body in bytes.</summary>
    public int Length => _length;

    /// <summary>Gets the buffered body; read it only while holding a reference (<see cref="AddReference"/>).</summary>
    internal ReadOnlyMemory<byte> Body => new(_buffer, 0, _length);

    /// <summary>Creates the content of one attempt: a small wrapper over the shared buffer with copies of the original headers.</summary>
    /// <returns>A new content, or null when the original request had none.</returns>
    /// <exception cref="ObjectDisposedException">This instance has been disposed.</exception>
    public HttpContent? CreateAttemptContent()
    {
        if (!HasBody)
        {
            return null;
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new ReplayAttemptContent(this);
    }

    /// <summary>Gives up the owner's reference; the buffer returns to the pool once no attempt is writing it.</summary>
    public void Dispose()
    {
        if (HasBody && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
    }

    /// <summary>Copies the original content headers, as they were when the body was buffered.</summary>
    internal void CopyHeadersTo(HttpContentHeaders headers)
    {
        foreach (var (name, values) in _headers)
        {
            foreach (var value in values)
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>Takes a reference for one serialization of the body.</summary>
    /// <exception cref="ObjectDisposedException">The owner has disposed this instance.</exception>
    internal void AddReference()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var current = Volatile.Read(ref _references);
        while (true)
        {
            // Zero means the buffer is back in the pool: it can never be read again.
            ObjectDisposedException.ThrowIf(current == 0, this);
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0 && _buffer.Length > 0)
        {
            // Request bodies carry credentials and personal data: clear them before another renter sees the array.
            _buffer.AsSpan(0, _length).Clear();
            _pool!.Return(_buffer);
        }
    }
}
