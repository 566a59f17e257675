using System.Net;
using Microsoft.Extensions.ServiceDiscovery;
using Resilient.ServiceDiscovery;

namespace Resilient.ServiceDiscovery.Tests.Discovery;

public sealed class DiscoveredEndpointMapperTests
{
    private static readonly ServiceAddress Http = ServiceAddress.Parse("http://catalog");
    private static readonly ServiceAddress HttpsFirst = ServiceAddress.Parse("https+http://catalog");
    private static readonly ServiceAddress WithBasePath = ServiceAddress.Parse("http://catalog/api/");

    [Theory]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080/")]
    [InlineData("https://catalog-1:8443/v1", "https://catalog-1:8443/v1/")]
    [InlineData("https://catalog-1:443/", "https://catalog-1/")]
    public void TryMap_Uri_KeepsSchemeHostPortAndPath(string discovered, string expected)
    {
        var endpoint = Map(new UriEndPoint(new Uri(discovered)), HttpsFirst);

        endpoint.Address.AbsoluteUri.Should().Be(expected);
        endpoint.Weight.Should().Be(1);
        endpoint.Tier.Should().Be(0);
        endpoint.Zone.Should().BeNull();
    }

    [Fact]
    public void TryMap_IPAndPort_TakesTheServiceNamesPreferredScheme()
    {
        Map(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 8443), HttpsFirst).Address.AbsoluteUri.Should().Be("https://10.0.0.5:8443/");
        Map(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 8080), Http).Address.AbsoluteUri.Should().Be("http://10.0.0.5:8080/");
    }

    [Fact]
    public void TryMap_IPv6_IsBracketed()
    {
        var endpoint = Map(new IPEndPoint(IPAddress.IPv6Loopback, 5000), Http);

        endpoint.Address.AbsoluteUri.Should().Be("http://[::1]:5000/");
        endpoint.Name.Should().Be("[::1]:5000");
    }

    [Fact]
    public void TryMap_HostWithoutPort_UsesTheSchemesDefaultPort()
    {
        Map(new DnsEndPoint("catalog-1.internal", 0), HttpsFirst).Address.AbsoluteUri.Should().Be("https://catalog-1.internal/");
        Map(new DnsEndPoint("catalog-1.internal", 8080), Http).Address.AbsoluteUri.Should().Be("http://catalog-1.internal:8080/");
    }

    [Fact]
    public void TryMap_ServiceNameWithBasePath_AppendsItAfterTheEndpointsOwnPath()
    {
        Map(new IPEndPoint(IPAddress.Loopback, 5000), WithBasePath).Address.AbsoluteUri.Should().Be("http://127.0.0.1:5000/api/");
        Map(new UriEndPoint(new Uri("http://10.0.0.5:8080/v1/")), WithBasePath).Address.AbsoluteUri.Should().Be("http://10.0.0.5:8080/v1/api/");
        Map(new UriEndPoint(new Uri("http://10.0.0.5:8080/v1/")), WithBasePath).Name.Should().Be("10.0.0.5:8080/v1/api");
    }

    [Fact]
    public void TryMap_NonHttpUri_IsLeftOutWithAReason()
    {
        var endpoint = DiscoveredEndpointMapper.TryMap(ServiceEndpoint.Create(new UriEndPoint(new Uri("tcp://10.0.0.5:9000"))), Http, out var problem);

        endpoint.Should().BeNull();
        problem.Should().Contain("'tcp' is neither http nor https");
    }

    [Fact]
    public void TryMap_Feature_SetsWeightTierZoneNameAndMetadata()
    {
        var discovered = ServiceEndpoint.Create(new IPEndPoint(IPAddress.Loopback, 5000));
        discovered.Features.Set<IResilientEndpointFeature>(new ResilientEndpointFeature
        {
            Name = "catalog-eu-1",
            Weight = 3,
            Tier = 1,
            Zone = "eu-1",
            Metadata = new Dictionary<string, string> { ["version"] = "2" },
        });

        var endpoint = DiscoveredEndpointMapper.TryMap(discovered, Http, out _)!;

        endpoint.Name.Should().Be("catalog-eu-1");
        endpoint.Weight.Should().Be(3);
        endpoint.Tier.Should().Be(1);
        endpoint.Zone.Should().Be("eu-1");
        endpoint.Metadata.Should().Contain("version", "2");
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, -1, null)]
    [InlineData(1, 0, " ")]
    public void TryMap_InvalidFeature_IsLeftOutWithAReason(int weight, int tier, string? name)
    {
        var discovered = ServiceEndpoint.Create(new IPEndPoint(IPAddress.Loopback, 5000));
        discovered.Features.Set<IResilientEndpointFeature>(new ResilientEndpointFeature { Weight = weight, Tier = tier, Name = name });

        var endpoint = DiscoveredEndpointMapper.TryMap(discovered, Http, out var problem);

        endpoint.Should().BeNull();
        problem.Should().Contain("IResilientEndpointFeature is invalid");
    }

    [Fact]
    public void Map_RepeatedAddressesAndUnusableEndpoints_KeepsEachAddressOnce_AndReportsWhatItLeftOut()
    {
        ServiceEndpoint[] discovered =
        [
            ServiceEndpoint.Create(new IPEndPoint(IPAddress.Loopback, 5000)),
            ServiceEndpoint.Create(new UriEndPoint(new Uri("http://127.0.0.1:5000/"))),
            ServiceEndpoint.Create(new UriEndPoint(new Uri("ftp://127.0.0.1:21/"))),
            ServiceEndpoint.Create(new IPEndPoint(IPAddress.Loopback, 5001)),
        ];
        var skipped = new List<string>();

        var endpoints = DiscoveredEndpointMapper.Map(discovered, Http, skipped);

        endpoints.Select(e => e.Address.AbsoluteUri).Should().Equal("http://127.0.0.1:5000/", "http://127.0.0.1:5001/");
        skipped.Should().ContainSingle().Which.Should().Contain("ftp");
    }

    private static Endpoint Map(EndPoint endPoint, ServiceAddress service)
    {
        var endpoint = DiscoveredEndpointMapper.TryMap(ServiceEndpoint.Create(endPoint), service, out var problem);
        endpoint.Should().NotBeNull(problem);
        return endpoint!;
    }
}
