using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.ServiceDiscovery;
using Resilient.ServiceDiscovery.Tests.Integration;

namespace Resilient.ServiceDiscovery.Tests.DependencyInjection;

public sealed class ServiceDiscoveryEndpointGroupHttpClientBuilderExtensionsTests
{
    [Fact]
    public async Task AddEndpointGroupFromServiceDiscovery_TwoClientsOfOneService_ShareOneGroup()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var services = ServicesWith(("Services:catalog:http:0", cluster["a"].BaseAddress.ToString()));
        services.AddHttpClient("first", c => c.BaseAddress = new Uri("http://catalog")).AddEndpointGroupFromServiceDiscovery("http://catalog");
        services.AddHttpClient("second", c => c.BaseAddress = new Uri("http://catalog")).AddEndpointGroupFromServiceDiscovery("http://catalog");
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using (var first = await factory.CreateClient("first").GetAsync("/x"))
        using (var second = await factory.CreateClient("second").GetAsync("/y"))
        {
            first.IsSuccessStatusCode.Should().BeTrue();
            second.IsSuccessStatusCode.Should().BeTrue();
        }

        services.Count(d => d.ServiceType == typeof(IServiceEndpointProviderFactory)).Should().Be(1, "the configuration provider is registered once");
        provider.GetRequiredKeyedService<EndpointGroup>("catalog").FindRuntime(cluster["a"].BaseAddress.Authority)!.CompletedCount.Should().Be(2);
    }

    [Fact]
    public void AddEndpointGroupFromServiceDiscovery_GroupAlreadyHasItsOwnEndpoints_Throws()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddEndpointGroup("catalog", g => g.Endpoints.Add(new EndpointOptions { Address = "http://127.0.0.1:1" }));

        var add = () => services.AddHttpClient("b").AddEndpointGroupFromServiceDiscovery("http://catalog");

        add.Should().Throw<InvalidOperationException>().WithMessage("*'catalog' is already registered with endpoints of its own*");
    }

    [Fact]
    public void AddEndpointGroupFromServiceDiscovery_SameGroupAnotherService_Throws()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddEndpointGroupFromServiceDiscovery("http://catalog");

        var add = () => services.AddHttpClient("b").AddEndpointGroupFromServiceDiscovery("http://catalog/v2/");

        add.Should().Throw<InvalidOperationException>().WithMessage("*already takes its endpoints from service discovery of 'http://catalog'*");
    }

    [Fact]
    public void AddEndpointGroupFromServiceDiscovery_ProvidersAlreadyRegistered_AddsNone()
    {
        var services = new ServiceCollection();
        services.AddServiceDiscovery();
        var before = services.Count(d => d.ServiceType == typeof(IServiceEndpointProviderFactory));

        services.AddHttpClient("a").AddEndpointGroupFromServiceDiscovery("http://catalog");

        services.Count(d => d.ServiceType == typeof(IServiceEndpointProviderFactory)).Should().Be(before);
    }

    [Fact]
    public void AddEndpointGroupFromServiceDiscovery_BadServiceName_Throws()
    {
        var add = () => new ServiceCollection().AddHttpClient("a").AddEndpointGroupFromServiceDiscovery("grpc://catalog");

        add.Should().Throw<ArgumentException>().WithMessage("*neither http nor https*");
    }

    [Fact]
    public async Task HostWithValidateOnStart_StartsBeforeAnythingIsDiscovered()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHttpClient("catalog", c => c.BaseAddress = new Uri("http://catalog"))
            .AddEndpointGroupFromServiceDiscovery("http://catalog", g => g.LoadBalancer = LoadBalancers.PowerOfTwoChoices);
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var group = host.Services.GetRequiredKeyedService<EndpointGroup>("catalog");
        group.Endpoints.Should().BeEmpty();
        group.LoadBalancerName.Should().Be(LoadBalancers.PowerOfTwoChoices);
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ResolvingTheGroup_WithoutAnyClient_StartsDiscovery()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var services = ServicesWith(("Services:catalog:http:0", cluster["a"].BaseAddress.ToString()));
        services.AddHttpClient("catalog").AddEndpointGroupFromServiceDiscovery("http://catalog");
        await using var provider = services.BuildServiceProvider();

        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");

        await Eventually.TrueAsync(() => group.Endpoints.Count == 1, "the group resolves as soon as it exists");
    }

    [Fact]
    public async Task DisposingTheContainer_StopsDiscovery()
    {
        var services = ServicesWith(("Services:catalog:http:0", "http://127.0.0.1:1/"));
        services.AddHttpClient("catalog").AddEndpointGroupFromServiceDiscovery("http://catalog");
        var provider = services.BuildServiceProvider();
        var group = provider.GetRequiredKeyedService<EndpointGroup>("catalog");
        var updater = provider.GetRequiredKeyedService<ServiceDiscoveryGroupUpdater>("catalog");
        await Eventually.TrueAsync(() => group.Endpoints.Count == 1, "the group resolves");

        await provider.DisposeAsync();

        await updater.Loop.WaitAsync(TimeSpan.FromSeconds(5));
        updater.FirstResolution.IsCompleted.Should().BeTrue();
    }

    private static ServiceCollection ServicesWith(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        return services;
    }
}
