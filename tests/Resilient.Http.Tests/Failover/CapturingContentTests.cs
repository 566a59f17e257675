namespace Resilient.Http.Tests.Failover;

public sealed class CapturingContentTests
{
    private const int Limit = 64 * 1024;
    private static readonly byte[] Body = Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task FirstSerialization_ThatEndsWithinTheLimit_LeavesAByteIdenticalCopy()
    {
        using var original = new StreamContent(new OneShotStream(Body));
        var pool = new CountingArrayPool();
        using var content = new CapturingContent(original, Limit, pool);
        using var sent = new MemoryStream();

        await content.CopyToAsync(sent);

        sent.ToArray().Should().Equal(Body);
        content.Captured.Should().NotBeNull();
        using var replayed = new MemoryStream();
        using (var attempt = content.Captured!.CreateAttemptContent()!)
        {
            await attempt.CopyToAsync(replayed);
        }

        replayed.ToArray().Should().Equal(Body);
        content.Close();
        content.Captured.Should().BeNull();
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_IsSentWhole_ButLeavesNoCopy()
    {
        using var original = new StreamContent(new OneShotStream(Body));
        var pool = new CountingArrayPool();
        using var content = new CapturingContent(original, 8 * 1024, pool);
        using var sent = new MemoryStream();

        await content.CopyToAsync(sent);

        sent.ToArray().Should().Equal(Body, "copying never changes what the transport gets");
        content.Started.Should().BeTrue();
        content.Captured.Should().BeNull();
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task FailedSerialization_LeavesNoCopy()
    {
        using var original = new StreamContent(new OneShotStream(Body));
        var pool = new CountingArrayPool();
        using var content = new CapturingContent(original, Limit, pool);
        using var broken = new GatedWriteStream();
        using var abort = new CancellationTokenSource();

        var sending = content.CopyToAsync(broken, abort.Token);
        await broken.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await abort.CancelAsync();

        await sending.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>();
        content.Captured.Should().BeNull("only a serialization that ran to its end is a whole body");
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task Close_WhileTheFirstSerializationIsStillWriting_DropsTheCopyWhenItEnds()
    {
        using var original = new StreamContent(new OneShotStream(Body));
        var pool = new CountingArrayPool();
        using var content = new CapturingContent(original, Limit, pool);
        using var slow = new GatedWriteStream();

        var sending = content.CopyToAsync(slow);
        await slow.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        content.Close();
        slow.Gate.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(10));

        slow.Written.Should().Equal(Body, "the transport still gets the whole body");
        content.Captured.Should().BeNull();
        pool.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task SecondSerialization_ByTheTransport_ReadsTheOriginalAgain()
    {
        var serializations = 0;
        using var original = new RepeatableContent(Body, () => serializations++);
        using var content = new CapturingContent(original, Limit, new CountingArrayPool());

        await content.CopyToAsync(Stream.Null);
        using var again = new MemoryStream();
        await content.CopyToAsync(again);

        serializations.Should().Be(2);
        again.ToArray().Should().Equal(Body);
    }

    /// <summary>A stream that can be read once only, like a request body arriving from the network.</summary>
    private sealed class OneShotStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A content of unknown length that can be written any number of times, like a gRPC unary message.</summary>
    private sealed class RepeatableContent(byte[] data, Action onSerialize) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            onSerialize();
            return stream.WriteAsync(data).AsTask();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
