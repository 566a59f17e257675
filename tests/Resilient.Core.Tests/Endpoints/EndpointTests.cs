namespace Resilient.Core.Tests.Endpoints;

public sealed class EndpointTests
{
    [Fact]
    public void Constructor_Defaults_NameFromAuthorityAndPath()
    {
        new Endpoint("https://catalog-1:8443/").Name.Should().Be("catalog-1:8443");
        new Endpoint("https://catalog-1/").Name.Should().Be("catalog-1");
        new Endpoint("https://10.0.0.5:8443/api/").Name.Should().Be("10.0.0.5:8443/api");
        new Endpoint("tcp://replica-2:5432").Weight.Should().Be(1);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("htp//x")]
    public void Constructor_NotAbsolute_Throws(string address)
    {
        var act = () => new Endpoint(address);

        act.Should().Throw<ArgumentException>().WithParameterName("address").WithMessage($"*'{address}'*absolute*");
    }

    [Fact]
    public void Constructor_BadWeightOrTier_NamesTheArgument()
    {
        var uri = new Uri("http://a.test/");

        FluentActions.Invoking(() => new Endpoint(uri, weight: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("weight");
        FluentActions.Invoking(() => new Endpoint(uri, tier: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("tier");
        FluentActions.Invoking(() => new Endpoint(uri, name: " ")).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void Metadata_IsCopiedAndReadOnly()
    {
        var source = new Dictionary<string, string> { ["rack"] = "r1" };
        var endpoint = new Endpoint(new Uri("http://a.test/"), metadata: source, zone: "eu-1", tier: 2);
        source["rack"] = "changed";

        endpoint.Metadata["rack"].Should().Be("r1");
        (endpoint.Zone, endpoint.Tier).Should().Be(("eu-1", 2));
    }
}
