using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;

namespace Resilient.Http.Tests.Failover;

public sealed class ReplayableContentTests
{
    private const int Limit = 1024 * 1024;
    private static readonly byte[] StreamData = CreateData(200 * 1024);

    public static TheoryData<string> Kinds =>
    [
        "utf8-string", "latin1-string", "bytes", "readonly-memory", "json", "form", "multipart", "multipart-with-json",
        "stream-with-content-length", "seekable-stream",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task CreateAttemptContent_ThreeAttempts_SerializeByteIdenticalWithTheOriginalHeaders(string kind)
    {
        using var original = CreateContent(kind);
        var pool = new CountingArrayPool();

        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);

        replay.Should().NotBeNull();
        var expected = kind.Contains("stream", StringComparison.Ordinal) ? StreamData : await SerializeAsync(original);
        replay!.Length.Should().Be(expected.Length);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var content = replay.CreateAttemptContent();
            content.Should().NotBeNull().And.NotBeSameAs(original);
            (await SerializeAsync(content!)).Should().Equal(expected, $"attempt {attempt + 1} sends the same bytes");
            AssertSameHeaders(original, content!, expected.Length);
        }
    }

    [Fact]
    public async Task CreateAttemptContent_NonUtf8String_KeepsTheCharsetAndTheEncodedBytes()
    {
        using var original = new StringContent("café, naïve", Encoding.Latin1, "text/plain");

        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;

        content.Headers.ContentType!.CharSet.Should().Be("iso-8859-1");
        (await content.ReadAsByteArrayAsync()).Should().Equal(Encoding.Latin1.GetBytes("café, naïve"));
        (await content.ReadAsStringAsync()).Should().Be("café, naïve");
    }

    [Fact]
    public async Task CreateAttemptContent_Multipart_KeepsTheBoundaryOfTheHeaderAndTheBody()
    {
        using var original = new MultipartFormDataContent("replay-boundary-42") { { new StringContent("a"), "first" } };

        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;

        content.Headers.ContentType!.MediaType.Should().Be("multipart/form-data");
        content.Headers.ContentType.Parameters.Should().ContainSingle(p => p.Name == "boundary").Which.Value.Should().Be("\"replay-boundary-42\"");
        (await content.ReadAsStringAsync()).Should().StartWith("--replay-boundary-42\r\n").And.EndWith("--replay-boundary-42--\r\n");
    }

    [Fact]
    public async Task CreateAttemptContent_SynchronousSend_WritesTheSameBytes()
    {
        using var original = new ByteArrayContent(StreamData);
        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;
        using var destination = new MemoryStream();

        content.CopyTo(destination, null, CancellationToken.None);

        destination.ToArray().Should().Equal(StreamData);
    }

    [Fact]
    public async Task TryCreateAsync_NullContent_ReplaysNoBody()
    {
        var replay = await ReplayableContent.TryCreateAsync(null, Limit, CancellationToken.None);

        replay.Should().BeSameAs(ReplayableContent.NoBody);
        replay!.HasBody.Should().BeFalse();
        replay.CreateAttemptContent().Should().BeNull();
        replay.Dispose();
        replay.CreateAttemptContent().Should().BeNull("the shared no-body instance ignores Dispose");
    }

    [Fact]
    public async Task TryCreateAsync_EmptyBody_ReplaysZeroBytesWithTheHeadersAndRentsNothing()
    {
        using var original = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        var pool = new CountingArrayPool();

        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;

        (await SerializeAsync(content)).Should().BeEmpty();
        content.Headers.ContentLength.Should().Be(0);
        content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        pool.Rented.Should().Be(0);
    }

    [Fact]
    public async Task TryCreateAsync_SeekableStreamOverTheLimit_ReturnsNullAndLeavesThePositionAtZero()
    {
        using var source = new MemoryStream(CreateData(2048));
        using var original = new StreamContent(source);
        var pool = new CountingArrayPool();

        var replay = await ReplayableContent.TryCreateAsync(original, 1024, pool, CancellationToken.None);

        replay.Should().BeNull();
        source.Position.Should().Be(0);
        pool.Rented.Should().Be(0);
    }

    [Fact]
    public async Task TryCreateAsync_NonSeekableStreamWithContentLengthOverTheLimit_ReturnsNullWithoutReading()
    {
        var source = new CountingReadStream(CreateData(2048));
        using var original = new StreamContent(source);
        original.Headers.ContentLength = 2048;

        var replay = await ReplayableContent.TryCreateAsync(original, 1024, CancellationToken.None);

        replay.Should().BeNull();
        source.Reads.Should().Be(0);
    }

    [Fact]
    public async Task TryCreateAsync_StreamOfUnknownLength_ReturnsNullWithoutReading_SoTheOriginalCanBeSentWhole()
    {
        var data = CreateData(100);
        var source = new CountingReadStream(data);
        using var original = new StreamContent(source);

        var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);

        replay.Should().BeNull("a body of unknown length might be larger than the limit");
        source.Reads.Should().Be(0);
        (await SerializeAsync(original)).Should().Equal(data);
    }

    [Fact]
    public async Task TryCreateAsync_ByteArrayOverTheLimit_ReturnsNull()
    {
        using var original = new ByteArrayContent(CreateData(1025));

        var replay = await ReplayableContent.TryCreateAsync(original, 1024, CancellationToken.None);

        replay.Should().BeNull();
    }

    [Fact]
    public async Task TryCreateAsync_JsonOverTheLimit_ReturnsNullAndReturnsTheBuffer_AndTheOriginalStillSerializesWhole()
    {
        var values = Enumerable.Range(0, 20_000).ToArray();
        using var original = JsonContent.Create(values);
        var pool = new CountingArrayPool();

        var replay = await ReplayableContent.TryCreateAsync(original, 30_000, pool, CancellationToken.None);

        replay.Should().BeNull();
        pool.Rented.Should().BeGreaterThan(1, "the buffer grew before the limit was crossed");
        pool.Outstanding.Should().Be(0);
        (await original.ReadFromJsonAsync<int[]>()).Should().Equal(values);
    }

    [Fact]
    public async Task TryCreateAsync_JsonLargerThanTheFirstBuffer_GrowsAndReplaysItWhole()
    {
        var values = Enumerable.Range(0, 20_000).ToArray();
        using var original = JsonContent.Create(values);
        var pool = new CountingArrayPool();

        using (var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None))
        {
            using var content = replay!.CreateAttemptContent()!;
            (await content.ReadFromJsonAsync<int[]>()).Should().Equal(values);
            pool.Rented.Should().BeGreaterThan(1, "the first 4 KiB buffer grew");
            pool.Outstanding.Should().Be(1, "each smaller buffer went back as it was outgrown");
        }

        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task TryCreateAsync_JsonOfAnAsyncEnumerable_ReturnsNullWithoutEnumeratingIt()
    {
        var enumerations = 0;
        using var original = JsonContent.Create(Numbers());

        var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);

        replay.Should().BeNull("an async sequence may yield only once");
        enumerations.Should().Be(0);

        async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            enumerations++;
            await Task.Yield();
            yield return 1;
        }
    }

    [Fact]
    public async Task TryCreateAsync_MultipartWithAStreamOfUnknownLength_ReturnsNullWithoutReading()
    {
        var source = new CountingReadStream(CreateData(100));
        using var original = new MultipartFormDataContent { { new StringContent("a"), "text" }, { new StreamContent(source), "file", "f.bin" } };

        var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);

        replay.Should().BeNull();
        source.Reads.Should().Be(0);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(101)]
    public async Task TryCreateAsync_StreamNotMatchingItsContentLength_ThrowsHttpRequestException(int declared)
    {
        using var original = new StreamContent(new CountingReadStream(CreateData(100)));
        original.Headers.ContentLength = declared;
        var pool = new CountingArrayPool();

        var act = async () => await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);

        (await act.Should().ThrowAsync<HttpRequestException>()).WithMessage($"*{declared} bytes*");
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task TryCreateAsync_NegativeLimit_Throws()
    {
        using var original = new StringContent("x");

        var act = async () => await ReplayableContent.TryCreateAsync(original, -1, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("maxBufferSize");
    }

    [Fact]
    public async Task Dispose_ReturnsTheClearedBufferToThePoolOnce()
    {
        var secret = Encoding.UTF8.GetBytes("password=hunter2");
        using var original = new ByteArrayContent(secret);
        var pool = new CountingArrayPool();
        var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);
        using (var content = replay!.CreateAttemptContent()!)
        {
            (await SerializeAsync(content)).Should().Equal(secret);
        }

        pool.Rented.Should().Be(1);
        pool.Returned.Should().Be(0, "the owner still holds the buffer between attempts");

        replay.Dispose();
        replay.Dispose();

        pool.Returned.Should().Be(1);
        pool.ReturnedArrays.Single().Should().OnlyContain(b => b == 0, "request bodies may carry credentials");
    }

    [Fact]
    public async Task CreateAttemptContent_AfterDispose_ThrowsObjectDisposedException()
    {
        using var original = new StringContent("x");
        var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);

        replay!.Dispose();

        replay.Invoking(r => r.CreateAttemptContent()).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task AttemptContent_SerializedAfterDispose_FailsInsteadOfReadingAReturnedBuffer()
    {
        using var original = new StringContent("x");
        var pool = new CountingArrayPool();
        var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;

        replay.Dispose();
        var act = async () => await SerializeAsync(content);

        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<ObjectDisposedException>();
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task Dispose_WhileAnAttemptIsStillWriting_ReturnsTheBufferOnlyWhenTheWriteEnds()
    {
        using var original = new ByteArrayContent(StreamData);
        var pool = new CountingArrayPool();
        var replay = await ReplayableContent.TryCreateAsync(original, Limit, pool, CancellationToken.None);
        using var content = replay!.CreateAttemptContent()!;
        using var slow = new GatedWriteStream();

        var sending = content.CopyToAsync(slow);
        await slow.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        replay.Dispose();

        pool.Returned.Should().Be(0, "an attempt is still writing the buffer");
        slow.Gate.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        slow.Written.Should().Equal(StreamData, "the bytes were still intact when the slow write copied them");
        pool.Returned.Should().Be(1);
    }

    [Fact]
    public async Task CreateAttemptContent_PerAttempt_AllocatesOnlyTheWrapperNotTheBody()
    {
        using var original = new ByteArrayContent(StreamData);
        original.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var replay = await ReplayableContent.TryCreateAsync(original, Limit, CancellationToken.None);
        Send(replay!);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Send(replay!);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(2048, $"a {StreamData.Length}-byte body is shared, not copied, per attempt");

        static void Send(ReplayableContent replay)
        {
            using var content = replay.CreateAttemptContent()!;
            content.CopyToAsync(Stream.Null).GetAwaiter().GetResult();
        }
    }

    private static HttpContent CreateContent(string kind)
    {
        switch (kind)
        {
            case "utf8-string":
                return new StringContent("héllo wörld ✓ 日本", Encoding.UTF8, "text/plain");
            case "latin1-string":
                return new StringContent("héllo wörld", Encoding.Latin1, "text/plain");
            case "bytes":
                var bytes = new ByteArrayContent(CreateData(5000));
                bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                bytes.Headers.ContentEncoding.Add("gzip");
                bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "data.bin" };
                bytes.Headers.ContentLanguage.Add("de-CH");
                bytes.Headers.TryAddWithoutValidation("Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ==");
                return bytes;
            case "readonly-memory":
                var memory = new ReadOnlyMemoryContent(CreateData(777));
                memory.Headers.ContentType = new MediaTypeHeaderValue("application/x-custom");
                return memory;
            case "json":
                return JsonContent.Create(new Order("A-1", [1, 2, 3], "naïve ✓"));
            case "form":
                return new FormUrlEncodedContent([new("q", "a b&c"), new("lang", "fr-FR"), new("q", "ü")]);
            case "multipart":
                return new MultipartFormDataContent("boundary-0123456789")
                {
                    { new StringContent("value"), "field" },
                    { new ByteArrayContent(CreateData(3000)), "file", "file.bin" },
                };
            case "multipart-with-json":
                return new MultipartFormDataContent("json-boundary")
                {
                    { new StringContent("value"), "field" },
                    { JsonContent.Create(new Order("B-2", [4], "x")), "order" },
                };
            case "stream-with-content-length":
                var known = new StreamContent(new CountingReadStream(StreamData));
                known.Headers.ContentLength = StreamData.Length;
                known.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return known;
            case "seekable-stream":
                return new StreamContent(new MemoryStream(StreamData));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static async Task<byte[]> SerializeAsync(HttpContent content)
    {
        // CopyToAsync, unlike ReadAsByteArrayAsync, leaves the content unbuffered: it serializes as a send does.
        using var destination = new MemoryStream();
        await content.CopyToAsync(destination);
        return destination.ToArray();
    }

    private static void AssertSameHeaders(HttpContent original, HttpContent attempt, long length)
    {
        attempt.Headers.ContentLength.Should().Be(length);
        var expected = Headers(original);
        var actual = Headers(attempt);
        if (!expected.ContainsKey("Content-Length"))
        {
            // A body of unknown length (JSON) is sent with its now known length instead of chunked.
            actual.Remove("Content-Length");
        }

        actual.Should().BeEquivalentTo(expected);
    }

    private static Dictionary<string, string[]> Headers(HttpContent content) =>
        content.Headers.NonValidated.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);

    private static byte[] CreateData(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 31) + (i >> 8));
        }

        return data;
    }

    private sealed record Order(string Id, int[] Lines, string Note);
}
