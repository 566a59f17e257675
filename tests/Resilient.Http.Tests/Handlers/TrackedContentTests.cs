using System.Net.Http.Headers;

namespace Resilient.Http.Tests.Handlers;

/// <summary>The response wrapper shares the received headers instead of copying them, and reports lengths as the unwrapped content does.</summary>
public sealed class TrackedContentTests
{
    [Fact]
    public void Headers_AreTheInnerContentsOwn_OnThisRuntime()
    {
        var inner = new ByteArrayContent("hello"u8.ToArray());
        inner.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var tracked = Wrap(inner);

        ContentHeaders.Shares.Should().BeTrue("the runtime's HttpContent still has the field the wrapper sets; if this fails, wrappers fell back to copying headers");
        tracked.Headers.Should().BeSameAs(inner.Headers);
        tracked.Headers.ContentType!.MediaType.Should().Be("text/plain");
    }

    [Fact]
    public void ContentLength_OfAnInnerContent_IsReadWithoutStoringAHeaderInIt()
    {
        var inner = new ByteArrayContent(new byte[5]);

        ContentLength.Of(inner).Should().Be(5);

        ContentLength.UsesInternalQuery.Should().BeTrue("the runtime still has the internal length query; if this fails, the public property is used");
        inner.Headers.NonValidated.Contains("Content-Length").Should().BeFalse();
    }

    [Fact]
    public async Task Buffered_AnInnerContentOfUnknownLength_ReportsTheBufferedLength()
    {
        var body = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        var unwrapped = new StreamContent(new UnseekableStream(body));
        using var tracked = Wrap(new StreamContent(new UnseekableStream(body)));

        await unwrapped.LoadIntoBufferAsync();
        await tracked.LoadIntoBufferAsync();

        unwrapped.Headers.ContentLength.Should().Be(body.Length, "a buffered content knows its length");
        tracked.Headers.ContentLength.Should().Be(body.Length, "the wrapper must report it as the unwrapped content does");
        (await tracked.ReadAsByteArrayAsync()).Should().Equal(body);
    }

    [Fact]
    public async Task Streamed_AnInnerContentOfUnknownLength_HasNoLengthUntilRead()
    {
        using var tracked = Wrap(new StreamContent(new UnseekableStream(new byte[10])));

        tracked.Headers.ContentLength.Should().BeNull();
        await using var stream = await tracked.ReadAsStreamAsync();
        (await new StreamReader(stream).ReadToEndAsync()).Length.Should().Be(10);
    }

    private static TrackedContent Wrap(HttpContent inner)
    {
        var lease = default(EndpointLease);
        return new TrackedContent(inner, ref lease, new AttemptVerdict(EndpointOutcome.Success), source: null);
    }

    /// <summary>A body whose length nobody can know before reading it, as a chunked response's.</summary>
    private sealed class UnseekableStream(byte[] body) : MemoryStream(body)
    {
        public override bool CanSeek => false;
    }
}
