namespace Resilient.Http;

/// <summary>A read-only response stream that completes the attempt's lease at end of stream or on disposal.</summary>
internal sealed class TrackedStream(Stream inner, TrackedContent lease) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException("A response stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Ended(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Ended(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Ended(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) => CopyAndEndAsync(destination, bufferSize, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A response stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A response stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A response stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            lease.CompleteLease();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        lease.CompleteLease();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CopyAndEndAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        await inner.CopyToAsync(destination, bufferSize, cancellationToken).ConfigureAwait(false);
        lease.CompleteLease();
    }

    private int Ended(int read)
    {
        if (read == 0)
        {
            lease.CompleteLease();
        }

        return read;
    }
}
