using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration;

/// <summary>Nothing is lost and nothing unsafe is sent twice.</summary>
public sealed class IdempotencyIntegrationTests
{
    [Fact]
    public async Task Post_Answered503AfterTheServerReadTheBody_IsReceivedExactlyOnce()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].StatusCode = 503;

        using var response = await harness.Client.PostAsync("/orders", new StringContent("{\"id\":1}"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the caller sees the real answer");
        cluster.TotalRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Post_ToARefusedPort_IsDeliveredExactlyOnceToAnotherBackend()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        await cluster["a"].StopAsync();

        using var response = await harness.Client.PostAsync("/orders", new StringContent("{\"id\":2}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["b"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal("{\"id\":2}"u8.ToArray());
    }

    [Fact]
    public async Task Post_WithIdempotencyKey_IsRetried()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].StatusCode = 503;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{\"id\":3}") };
        request.Headers.Add("Idempotency-Key", "order-3");

        using var response = await harness.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["a"].RequestCount.Should().Be(1);
        cluster["b"].Requests.Should().ContainSingle().Which.IdempotencyKey.Should().Be("order-3");
    }

    [Fact]
    public async Task Post_OptedInPerRequest_IsRetried()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].StatusCode = 500;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("x") };
        request.Options.Set(ResilientRequestOptions.RetryNonIdempotent, true);

        using var response = await harness.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster.TotalRequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Put_With200KiBStreamBody_IsReplayedByteIdenticalOnTheNextEndpoint()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        cluster["a"].StatusCode = 502;
        var payload = new byte[200 * 1024];
        new Random(7).NextBytes(payload);
        var content = new StreamContent(new MemoryStream(payload));
        content.Headers.ContentLength = payload.Length;
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        using var response = await harness.Client.PutAsync("/blobs/1", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["a"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal(payload);
        cluster["b"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal(payload);
    }

    [Fact]
    public async Task Put_WithAnUnreplayableBody_GetsExactlyOneAttempt_NeverTruncated()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g =>
        {
            g.LoadBalancer = LoadBalancers.FirstAvailable;
            g.Failover.MaxReplayBufferSize = 1024;
        });
        cluster["a"].StatusCode = 502;
        var payload = new byte[64 * 1024];
        new Random(8).NextBytes(payload);

        using var response = await harness.Client.PutAsync("/blobs/2", new StreamContent(new MemoryStream(payload)));

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway, "one attempt, and the caller sees its answer");
        cluster["a"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal(payload);
        cluster["b"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Post_WithAStreamBodyOfUnknownLength_ToARefusedPort_IsDeliveredWholeExactlyOnceElsewhere()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable);
        await cluster["a"].StopAsync();
        var payload = new byte[300 * 1024];
        new Random(9).NextBytes(payload);

        // A non-seekable stream without a length cannot be buffered for replay, but a refused connection never read it.
        using var response = await harness.Client.PostAsync("/uploads", new StreamContent(new NonSeekableStream(payload)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["b"].Requests.Should().ContainSingle().Which.Body.ToArray().Should().Equal(payload);
    }

    [Fact]
    public async Task Get_KeepsTheEndpointsBasePath_AndTheQuery()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var services = new ServiceCollection();
        services.AddHttpClient("api", c => c.BaseAddress = new Uri("http://api/"))
            .AddEndpointGroup("api", g => g.Endpoints.Add(new EndpointOptions { Address = new Uri(cluster["a"].BaseAddress, "v2/").ToString() }));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        using var response = await client.GetAsync("items/7?expand=true");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        cluster["a"].Requests.Single().PathAndQuery.Should().Be("/v2/items/7?expand=true");
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
