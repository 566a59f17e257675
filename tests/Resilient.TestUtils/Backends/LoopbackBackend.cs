using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Resilient.TestUtils;

/// <summary>
/// One real Kestrel server on 127.0.0.1 for integration tests: it can be stopped (connections refused), restarted on
/// the same port, slowed, made to fail or reset connections, and it records what it received.
/// </summary>
/// <remarks>
/// Lifecycle calls (<see cref="StopAsync"/>, <see cref="RestartAsync"/>, <see cref="DisposeAsync"/>) are serialised;
/// the behaviour knobs and the recording are thread-safe and survive restarts. Shutdown is bounded by
/// <see cref="ShutdownTimeout"/>: requests still delayed when the server stops are aborted at once.
/// </remarks>
internal sealed partial class LoopbackBackend : IAsyncDisposable
{
    /// <summary>The longest a stop waits for in-flight requests before Kestrel aborts their connections.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    // Rebinding the same port normally succeeds at once (.NET sets SO_REUSEADDR on Unix, so TIME_WAIT does not block
    // it); the retries cover a port briefly held by something else. 20 x 50 ms bounds RestartAsync to about a second.
    private const int MaxBindAttempts = 20;
    private static readonly TimeSpan BindRetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private bool _disposed;

    private LoopbackBackend(string name) => Name = name;

    /// <summary>The name given at start; answered in the body and the <c>X-Backend</c> header.</summary>
    public string Name { get; }

    /// <summary>The port the server was bound to at first start; restarts reuse it.</summary>
    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Whether the server is currently accepting connections.</summary>
    public bool IsRunning => Volatile.Read(ref _app) is not null;

    /// <summary>Starts a backend on 127.0.0.1 with a port chosen by the OS.</summary>
    public static async Task<LoopbackBackend> StartAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var backend = new LoopbackBackend(name);
        var app = await backend.StartServerAsync(port: 0, cancellationToken);
        backend.Port = ReadBoundPort(app);
        backend.BaseAddress = new Uri($"http://127.0.0.1:{backend.Port}/");
        Volatile.Write(ref backend._app, app);
        return backend;
    }

    /// <summary>
    /// Stops the server: the listening socket is closed (new connections are refused), delayed requests are aborted
    /// and the others get up to <see cref="ShutdownTimeout"/> to finish. Does nothing when already stopped.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            await StopServerAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Starts the server again on the same <see cref="Port"/> (stopping it first if it is running). Counters,
    /// recording and knobs are kept. Throws <see cref="IOException"/> if the port cannot be bound after a bounded
    /// number of attempts.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopServerAsync();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Volatile.Write(ref _app, await StartServerAsync(Port, cancellationToken));
                    return;
                }
                catch (IOException) when (attempt < MaxBindAttempts)
                {
                    await Task.Delay(BindRetryDelay, cancellationToken);
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops (bounded by <see cref="ShutdownTimeout"/>) and releases the server. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            _disposed = true;
            await StopServerAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {BaseAddress} ({(IsRunning ? "running" : "stopped")})";

    private async Task<WebApplication> StartServerAsync(int port, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings/environment (so no file watchers and no ASPNETCORE_URLS surprises)
        // and has no logging providers: tests stay quiet.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(LoopbackBackend).FullName });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, port);
        });

        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        app.Run(context => HandleAsync(context, stopping));
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task StopServerAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Kestrel aborted the connections that outlived the timeout; the listener is closed either way.
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static int ReadBoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single()).Port;
    }
}
