using System.Net;

namespace Resilient.Benchmarks;

/// <summary>The primary handler of every HTTP benchmark client: answers 200 with a tiny body, no network.</summary>
/// <param name="yields">Answer after yielding the thread (as a real connection does) instead of inline.</param>
internal sealed class StubHandler(bool yields = false) : HttpMessageHandler
{
    private static readonly byte[] s_body = "ok"u8.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        yields ? AnswerLaterAsync(request) : Task.FromResult(Answer(request));

    private static HttpResponseMessage Answer(HttpRequestMessage request) =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent(s_body), RequestMessage = request };

    private static async Task<HttpResponseMessage> AnswerLaterAsync(HttpRequestMessage request)
    {
        await Task.Yield();
        return Answer(request);
    }
}
