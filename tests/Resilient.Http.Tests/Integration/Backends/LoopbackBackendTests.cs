using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Resilient.Http.Tests.Integration.Backends;

/// <summary>The loopback fixture other integration tests rely on: if these fail, a failover test's verdict means nothing.</summary>
public sealed class LoopbackBackendTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StartAsync_Get_Returns200WithNameAndEchoHeaders()
    {
        await using var backend = await LoopbackBackend.StartAsync("alpha");
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri(backend.BaseAddress, "orders/7?x=1%202"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Backend").Should().Equal("alpha");
        response.Headers.GetValues("X-Path").Should().Equal("/orders/7?x=1%202");
        (await response.Content.ReadAsStringAsync()).Should().Be("alpha");
        backend.BaseAddress.Should().Be(new Uri($"http://127.0.0.1:{backend.Port}/"));
        backend.Port.Should().BePositive();
        backend.RequestCount.Should().Be(1);
        var recorded = backend.Requests.Should().ContainSingle().Subject;
        recorded.Method.Should().Be("GET");
        recorded.PathAndQuery.Should().Be("/orders/7?x=1%202");
        (await recorded.Finished.WaitAsync(Bounded)).Should().Be(RequestOutcome.Completed);
    }

    [Fact]
    public async Task StatusCodeAndRetryAfter_Set_EveryResponseCarriesThem()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.StatusCode = 429;
        backend.RetryAfter = TimeSpan.FromMilliseconds(2500);

        using var first = await client.GetAsync(backend.BaseAddress);
        using var second = await client.GetAsync(backend.BaseAddress);

        first.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        first.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3), "Retry-After is whole seconds, rounded up");
        first.Headers.GetValues("X-Backend").Should().Equal("a");
    }

    [Fact]
    public async Task FailNext_TwoRequests_OnlyThoseFailThenStatusCodeApplies()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.FailNext(2, 503);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(backend.BaseAddress);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        backend.RequestCount.Should().Be(3);
    }

    [Fact]
    public async Task Delay_Set_ResponseTakesAtLeastTheDelay()
    {
        await using var backend = await LoopbackBackend.StartAsync("slow");
        using var client = NewClient();
        using (await client.GetAsync(backend.BaseAddress))
        {
            // Warm the connection so the measurement is the delay, not the connect.
        }

        var delay = TimeSpan.FromMilliseconds(300);
        backend.Delay = delay;
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.GetAsync(backend.BaseAddress);
        stopwatch.Stop();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // The delay runs on the runtime's coarse timer (millisecond tick count), which was seen firing 3 ms early
        // against the high-resolution stopwatch; what matters here is that the backend held the answer back.
        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(delay - TimeSpan.FromMilliseconds(15));
    }

    [Fact]
    public async Task Delay_ClientCancels_RequestRecordedAsAborted()
    {
        await using var backend = await LoopbackBackend.StartAsync("slow");
        using var client = NewClient();
        backend.Delay = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource();

        var call = client.GetAsync(backend.BaseAddress, cts.Token);
        var recorded = (await backend.WaitForRequestsAsync(1, Bounded)).Single();
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        (await recorded.Finished.WaitAsync(Bounded)).Should().Be(RequestOutcome.Aborted);
    }

    [Fact]
    public async Task ResetConnections_Set_HttpClientThrowsHttpRequestException()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.ResetConnections = true;

        await FluentActions.Awaiting(() => client.GetAsync(backend.BaseAddress)).Should().ThrowAsync<HttpRequestException>();

        backend.RequestCount.Should().BeGreaterThanOrEqualTo(1, "the request reached the app before the connection was aborted");
        (await backend.Requests[0].Finished.WaitAsync(Bounded)).Should().Be(RequestOutcome.Aborted);
    }

    [Fact]
    public async Task StopAsync_Running_NewConnectionsAreRefused()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        using (await client.GetAsync(backend.BaseAddress))
        {
            // A pooled keep-alive connection exists when the server stops.
        }

        await backend.StopAsync();

        backend.IsRunning.Should().BeFalse();
        var refused = await FluentActions.Awaiting(() => client.GetAsync(backend.BaseAddress)).Should().ThrowAsync<HttpRequestException>();
        refused.Which.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
        using var tcp = new TcpClient();
        var connect = await FluentActions.Awaiting(() => tcp.ConnectAsync(IPAddress.Loopback, backend.Port)).Should().ThrowAsync<SocketException>();
        connect.Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task RestartAsync_AfterStop_ServesAgainOnTheSamePort()
    {
        await using var backend = await LoopbackBackend.StartAsync("phoenix");
        using var client = NewClient();
        var port = backend.Port;
        using (await client.GetAsync(backend.BaseAddress))
        {
        }

        await backend.StopAsync();
        await backend.RestartAsync();
        using var response = await client.GetAsync(backend.BaseAddress);

        backend.Port.Should().Be(port);
        backend.IsRunning.Should().BeTrue();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Backend").Should().Equal("phoenix");
        backend.RequestCount.Should().Be(2, "counters survive a restart");
    }

    [Fact]
    public async Task Post_200KiBBody_RecordedByteIdenticalWithIdempotencyKey()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        var payload = new byte[200 * 1024];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((i * 31) + (i >> 8));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(backend.BaseAddress, "upload?part=1"))
        {
            Content = new ByteArrayContent(payload),
        };
        request.Headers.Add("Idempotency-Key", "key-42");
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var recorded = backend.Requests.Should().ContainSingle().Subject;
        recorded.Method.Should().Be("POST");
        recorded.PathAndQuery.Should().Be("/upload?part=1");
        recorded.IdempotencyKey.Should().Be("key-42");
        recorded.Body.ToArray().Should().Equal(payload);
    }

    [Fact]
    public async Task Healthz_HealthStatusCodeSet_AnsweredAndCountedSeparately()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.HealthStatusCode = 503;
        backend.StatusCode = 500;

        using var health = await client.GetAsync(new Uri(backend.BaseAddress, "api/healthz"));
        using var work = await client.GetAsync(backend.BaseAddress);

        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        work.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        backend.HealthRequestCount.Should().Be(1);
        backend.RequestCount.Should().Be(1);
        backend.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/");
    }

    [Fact]
    public async Task Handler_ReturnsTrue_ReplacesTheDefaultResponse()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.Handler = async context =>
        {
            if (context.Request.Path != "/teapot")
            {
                return false;
            }

            context.Response.StatusCode = 418;
            await context.Response.WriteAsync("short and stout");
            return true;
        };

        using var teapot = await client.GetAsync(new Uri(backend.BaseAddress, "teapot"));
        using var other = await client.GetAsync(backend.BaseAddress);

        ((int)teapot.StatusCode).Should().Be(418);
        (await teapot.Content.ReadAsStringAsync()).Should().Be("short and stout");
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        backend.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Reset_AfterTraffic_ClearsCountersRecordingAndKnobs()
    {
        await using var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.StatusCode = 500;
        backend.FailNext(5, 502);
        backend.RetryAfter = TimeSpan.FromSeconds(1);
        using (await client.GetAsync(backend.BaseAddress))
        {
        }

        backend.Reset();
        backend.RequestCount.Should().Be(0);
        backend.Requests.Should().BeEmpty();
        using var response = await client.GetAsync(backend.BaseAddress);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.RetryAfter.Should().BeNull();
        backend.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task DisposeAsync_RequestDelayedForever_AbortsItAndReturnsPromptly()
    {
        var backend = await LoopbackBackend.StartAsync("a");
        using var client = NewClient();
        backend.Delay = TimeSpan.FromMinutes(5);
        var call = client.GetAsync(backend.BaseAddress);
        await backend.WaitForRequestsAsync(1, Bounded);

        var stopwatch = Stopwatch.StartNew();
        await backend.DisposeAsync();
        stopwatch.Stop();

        stopwatch.Elapsed.Should().BeLessThan(LoopbackBackend.ShutdownTimeout, "stopping cancels delays instead of waiting them out");
        await FluentActions.Awaiting(() => call).Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task LoopbackCluster_ThreeNames_DistinctPortsEachAnsweringWithItsName()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        using var client = NewClient();

        var names = new List<string>();
        foreach (var address in cluster.BaseAddresses)
        {
            using var response = await client.GetAsync(address);
            names.Add(response.Headers.GetValues("X-Backend").Single());
        }

        cluster.Backends.Select(b => b.Port).Should().OnlyHaveUniqueItems();
        names.Should().Equal("a", "b", "c");
        cluster["b"].Name.Should().Be("b");
        cluster.TotalRequestCount.Should().Be(3);
    }

    private static HttpClient NewClient() =>
        new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = Bounded };
}
