using System.Net.Sockets;
using System.Text;
using Resilient;
using Resilient.Samples.ReadReplicas;

// Resilient beyond HTTP: queries go to three read replicas through EndpointGroup.ExecuteAsync, with the same
// selection, health and failover rules as HttpClient calls. Halfway, one replica goes away.
var replicas = new List<Replica> { new("replica-1"), new("replica-2"), new("replica-3") };
var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.LeastRequests };
foreach (var replica in replicas)
{
    options.Endpoints.Add(new EndpointOptions { Address = $"tcp://127.0.0.1:{replica.Port}", Name = replica.Name });
}

using var group = new EndpointGroup("orders-db", options);
var reads = new ExecuteOptions<string>
{
    // A refused connection never reached the replica: say so, and the read goes elsewhere at once.
    ClassifyException = error => error is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? EndpointOutcome.Unreachable : EndpointOutcome.Failure,
};

for (var i = 0; i < 12; i++)
{
    if (i == 6)
    {
        await replicas[0].DisposeAsync();
        Console.WriteLine("--- replica-1 is gone ---");
    }

    var answer = await group.ExecuteAsync((endpoint, ct) => QueryAsync(endpoint, $"SELECT * FROM orders -- #{i}", ct), reads);
    Console.WriteLine(answer);
}

foreach (var endpoint in group.GetSnapshot().Endpoints)
{
    Console.WriteLine($"{endpoint.Name,-10} {endpoint.State,-12} {endpoint.CompletedCount,3} attempts {endpoint.Reason}");
}

foreach (var replica in replicas.Skip(1))
{
    await replica.DisposeAsync();
}

return 0;

static async ValueTask<string> QueryAsync(Endpoint endpoint, string query, CancellationToken cancellationToken)
{
    using var client = new TcpClient();
    await client.ConnectAsync(endpoint.Address.Host, endpoint.Address.Port, cancellationToken);
    using var stream = client.GetStream();
    await stream.WriteAsync(Encoding.UTF8.GetBytes(query + "\n"), cancellationToken);
    using var reader = new StreamReader(stream, Encoding.UTF8);
    return await reader.ReadLineAsync(cancellationToken) ?? "(no answer)";
}
