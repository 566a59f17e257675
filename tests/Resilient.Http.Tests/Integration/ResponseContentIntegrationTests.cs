using Microsoft.AspNetCore.Http;

namespace Resilient.Http.Tests.Integration;

/// <summary>What a caller reads of a response through the group is what a plain client reads from the same server.</summary>
public sealed class ResponseContentIntegrationTests
{
    [Theory]
    [InlineData(false, HttpCompletionOption.ResponseContentRead)]
    [InlineData(true, HttpCompletionOption.ResponseContentRead)]
    [InlineData(false, HttpCompletionOption.ResponseHeadersRead)]
    [InlineData(true, HttpCompletionOption.ResponseHeadersRead)]
    public async Task ContentHeadersAndBody_MatchAPlainClients(bool chunked, HttpCompletionOption completion)
    {
        await using var cluster = await LoopbackCluster.StartAsync("a");
        var body = string.Concat(Enumerable.Repeat("0123456789", 500));
        cluster["a"].Handler = async context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.ContentLanguage = "en";
            if (!chunked)
            {
                context.Response.ContentLength = body.Length;
            }

            // Flushing the headers first makes Kestrel send a chunked body when no length was set.
            await context.Response.StartAsync();
            await context.Response.WriteAsync(body[..100]);
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(body[100..]);
            return true;
        };
        await using var harness = GroupClientHarness.Create(cluster);
        using var plain = new HttpClient { BaseAddress = cluster["a"].BaseAddress };

        using var expected = await plain.GetAsync("/doc", completion);
        using var actual = await harness.Client.GetAsync("/doc", completion);

        Describe(actual).Should().Equal(Describe(expected));
        actual.Content.Headers.ContentLength.Should().Be(expected.Content.Headers.ContentLength);
        (await actual.Content.ReadAsStringAsync()).Should().Be(body);
        (await expected.Content.ReadAsStringAsync()).Should().Be(body);
        actual.Content.Headers.ContentLength.Should().Be(expected.Content.Headers.ContentLength, "once read, both know the length");
        harness.Group.Snapshot("a").InFlight.Should().Be(0);
    }

    private static string[] Describe(HttpResponseMessage response) =>
        [.. response.Content.Headers.NonValidated.Select(h => $"{h.Key}: {string.Join(",", h.Value)}").Order(StringComparer.Ordinal)];
}
