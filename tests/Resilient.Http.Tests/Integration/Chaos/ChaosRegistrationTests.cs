using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Integration.Chaos;

public sealed class ChaosRegistrationTests
{
    [Fact]
    public async Task TwoClientsOfOneGroup_ShareOneController()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        var services = new ServiceCollection();
        foreach (var client in new[] { "first", "second" })
        {
            services.AddHttpClient(client, c => c.BaseAddress = new Uri("http://catalog"))
                .AddEndpointGroup("catalog", g =>
                {
                    g.Endpoints.Clear();
                    g.Endpoints.Add(new EndpointOptions { Address = cluster["a1"].BaseAddress.ToString(), Name = "a1" });
                    g.Endpoints.Add(new EndpointOptions { Address = cluster["b1"].BaseAddress.ToString(), Name = "b1" });
                })
                .AddChaos("catalog");
        }

        await using var provider = services.BuildServiceProvider();
        var chaos = provider.GetRequiredKeyedService<ChaosController>("catalog");
        chaos.Enabled = true;
        using var injection = chaos.Inject(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Endpoints = { "a1" } });

        var factory = provider.GetRequiredService<IHttpClientFactory>();
        for (var i = 0; i < 20; i++)
        {
            (await factory.CreateClient(i % 2 == 0 ? "first" : "second").GetStringAsync("/items")).Should().Be("b1");
        }

        cluster["a1"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task AddChaos_ForAGroupNobodyRegistered_FailsWithAMessageNamingIt()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddChaos("nowhere");
        await using var provider = services.BuildServiceProvider();

        var create = () => provider.GetRequiredService<IHttpClientFactory>().CreateClient("c");

        create.Should().Throw<InvalidOperationException>().WithMessage("AddChaos: no endpoint group named 'nowhere' is registered*");
    }
}
