using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilient.Benchmarks;

/// <summary>
/// A Kestrel server in the benchmark's process on three 127.0.0.1 ports (port 0, so nothing collides) that answers every
/// request with a 2-byte body and its Content-Length, as a small JSON API would.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>Gets the base address of each port (<c>http://127.0.0.1:PORT/</c>).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Starts the server; returns once all ports listen.</summary>
    public static async Task<LoopbackServer> StartAsync(int ports = 3)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < ports; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var body = "ok"u8.ToArray();
        app.Run(context =>
        {
            context.Response.ContentLength = body.Length;
            context.Response.ContentType = "text/plain";
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))
            .ToArray();
        return new LoopbackServer(app, addresses);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
