using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Resilient.Http.Tests.Composition.Grpc;

namespace Resilient.Http.Tests.Composition;

/// <summary>AddGrpcClient returns an IHttpClientBuilder, so AddEndpointGroup works on it unchanged.</summary>
public sealed class GrpcCompositionTests
{
    [Fact]
    public async Task AddGrpcClient_WithAnEndpointGroup_FailsOverWhenOneServerStops()
    {
        await using var one = await GreeterServer.StartAsync("one");
        await using var two = await GreeterServer.StartAsync("two");
        var services = new ServiceCollection();
        // A fresh connection per call: a stopped server then refuses it, which is provably never sent and so fails
        // over even for gRPC's POST. On a pooled HTTP/2 connection, a call racing the server's shutdown can instead
        // die after the server accepted its stream; that may have run, so a POST is rightly not repeated (see
        // IdempotencyIntegrationTests and StaleConnectionIntegrationTests), and the test would depend on timing.
        services.AddGrpcClient<Greeter.GreeterClient>(o => o.Address = new Uri("http://greeter"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
            .AddEndpointGroup("greeter", g =>
            {
                g.LoadBalancer = LoadBalancers.RoundRobin;
                g.Endpoints.Add(new EndpointOptions { Address = one.Address, Name = "one" });
                g.Endpoints.Add(new EndpointOptions { Address = two.Address, Name = "two" });
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<Greeter.GreeterClient>();

        var before = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            before.Add((await client.SayHelloAsync(new HelloRequest { Name = "x" })).Message);
        }

        await one.StopAsync();
        var after = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            after.Add((await client.SayHelloAsync(new HelloRequest { Name = "y" })).Message);
        }

        before.Should().Contain("one says hello to x").And.Contain("two says hello to x");
        after.Should().OnlyContain(m => m == "two says hello to y", "a refused connection fails over even for gRPC's POST");
        provider.GetRequiredKeyedService<EndpointGroup>("greeter").Snapshot("one").State.Should().BeOneOf(EndpointState.Unreachable, EndpointState.InTrial);
    }

    private sealed class GreeterServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private GreeterServer(WebApplication app) => _app = app;

        public string Address => _app.Urls.First() + "/";

        public static async Task<GreeterServer> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(new ServerName(name));
            var app = builder.Build();
            app.MapGrpcService<GreeterService>();
            await app.StartAsync();
            return new GreeterServer(app);
        }

        public Task StopAsync() => _app.StopAsync();

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed record ServerName(string Value);

    private sealed class GreeterService(ServerName name) : Greeter.GreeterBase
    {
        public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
            Task.FromResult(new HelloReply { Message = $"{name.Value} says hello to {request.Name}" });
    }
}
