using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Resilient;

// A user's program, built from the packed packages: configuration binding, AddEndpointGroup, failover.
// The primary handler is a stub (no network): the first endpoint refuses connections, the second answers.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Resilient:Groups:catalog:LoadBalancer"] = "FirstAvailable",
    ["Resilient:Groups:catalog:Endpoints:0:Address"] = "http://catalog-1.internal:8080/",
    ["Resilient:Groups:catalog:Endpoints:1:Address"] = "http://catalog-2.internal:8080/api/",
}).Build();

var services = new ServiceCollection();
services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
    .AddEndpointGroup(configuration.GetSection("Resilient:Groups:catalog"))
    .ConfigurePrimaryHttpMessageHandler(() => new StubHandler());
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");

using var response = await client.GetAsync("items/7");
var body = await response.Content.ReadAsStringAsync();
var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
Console.WriteLine($"{(int)response.StatusCode} {body}; endpoints: {string.Join(", ", group.GetSnapshot().Endpoints.Select(e => $"{e.Name}={e.State}"))}");
return response.StatusCode == HttpStatusCode.OK && body == "http://catalog-2.internal:8080/api/items/7" ? 0 : 1;

internal sealed class StubHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri!.Host == "catalog-1.internal"
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(request.RequestUri.ToString()) });
}
