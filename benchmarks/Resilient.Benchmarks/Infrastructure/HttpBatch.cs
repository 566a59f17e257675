namespace Resilient.Benchmarks;

/// <summary>The HTTP classes' invocation: GETs one after another, each response disposed, status codes summed.</summary>
internal static class HttpBatch
{
    /// <summary>
    /// Runs <paramref name="count"/> GETs of <paramref name="url"/>. When a GET suspends, the batch continues on the
    /// pool thread that resumed it, so the measurement is the GETs, not how fast a parked thread wakes up to run one
    /// continuation (that made single-GET invocations swing by 2x between runs on 2 cores).
    /// </summary>
    public static async Task<int> GetAsync(HttpClient client, string url, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            sum += (int)response.StatusCode;
        }

        return sum;
    }
}
