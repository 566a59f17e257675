using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Resilient;

// Two local backends; one dies halfway. The console exporter prints Resilient's spans (one per attempt, under the
// caller's activity) and metrics (requests by outcome, durations, ejections, availability, retries).
await using var healthy = await StartBackendAsync("healthy");
await using var doomed = await StartBackendAsync("doomed");

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(TelemetryNames.Source).AddSource("Sample").AddConsoleExporter())
    .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Source).AddConsoleExporter());
builder.Services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
    .AddEndpointGroup("catalog", group =>
    {
        group.LoadBalancer = LoadBalancers.RoundRobin;
        group.Endpoints.Add(new EndpointOptions { Address = Address(healthy), Name = "healthy" });
        group.Endpoints.Add(new EndpointOptions { Address = Address(doomed), Name = "doomed" });
    });
using var host = builder.Build();
await host.StartAsync();

var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
using var source = new System.Diagnostics.ActivitySource("Sample");
for (var i = 0; i < 10; i++)
{
    if (i == 5)
    {
        await doomed.StopAsync();
        Console.WriteLine("--- 'doomed' stopped ---");
    }

    using var call = source.StartActivity("checkout");
    using var response = await client.GetAsync($"/items/{i}");
    Console.WriteLine($"call {i}: {(int)response.StatusCode} from {await response.Content.ReadAsStringAsync()}");
}

await host.StopAsync(); // flushes the exporters
return 0;

static string Address(WebApplication app) => app.Urls.First() + "/";

static async Task<WebApplication> StartBackendAsync(string name)
{
    var backend = WebApplication.CreateSlimBuilder();
    backend.Logging.ClearProviders();
    backend.WebHost.UseUrls("http://127.0.0.1:0");
    var app = backend.Build();
    app.MapGet("/{**path}", () => name);
    await app.StartAsync();
    return app;
}
