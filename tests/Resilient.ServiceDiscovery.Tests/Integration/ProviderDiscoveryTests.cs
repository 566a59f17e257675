using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.Extensions.Time.Testing;

namespace Resilient.ServiceDiscovery.Tests.Integration;

/// <summary>
/// Groups fed by a provider that answers with host and port, as DNS and DNS SRV do, and signals changes through a
/// cancellation change token (their TTL refresh), against real loopback backends.
/// </summary>
public sealed class ProviderDiscoveryTests
{
    [Fact]
    public async Task HostAndPortEndpoints_TakeTheServiceScheme_AndTheFeaturesWeightTierAndZone()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var scripted = new ScriptedEndpointProviderFactory();
        scripted.Set(
            At(cluster["a"], new ResilientEndpointFeature { Name = "a", Weight = 3, Zone = "eu-1" }),
            At(cluster["b"], new ResilientEndpointFeature { Name = "b", Tier = 1, Zone = "eu-2" }));
        await using var provider = Build(scripted);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory").GetAsync("/stock");

        response.IsSuccessStatusCode.Should().BeTrue();
        cluster["a"].RequestCount.Should().Be(1, "tier 0 takes the call");
        var group = provider.GetRequiredKeyedService<EndpointGroup>("inventory");
        group.Endpoints.Select(e => (e.Name, e.Address, e.Weight, e.Tier, e.Zone)).Should().Equal(
            ("a", cluster["a"].BaseAddress, 3, 0, "eu-1"),
            ("b", cluster["b"].BaseAddress, 1, 1, "eu-2"));
    }

    [Fact]
    public async Task ChangeTokenFires_TheGroupFollows_KeepingTheRuntimeOfEndpointsThatStay()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        var scripted = new ScriptedEndpointProviderFactory();
        scripted.Set(At(cluster["a"]), At(cluster["b"]));
        await using var provider = Build(scripted);
        var group = provider.GetRequiredKeyedService<EndpointGroup>("inventory");
        await Eventually.TrueAsync(() => group.Endpoints.Count == 2, "the first resolution fills the group");
        var runtimeB = group.FindRuntime(cluster["b"].BaseAddress.Authority);

        scripted.Set(At(cluster["b"]), At(cluster["c"]));

        await Eventually.TrueAsync(
            () => group.Endpoints.Select(e => e.Address).SequenceEqual([cluster["b"].BaseAddress, cluster["c"].BaseAddress]),
            "the change token brings the new set");
        group.FindRuntime(cluster["b"].BaseAddress.Authority).Should().BeSameAs(runtimeB);
    }

    [Fact]
    public async Task ResolutionFails_IsLoggedAndRetried_AndTheLastEndpointsStayInForce()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        var scripted = new ScriptedEndpointProviderFactory();
        scripted.Set(At(cluster["a"]));
        var logs = new FakeLogCollector();
        await using var provider = Build(scripted, logs);
        var group = provider.GetRequiredKeyedService<EndpointGroup>("inventory");
        await Eventually.TrueAsync(() => group.Endpoints.Count == 1, "the first resolution fills the group");

        scripted.Fail(new InvalidOperationException("registry unavailable"));
        await Eventually.TrueAsync(() => logs.GetSnapshot().Any(r => r.Id.Id == 1102), "the failure is logged");
        var failure = logs.GetSnapshot().First(r => r.Id.Id == 1102);
        failure.Level.Should().Be(LogLevel.Warning);
        failure.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("registry unavailable");
        group.Endpoints.Select(e => e.Address).Should().Equal(cluster["a"].BaseAddress);

        // A retry (1 s, then 2 s, ... later) resolves again and picks up what changed meanwhile.
        scripted.Set(At(cluster["a"]), At(cluster["b"]));
        await Eventually.TrueAsync(() => group.Endpoints.Count == 2, "the retry succeeds");
        logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1101 && r.Level == LogLevel.Information);
    }

    [Fact]
    public async Task UnusableEndpoint_IsLeftOutAndLogged_TheOthersServe()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var scripted = new ScriptedEndpointProviderFactory();
        scripted.Set(ServiceEndpoint.Create(new UriEndPoint(new Uri("tcp://127.0.0.1:9"))), At(cluster["a"]));
        var logs = new FakeLogCollector();
        await using var provider = Build(scripted, logs);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory").GetAsync("/stock");

        response.IsSuccessStatusCode.Should().BeTrue();
        provider.GetRequiredKeyedService<EndpointGroup>("inventory").Endpoints.Should().ContainSingle();
        logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1104).Which.Message.Should().Contain("'tcp' is neither http nor https");
    }

    [Fact]
    public async Task FirstCall_WaitsForTheFirstResolution()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var scripted = new ScriptedEndpointProviderFactory { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        scripted.Set(At(cluster["a"]));
        await using var provider = Build(scripted);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");

        var call = client.GetAsync("/stock");
        await Task.Delay(200);
        call.IsCompleted.Should().BeFalse("the call waits while the provider is still resolving");
        scripted.Gate.SetResult();

        using var response = await call.WaitAsync(Eventually.Timeout);
        response.IsSuccessStatusCode.Should().BeTrue();
        cluster["a"].RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task FirstResolutionHangs_CallsGoAheadAfterTheWait_AndFailFastNamingTheGroup()
    {
        var time = new FakeTimeProvider();
        var scripted = new ScriptedEndpointProviderFactory { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var provider = Build(scripted, time: time);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");

        var call = client.GetAsync("/stock");
        for (var i = 0; i < 200 && !call.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        var outcome = () => call.WaitAsync(Eventually.Timeout);
        (await outcome.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("inventory");
        scripted.Gate.SetResult();
    }

    private static ServiceProvider Build(ScriptedEndpointProviderFactory scripted, FakeLogCollector? logs = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        }

        // Registered first, as DNS SRV would be (AddDnsSrvServiceEndpointProvider): the configuration provider is then not added.
        services.AddServiceDiscoveryCore();
        services.AddSingleton<IServiceEndpointProviderFactory>(scripted);
        services.AddHttpClient("inventory", c => c.BaseAddress = new Uri("https+http://inventory"))
            .AddEndpointGroupFromServiceDiscovery("http://inventory", group => group.LoadBalancer = LoadBalancers.RoundRobin);
        return services.BuildServiceProvider();
    }

    private static ServiceEndpoint At(LoopbackBackend backend, ResilientEndpointFeature? feature = null)
    {
        var endpoint = ServiceEndpoint.Create(new IPEndPoint(IPAddress.Loopback, backend.Port));
        if (feature is not null)
        {
            endpoint.Features.Set<IResilientEndpointFeature>(feature);
        }

        return endpoint;
    }
}
