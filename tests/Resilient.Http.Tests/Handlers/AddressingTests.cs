using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Resilient.Http.Tests.Handlers;

/// <summary>
/// Where the group handler sends a request, through a real factory pipeline whose primary handler records the
/// addresses instead of opening connections: base paths, logical hosts, pass-through, and the re-addressing cache.
/// </summary>
public sealed class AddressingTests : IDisposable
{
    private readonly RecordingHandler _recorder = new();
    private readonly ServiceProvider _provider;
    private readonly HttpClient _client;

    public AddressingTests()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("catalog")
            .AddEndpointGroup("catalog", g => g.Endpoints.Add(new EndpointOptions { Address = "http://10.1.2.3:8080/base/" }))
            .ConfigurePrimaryHttpMessageHandler(() => _recorder);
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
    }

    [Theory]
    [InlineData("http://catalog/items?id=7", "http://10.1.2.3:8080/base/items?id=7")]
    [InlineData("HTTPS://CATALOG/items", "http://10.1.2.3:8080/base/items")]
    [InlineData("http://catalog:8080/items", "http://10.1.2.3:8080/base/items")]
    [InlineData("http://catalog", "http://10.1.2.3:8080/base/")]
    [InlineData("http://catalog?q=1", "http://10.1.2.3:8080/base/?q=1")]
    [InlineData("/items/1", "http://10.1.2.3:8080/base/items/1")]
    [InlineData("items/1", "http://10.1.2.3:8080/base/items/1")]
    [InlineData("http://catalog/a/./b/../c", "http://10.1.2.3:8080/base/a/c")]
    [InlineData("http://catalog/a%2Fb?x=%41", "http://10.1.2.3:8080/base/a%2Fb?x=%41")]
    [InlineData("http://user@catalog/items", "http://10.1.2.3:8080/base/items")]
    [InlineData("http://other/items", "http://other/items")]
    [InlineData("http://catalog:80@other/items", "http://catalog:80@other/items")]
    [InlineData("http://catalog.example/items", "http://catalog.example/items")]
    public async Task Send_ReAddressesLogicalAndRelativeUrisAndPassesOthersThrough(string requested, string expected)
    {
        var uri = new Uri(requested, UriKind.RelativeOrAbsolute);
        if (!uri.IsAbsoluteUri || uri.IsFile)
        {
            uri = new Uri(requested, UriKind.Relative);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);

        // HttpClient refuses relative URIs without a base address; the handler chain itself takes them.
        using var invoker = new HttpMessageInvoker(_provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("catalog"), disposeHandler: false);
        using var response = await invoker.SendAsync(request, CancellationToken.None);

        _recorder.Addresses.Should().ContainSingle().Which.AbsoluteUri.Should().Be(new Uri(expected).AbsoluteUri);
    }

    [Fact]
    public async Task Send_SameUriAgain_ReusesOneParsedAddressFromItsSecondSighting()
    {
        for (var i = 0; i < 3; i++)
        {
            using (await _client.GetAsync("http://catalog/items?id=7"))
            {
            }
        }

        using (await _client.GetAsync(new Uri("http://catalog/items?id=7")))
        {
        }

        _recorder.Addresses.Should().HaveCount(4);
        _recorder.Addresses[1].Should().NotBeSameAs(_recorder.Addresses[0], "a URL seen once is not stored: a process that never repeats one would only fill the cache with garbage");
        _recorder.Addresses[2].Should().BeSameAs(_recorder.Addresses[1], "the second sighting stores the address");
        _recorder.Addresses[3].Should().BeSameAs(_recorder.Addresses[1], "the same logical URI to the same endpoint is re-addressed once it repeats");
        _recorder.Addresses.Should().AllSatisfy(a => a.AbsoluteUri.Should().Be("http://10.1.2.3:8080/base/items?id=7"));
    }

    [Fact]
    public async Task Send_UriWithEscapesOrDotSegments_IsNotCachedButStillRight()
    {
        for (var i = 0; i < 3; i++)
        {
            using (await _client.GetAsync("http://catalog/a%20b/./c"))
            {
            }
        }

        _recorder.Addresses.Should().HaveCount(3);
        _recorder.Addresses[2].Should().NotBeSameAs(_recorder.Addresses[1], "a URL whose canonical form may differ is never stored, however often it repeats");
        _recorder.Addresses.Should().AllSatisfy(a => a.AbsoluteUri.Should().Be("http://10.1.2.3:8080/base/a%20b/c"));
    }

    [Fact]
    public async Task Send_UriWithCanonicalizationDisabled_KeepsItsPathAsTheUncachedPathWould()
    {
        var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true };
        var plain = new Uri("http://catalog/a/./b", UriKind.Absolute);
        var raw = new Uri("http://catalog/a/./b", options);
        var endpoint = new Endpoint(new Uri("http://10.1.2.3:8080/base/"));

        // The plain URI twice first (a second sighting stores a cacheable address); the raw one, with the same original
        // string, must still get what the uncached path gives it.
        foreach (var uri in new[] { plain, plain, raw })
        {
            using (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri)))
            {
            }
        }

        _recorder.Addresses[0].AbsoluteUri.Should().Be(RequestAddress.Combine(endpoint, plain).AbsoluteUri);
        _recorder.Addresses[2].AbsoluteUri.Should().Be(RequestAddress.Combine(endpoint, raw).AbsoluteUri);
    }

    [Fact]
    public async Task Send_AfterACallWithABody_TheNextCallCarriesNothingOfIt()
    {
        var body = new StringContent("first call's body");
        using var post = new HttpRequestMessage(HttpMethod.Post, "http://catalog/orders") { Content = body };
        using (await _client.SendAsync(post))
        {
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "http://catalog/items");
        using (await _client.SendAsync(get))
        {
        }

        post.Content.Should().BeSameAs(body, "the caller's own content is put back when the call ends");
        get.Content.Should().BeNull();
        _recorder.Sent.Should().HaveCount(2);
        _recorder.Sent[1].Method.Should().Be(HttpMethod.Get);
        _recorder.Sent[1].HadContent.Should().BeFalse("a reused call operation must not carry the previous call's body");
        _recorder.Sent[1].Address.AbsoluteUri.Should().Be("http://10.1.2.3:8080/base/items");
    }

    public void Dispose()
    {
        _client.Dispose();
        _provider.Dispose();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly List<Uri> _addresses = [];
        private readonly List<(HttpMethod Method, Uri Address, bool HadContent)> _sent = [];

        public IReadOnlyList<(HttpMethod Method, Uri Address, bool HadContent)> Sent
        {
            get
            {
                lock (_addresses)
                {
                    return _sent.ToArray();
                }
            }
        }

        public IReadOnlyList<Uri> Addresses
        {
            get
            {
                lock (_addresses)
                {
                    return _addresses.ToArray();
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_addresses)
            {
                _addresses.Add(request.RequestUri!);
                _sent.Add((request.Method, request.RequestUri!, request.Content is not null));
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        }
    }
}
