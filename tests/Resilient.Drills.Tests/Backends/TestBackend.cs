using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilient.Drills.Tests.Backends;

/// <summary>A real Kestrel server on 127.0.0.1 (port chosen by the OS) that answers every request with its name.</summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int[] _requests;

    private TestBackend(string name, WebApplication app, Uri address, int[] requests)
    {
        Name = name;
        _app = app;
        Address = address;
        _requests = requests;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int Requests => Volatile.Read(ref _requests[0]);

    public static async Task<TestBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(TestBackend).FullName });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new int[1];
        app.Run(async context =>
        {
            Interlocked.Increment(ref requests[0]);
            await context.Response.WriteAsync(name, context.RequestAborted);
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
        return new TestBackend(name, app, new Uri($"http://127.0.0.1:{port}/"), requests);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Connections still open were aborted.
        }

        await _app.DisposeAsync();
    }
}
