namespace Resilient.Http.Tests.Handlers;

public sealed class RequestAddressTests
{
    public static TheoryData<string, string> Addresses => new()
    {
        { "http://10.0.0.1:8080/", "http://catalog/items/7?expand=true" },
        { "http://10.0.0.1:8080/api/v2/", "http://catalog/items?q=a%20b&x=%2F" },
        { "https://[::1]:8443/base", "http://catalog/a/../b/./c?x" },
        { "http://bücher.example/", "http://catalog/%E2%82%AC/%7Euser?%3D=%26" },
        { "http://host/", "http://catalog//double//slash" },
        { "http://host:81/p%20q/", "http://catalog/ünïcode path/x?y=ü#fragment" },
        { "http://host/", "http://catalog/" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Combine_AbsoluteRequest_EqualsAFullyCanonicalizedParse(string endpoint, string request)
    {
        var target = new Endpoint(new Uri(endpoint));
        var requestUri = new Uri(request);

        var combined = RequestAddress.Combine(target, requestUri);
        var reference = new Uri(new Uri(endpoint).GetLeftPart(UriPartial.Authority) + new Uri(endpoint).AbsolutePath.TrimEnd('/') + requestUri.PathAndQuery, UriKind.Absolute);

        combined.AbsoluteUri.Should().Be(reference.AbsoluteUri);
        combined.PathAndQuery.Should().Be(reference.PathAndQuery);
        combined.IdnHost.Should().Be(reference.IdnHost);
        combined.Port.Should().Be(reference.Port);
    }

    [Fact]
    public void Combine_RelativeRequest_IsCanonicalized()
    {
        var combined = RequestAddress.Combine(new Endpoint(new Uri("http://host/api/")), new Uri("items/../orders?x=a b", UriKind.Relative));

        combined.PathAndQuery.Should().Be("/api/orders?x=a%20b");
    }
}
