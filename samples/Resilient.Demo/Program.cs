using Microsoft.Extensions.DependencyInjection;
using Resilient;
using Resilient.Demo;
using Resilient.Drills;
using Spectre.Console;

// The game day: local backends in two zones and a standby tier, live traffic through an HttpClient that uses
// AddEndpointGroup, and a drill that kills, slows and breaks them and takes the whole primary tier down. Exits 1 if
// any call failed as the caller saw it.
var settings = DemoSettings.Parse(args);
if (settings is null)
{
    Console.WriteLine(DemoSettings.Usage);
    return args.Contains("--help") ? 0 : 2;
}

await using var fleet = await Fleet.StartAsync();
var services = new ServiceCollection();
services.AddHttpClient("catalog", client => client.BaseAddress = new Uri("http://catalog"))
    .AddEndpointGroup("catalog", group =>
    {
        foreach (var backend in fleet.Backends)
        {
            group.Endpoints.Add(new EndpointOptions
            {
                Address = backend.Address.ToString(),
                Name = backend.Name,
                Zone = Fleet.ZoneOf(backend.Name),
                Tier = Fleet.TierOf(backend.Name),
            });
        }

        group.LoadBalancer = LoadBalancers.PeakEwma;
        group.PassiveHealth.BaseEjectionTime = settings.BaseEjection;
        group.PassiveHealth.MaxEjectionTime = settings.BaseEjection * 2;
        group.SlowStartWindow = settings.SlowStart;

        // Probes bring a restarted backend back within a probe interval; without them, trials back off up to 30 s.
        group.ActiveHealth.Enabled = true;
        group.ActiveHealth.Interval = settings.ProbeInterval;
        group.ActiveHealth.Timeout = TimeSpan.FromMilliseconds(250);
        group.Failover.MaxAttempts = 4;
        group.Failover.AttemptTimeout = TimeSpan.FromSeconds(1);
        group.Failover.TotalTimeout = TimeSpan.FromSeconds(5);
    })
    .AddChaos("catalog", chaos => chaos.Enabled = true);

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
// Warm up connections (absolute addresses bypass the group), then the JIT and the group's latency estimates, so the
// steady phase shows steady numbers rather than the first connections' setup.
await Task.WhenAll(fleet.Backends.SelectMany(b => Enumerable.Range(0, 4).Select(async _ =>
{
    using var response = await client.GetAsync(new Uri(b.Address, "warm-up"));
})));
await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
{
    for (var i = 0; i < 10; i++)
    {
        using var response = await client.GetAsync("/items");
    }
}));
var script = GameDay.Script(fleet, settings);
var traffic = DrillTraffic.Http(client, "/items", requestsPerSecond: 100, concurrency: 16);
var options = new DrillOptions();
DrillReport report;
Console.WriteLine($"Game day on {fleet.Backends.Count} local backends ({string.Join(", ", fleet.Backends.Select(b => $"{b.Name} {b.Address.Authority}"))}): {traffic.Description}, {script.Duration.TotalSeconds:0} s");
if (settings.Plain)
{
    options.OnSample = new PlainView().OnSample;
    report = await DrillRunner.Create(provider, "catalog", options).RunAsync(script, traffic);
}
else
{
    var view = new LiveView();
    report = await AnsiConsole.Live(view.Initial).AutoClear(false).StartAsync(async context =>
    {
        options.OnSample = sample =>
        {
            context.UpdateTarget(view.Render(sample, script));
            return ValueTask.CompletedTask;
        };
        return await DrillRunner.Create(provider, "catalog", options).RunAsync(script, traffic);
    });
}

Directory.CreateDirectory(settings.Output);
var text = report.ToText();
await File.WriteAllTextAsync(Path.Combine(settings.Output, "drill-report.txt"), text);
await File.WriteAllTextAsync(Path.Combine(settings.Output, "drill-report.json"), report.ToJson());
var chart = DrillChart.SavePng(report, Path.Combine(settings.Output, "drill-chart.png"));
Console.WriteLine();
Console.Write(text);
Console.WriteLine();
Console.WriteLine($"Chart:  {chart}");
Console.WriteLine($"Report: {Path.GetFullPath(Path.Combine(settings.Output, "drill-report.json"))}");
Console.WriteLine(report.Succeeded
    ? $"PASSED: all {report.Calls:N0} calls succeeded as their callers saw them."
    : $"FAILED: {report.FailedCalls:N0} of {report.Calls:N0} calls failed as their callers saw them.");
return report.Succeeded ? 0 : 1;
