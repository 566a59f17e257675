using System.Net;

namespace Resilient.Benchmarks;

/// <summary>The primary handler of every HTTP benchmark client: answers 200 with a tiny body, no network.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private static readonly byte[] s_body = "ok"u8.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(s_body), RequestMessage = request });
}
