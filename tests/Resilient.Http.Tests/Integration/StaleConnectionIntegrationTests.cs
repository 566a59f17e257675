using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration;

/// <summary>
/// SocketsHttpHandler re-sends a request whose pooled connection turned out to be dead (an HTTP/2 GOAWAY, a stale
/// keep-alive connection), which may read the body before it then fails to connect at all. The caller's body must
/// still reach another endpoint whole, or not at all.
/// </summary>
public sealed class StaleConnectionIntegrationTests
{
    [Fact]
    public async Task Post_WithABodyOfUnknownLength_ReadOnADeadConnectionThenRefused_IsDeliveredWholeElsewhere()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var client = StaleClient.Create(cluster, "a", StaleClient.Reading.WholeBody);
        var payload = Payload(20 * 1024);

        // Like a gRPC unary message: no Content-Length, and not a content type the group buffers ahead.
        using var response = await client.Http.PostAsync("/orders", new StreamContent(new NonSeekableStream(payload)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        client.BytesReadOnDeadConnection.Should().Be(payload.Length, "the transport read the body before it failed");
        cluster["b"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal(payload);
        cluster["a"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Post_WhoseBodyWasOnlyPartlyRead_GetsNoSecondAttempt()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var client = StaleClient.Create(cluster, "a", StaleClient.Reading.FirstBytes);
        var payload = Payload(20 * 1024);

        var send = () => client.Http.PostAsync("/orders", new StreamContent(new NonSeekableStream(payload)));

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("cannot be replayed");
        cluster.TotalRequestCount.Should().Be(0, "a body missing its start must never be sent");
    }

    [Fact]
    public async Task Post_WithABodyLargerThanTheReplayLimit_GetsNoSecondAttempt()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var client = StaleClient.Create(cluster, "a", StaleClient.Reading.WholeBody, g => g.Failover.MaxReplayBufferSize = 8 * 1024);
        var payload = Payload(20 * 1024);

        var send = () => client.Http.PostAsync("/orders", new StreamContent(new NonSeekableStream(payload)));

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("cannot be replayed");
        client.BytesReadOnDeadConnection.Should().Be(payload.Length);
        cluster.TotalRequestCount.Should().Be(0);
    }

    private static byte[] Payload(int length)
    {
        var payload = new byte[length];
        new Random(17).NextBytes(payload);
        return payload;
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A client whose transport, for one backend, reads the body on a "dead connection" and then fails to connect.</summary>
    private sealed class StaleClient : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly DeadConnectionHandler _dead;

        private StaleClient(ServiceProvider provider, DeadConnectionHandler dead)
        {
            _provider = provider;
            _dead = dead;
            Http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        }

        public enum Reading
        {
            WholeBody,
            FirstBytes,
        }

        public HttpClient Http { get; }

        public long BytesReadOnDeadConnection => Interlocked.Read(ref _dead.BytesRead);

        public static StaleClient Create(LoopbackCluster cluster, string dead, Reading reading, Action<EndpointGroupOptions>? configure = null)
        {
            var handler = new DeadConnectionHandler(cluster[dead].Port, reading);
            var services = new ServiceCollection();
            services.AddHttpClient("orders", c => c.BaseAddress = new Uri("http://orders"))
                .AddEndpointGroup("orders", g =>
                {
                    g.LoadBalancer = LoadBalancers.FirstAvailable;
                    foreach (var backend in cluster.Backends)
                    {
                        g.Endpoints.Add(new EndpointOptions { Address = backend.BaseAddress.ToString(), Name = backend.Name });
                    }

                    configure?.Invoke(g);
                })
                .AddHttpMessageHandler(() => handler);
            return new StaleClient(services.BuildServiceProvider(), handler);
        }

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }

    private sealed class DeadConnectionHandler(int deadPort, StaleClient.Reading reading) : DelegatingHandler
    {
        public long BytesRead;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Port != deadPort)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (request.Content is not null)
            {
                var sink = new CountingStream(reading == StaleClient.Reading.FirstBytes ? 100 : long.MaxValue);
                try
                {
                    await request.Content.CopyToAsync(sink, cancellationToken);
                }
                catch (HttpRequestException e) when (e.InnerException is IOException)
                {
                    // The dead connection broke while the body was being written.
                }

                Interlocked.Add(ref BytesRead, sink.Count);
            }

            // The transport's own retry then finds nothing listening.
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (simulated after a dead pooled connection)", new SocketException((int)SocketError.ConnectionRefused));
        }
    }

    private sealed class CountingStream(long breakAfter) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Count + count > breakAfter)
            {
                throw new IOException("connection reset");
            }

            Count += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
