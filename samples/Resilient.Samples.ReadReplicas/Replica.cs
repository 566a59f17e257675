using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Resilient.Samples.ReadReplicas;

/// <summary>A stand-in for a database read replica: a TCP server on 127.0.0.1 answering one line per connection.</summary>
internal sealed class Replica : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Replica(string name)
    {
        Name = name;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public string Name { get; }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var query = await reader.ReadLineAsync(_stop.Token);
            var answer = Encoding.UTF8.GetBytes($"{query} -> 42 rows (from {Name})\n");
            await stream.WriteAsync(answer, _stop.Token);
        }
    }
}
