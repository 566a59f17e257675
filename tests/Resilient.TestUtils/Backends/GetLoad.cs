namespace Resilient.TestUtils;

/// <summary>
/// Background GETs through a client while a test changes things underneath: a set number of workers call in a loop
/// until stopped, until a cap on calls or after a time limit (60 s, so a failed test never leaves it running), and count the calls and those that failed as the caller saw them.
/// </summary>
internal sealed class GetLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _calls;
    private int _failures;

    private GetLoad(HttpClient client, int workers, int maxCalls, string path)
    {
        _stop.CancelAfter(TimeSpan.FromSeconds(60));
        _workers = Enumerable.Range(0, workers).Select(_ => RunAsync(client, maxCalls, path)).ToArray();
    }

    /// <summary>Gets the calls started so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets the calls that ended in an error status or an <see cref="HttpRequestException"/>.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public static GetLoad Start(HttpClient client, int workers, int maxCalls, string path = "/items") => new(client, workers, maxCalls, path);

    /// <summary>Stops the workers and waits (at most 30 s) for the calls in flight to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient client, int maxCalls, string path)
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested && Interlocked.Increment(ref _calls) <= maxCalls)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }
}
