using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Resilient.Http;

/// <summary>Creation: what may be buffered for replay, and buffering it.</summary>
internal sealed partial class ReplayableContent
{
    /// <summary>Buffers <paramref name="original"/> for replay when that is safe and it fits.</summary>
    /// <param name="original">The request content, or null for a request without one.</param>
    /// <param name="maxBufferSize">The largest body buffered, in bytes.</param>
    /// <param name="cancellationToken">Cancels buffering.</param>
    /// <returns>
    /// The replayable body (<see cref="NoBody"/> for null content), or null when it cannot be replayed: then the
    /// caller makes a single attempt with the original content, which this method has not read.
    /// </returns>
    public static ValueTask<ReplayableContent?> TryCreateAsync(HttpContent? original, int maxBufferSize, CancellationToken cancellationToken) =>
        TryCreateAsync(original, maxBufferSize, ArrayPool<byte>.Shared, cancellationToken);

    /// <summary>As <see cref="TryCreateAsync(HttpContent?, int, CancellationToken)"/>, renting from <paramref name="pool"/>.</summary>
    internal static ValueTask<ReplayableContent?> TryCreateAsync(HttpContent? original, int maxBufferSize, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBufferSize);
        ArgumentNullException.ThrowIfNull(pool);
        if (original is null)
        {
            return ValueTask.FromResult<ReplayableContent?>(NoBody);
        }

        // Reading ContentLength computes it without reading the body (and records it, as sending would).
        if (original.Headers.ContentLength is long length)
        {
            return length <= maxBufferSize
                ? BufferAsync(original, (int)length, exactLength: true, pool, cancellationToken)
                : ValueTask.FromResult<ReplayableContent?>(null);
        }

        return IsRepeatable(original)
            ? BufferAsync(original, maxBufferSize, exactLength: false, pool, cancellationToken)
            : ValueTask.FromResult<ReplayableContent?>(null);
    }

    private static async ValueTask<ReplayableContent?> BufferAsync(HttpContent original, int limit, bool exactLength, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        var initialCapacity = exactLength ? limit : Math.Min(limit, ReplayDefaults.InitialUnknownLengthCapacity);
        using var sink = new ReplayBufferStream(pool, initialCapacity, limit);
        try
        {
            await original.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (sink.Overflowed && !exactLength)
        {
            // Only repeatable contents get here: abandoning this serialization leaves the original intact.
            return null;
        }
        catch (Exception e) when (sink.Overflowed)
        {
            throw LengthMismatch(limit, e);
        }

        if (exactLength && sink.Count != limit)
        {
            throw LengthMismatch(limit, null);
        }

        var length = sink.Count;
        var headers = SnapshotHeaders(original.Headers);
        return new ReplayableContent(pool, sink.DetachBuffer(), length, headers);
    }

    /// <summary>Wraps a body copied while it was first sent (<see cref="CapturingContent"/>); takes ownership of the rented buffer.</summary>
    internal static ReplayableContent FromCapture(ArrayPool<byte> pool, byte[] buffer, int length, HttpContentHeaders headers) =>
        new(pool, buffer, length, SnapshotHeaders(headers));

    private static HttpRequestException LengthMismatch(long declared, Exception? inner) =>
        new($"The request content did not produce the {declared} bytes its Content-Length declares.", inner);

    private static KeyValuePair<string, string[]>[] SnapshotHeaders(HttpContentHeaders headers)
    {
        // Raw values, as added: Content-Type keeps its charset and boundary, invalid values stay as they were.
        var nonValidated = headers.NonValidated;
        var snapshot = new KeyValuePair<string, string[]>[nonValidated.Count];
        var i = 0;
        foreach (var header in nonValidated)
        {
            var values = new string[header.Value.Count];
            var j = 0;
            foreach (var value in header.Value)
            {
                values[j++] = value;
            }

            snapshot[i++] = new(header.Key, values);
        }

        return snapshot;
    }

    private static bool IsRepeatable(HttpContent content)
    {
        switch (content)
        {
            case ByteArrayContent or ReadOnlyMemoryContent:
                return true;
            case JsonContent json:
                // The serializer enumerates an IAsyncEnumerable as it writes; a channel reader, for one, yields once.
                return !(json.ObjectType.IsGenericType && json.ObjectType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
            case MultipartContent multipart:
                foreach (var part in multipart)
                {
                    if (!IsRepeatable(part))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
