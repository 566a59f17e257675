using Resilient.ServiceDiscovery;

namespace Resilient.ServiceDiscovery.Tests.Discovery;

public sealed class ServiceAddressTests
{
    [Theory]
    [InlineData("catalog", "catalog", "catalog", "http", "")]
    [InlineData("http://catalog", "http://catalog", "catalog", "http", "")]
    [InlineData("https+http://catalog", "https+http://catalog", "catalog", "https", "")]
    [InlineData("http+https://catalog", "http+https://catalog", "catalog", "http", "")]
    [InlineData("https://_grpc.catalog", "https://_grpc.catalog", "_grpc.catalog", "https", "")]
    [InlineData("http://catalog/api", "http://catalog", "catalog", "http", "/api/")]
    [InlineData("https+http://Catalog/api/v2/", "https+http://catalog", "catalog", "https", "/api/v2/")]
    [InlineData("catalog/api/", "catalog", "catalog", "http", "/api/")]
    public void Parse_ServiceName_SplitsQueryGroupSchemeAndBasePath(string serviceName, string query, string group, string scheme, string basePath)
    {
        var service = ServiceAddress.Parse(serviceName);

        service.Query.Should().Be(query);
        service.GroupName.Should().Be(group);
        service.DefaultScheme.Should().Be(scheme);
        service.BasePath.Should().Be(basePath);
        service.ToString().Should().Be(serviceName);
    }

    [Theory]
    [InlineData("grpc://catalog", "neither http nor https")]
    [InlineData("http://catalog/?x=1", "no query or fragment")]
    [InlineData("http://catalog/#top", "no query or fragment")]
    [InlineData("http://", "is not a service name")]
    public void Parse_UnusableName_ThrowsNamingTheProblem(string serviceName, string message)
    {
        var parse = () => ServiceAddress.Parse(serviceName);

        parse.Should().Throw<ArgumentException>().WithMessage($"*{message}*").Which.ParamName.Should().Be("serviceName");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Blank_Throws(string serviceName)
    {
        var parse = () => ServiceAddress.Parse(serviceName);

        parse.Should().Throw<ArgumentException>();
    }
}
