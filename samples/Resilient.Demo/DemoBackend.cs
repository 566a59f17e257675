using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilient.Demo;

/// <summary>
/// One service instance for the demo: a real Kestrel server on 127.0.0.1 that answers every GET with its name after a
/// few milliseconds of "work". It can be killed (its connections aborted, its port refusing) and restarted on the same port.
/// </summary>
internal sealed class DemoBackend : IAsyncDisposable
{
    private readonly TimeSpan _work;
    private WebApplication? _app;

    private DemoBackend(string name, TimeSpan work)
    {
        Name = name;
        _work = work;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public bool IsRunning => _app is not null;

    public static async Task<DemoBackend> StartAsync(string name, TimeSpan work)
    {
        var backend = new DemoBackend(name, work);
        backend._app = await backend.StartServerAsync(port: 0);
        var bound = backend._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        backend.Address = new Uri($"http://127.0.0.1:{new Uri(bound).Port}/");
        return backend;
    }

    /// <summary>Kills the server the hard way: requests in flight lose their connections, new ones are refused.</summary>
    public async Task KillAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            await app.StopAsync(new CancellationToken(canceled: true));
            await app.DisposeAsync();
        }
    }

    public async Task RestartAsync()
    {
        for (var attempt = 1; _app is null; attempt++)
        {
            try
            {
                _app = await StartServerAsync(Address.Port);
            }
            catch (IOException) when (attempt < 20)
            {
                // The port is normally free at once; this covers it being held for a moment.
                await Task.Delay(50);
            }
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task<WebApplication> StartServerAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DemoBackend).FullName });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        return app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // A little jittered work, as a real service has; the group's latency estimates learn from it.
        var work = _work * (0.9 + (0.2 * Random.Shared.NextDouble()));
        try
        {
            await Task.Delay(work, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Name, context.RequestAborted);
    }
}
