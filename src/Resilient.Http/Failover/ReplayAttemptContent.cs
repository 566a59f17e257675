using System.Net;

namespace Resilient.Http;

/// <summary>
/// The body of one attempt: writes the bytes buffered by a <see cref="ReplayableContent"/> and carries copies of the
/// original content headers. It holds a reference to the buffer only while it writes, so disposing it is optional.
/// </summary>
internal sealed class ReplayAttemptContent : HttpContent
{
    private readonly ReplayableContent _source;

    public ReplayAttemptContent(ReplayableContent source)
    {
        _source = source;
        source.CopyHeadersTo(Headers);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _source.AddReference();
        try
        {
            await stream.WriteAsync(_source.Body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _source.Release();
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _source.AddReference();
        try
        {
            stream.Write(_source.Body.Span);
        }
        finally
        {
            _source.Release();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _source.Length;
        return true;
    }
}
