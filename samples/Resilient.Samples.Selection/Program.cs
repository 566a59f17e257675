using System.Globalization;
using Resilient;
using Resilient.Samples.Selection;

// Shows how each load balancer spreads traffic over a group, how PeakEwma reacts to a slow endpoint,
// and how traffic spills to a standby tier when the primary tier loses capacity.
const int Calls = 10_000;
var quick = args.Contains("--quick");
var calls = quick ? Calls / 10 : Calls;

Console.WriteLine($"Resilient selection demo: {calls:N0} calls per scenario, endpoints a..d with weights 1,2,3,4 (d answers in 60 ms, the rest in 10 ms)");
Console.WriteLine();
foreach (var balancer in new[]
{
    LoadBalancers.RoundRobin, LoadBalancers.WeightedRoundRobin, LoadBalancers.Random, LoadBalancers.PowerOfTwoChoices,
    LoadBalancers.PeakEwma, LoadBalancers.LeastRequests, LoadBalancers.ConsistentHash, LoadBalancers.FirstAvailable,
})
{
    var clock = new SimulatedClock();
    var group = new EndpointGroup("catalog", Options(balancer), clock);
    Print(balancer, Drive(group, clock, calls));
}

Console.WriteLine();
Console.WriteLine("Tier spill (PowerOfTwoChoices): three primaries and one standby 'dr'; the primaries are drained one by one");
{
    var clock = new SimulatedClock();
    var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.PowerOfTwoChoices };
    foreach (var name in new[] { "p1", "p2", "p3" })
    {
        options.Endpoints.Add(new EndpointOptions { Address = $"https://{name}.example:8443/", Name = name });
    }

    options.Endpoints.Add(new EndpointOptions { Address = "https://dr.example:8443/", Name = "dr", Tier = 1 });
    var group = new EndpointGroup("orders", options, clock);
    foreach (var drained in new[] { "none", "p1", "p2", "p3" })
    {
        if (drained != "none")
        {
            group.Drain(drained);
        }

        Print($"drained {drained}", Drive(group, clock, calls));
    }
}

return 0;

static EndpointGroupOptions Options(string balancer)
{
    var options = new EndpointGroupOptions { LoadBalancer = balancer };
    var weight = 1;
    foreach (var name in new[] { "a", "b", "c", "d" })
    {
        options.Endpoints.Add(new EndpointOptions { Address = $"https://{name}.example:8443/api/", Name = name, Weight = weight++ });
    }

    return options;
}

// Calls run one after another; each takes its endpoint's latency on the simulated clock.
static Dictionary<string, int> Drive(EndpointGroup group, SimulatedClock clock, int calls)
{
    var counts = group.Endpoints.ToDictionary(e => e.Name, _ => 0);
    for (var i = 0; i < calls; i++)
    {
        var tried = default(TriedEndpoints);
        if (!group.TryAcquire(RequestKeys.Hash($"user-{i % 500}"), ref tried, out var lease))
        {
            continue;
        }

        var name = lease.Endpoint!.Name;
        counts[name]++;
        clock.Advance(TimeSpan.FromMilliseconds(name == "d" ? 60 : 10));
        lease.Complete(EndpointOutcome.Success);
    }

    return counts;
}

static void Print(string title, Dictionary<string, int> counts)
{
    var total = Math.Max(1, counts.Values.Sum());
    var cells = counts.Select(kv =>
    {
        var share = (double)kv.Value / total;
        return $"{kv.Key} {share.ToString("P0", CultureInfo.InvariantCulture),4} {new string('#', (int)Math.Round(share * 20)),-20}";
    });
    Console.WriteLine($"{title,-20} {string.Join("  ", cells)}");
}
