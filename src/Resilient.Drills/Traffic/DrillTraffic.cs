using System.Globalization;

namespace Resilient.Drills;

/// <summary>
/// The calls a drill makes while it runs: a built-in GET loop on an <see cref="HttpClient"/>, or the caller's own
/// callback, at a set rate with at most a set number in flight. What the caller of each call sees (an exception,
/// a failure status, <see langword="false"/>) is what the report counts as a failed call.
/// </summary>
public sealed class DrillTraffic
{
    private DrillTraffic(string description, double requestsPerSecond, int concurrency, Func<CancellationToken, ValueTask<string?>> call)
    {
        if (double.IsNaN(requestsPerSecond) || double.IsInfinity(requestsPerSecond) || requestsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be a positive number of calls per second.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Description = description;
        RequestsPerSecond = requestsPerSecond;
        Concurrency = concurrency;
        Call = call;
    }

    /// <summary>Gets what the traffic is, in words.</summary>
    public string Description { get; }

    /// <summary>Gets the calls started per second (fewer when <see cref="Concurrency"/> calls are all in flight).</summary>
    public double RequestsPerSecond { get; }

    /// <summary>Gets the most calls in flight at once.</summary>
    public int Concurrency { get; }

    /// <summary>Gets one call: null when it succeeded, else what the caller saw.</summary>
    internal Func<CancellationToken, ValueTask<string?>> Call { get; }

    /// <summary>GETs <paramref name="path"/> with <paramref name="client"/> (typically a client whose <c>BaseAddress</c> is the group); a 2xx answer is a success.</summary>
    /// <param name="client">The client, for example from <c>IHttpClientFactory</c> with <c>AddEndpointGroup</c>.</param>
    /// <param name="path">The path to GET, relative to the client's base address.</param>
    /// <param name="requestsPerSecond">Calls started per second; positive.</param>
    /// <param name="concurrency">The most calls in flight at once; at least 1.</param>
    /// <returns>The traffic source.</returns>
    public static DrillTraffic Http(HttpClient client, string path = "/", double requestsPerSecond = 50, int concurrency = 8)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var uri = new Uri(path, UriKind.RelativeOrAbsolute);
        return new DrillTraffic(
            $"GET {path} at {requestsPerSecond.ToString("0.##", CultureInfo.InvariantCulture)}/s, up to {concurrency} in flight",
            requestsPerSecond,
            concurrency,
            async cancellationToken =>
            {
                using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
            });
    }

    /// <summary>Calls <paramref name="call"/>; <see langword="true"/> is a success, <see langword="false"/> or an exception a failed call.</summary>
    /// <param name="call">One call, as the application makes it.</param>
    /// <param name="requestsPerSecond">Calls started per second; positive.</param>
    /// <param name="concurrency">The most calls in flight at once; at least 1.</param>
    /// <param name="description">What the calls are, for the report.</param>
    /// <returns>The traffic source.</returns>
    public static DrillTraffic Callback(Func<CancellationToken, ValueTask<bool>> call, double requestsPerSecond = 50, int concurrency = 8, string description = "callback")
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        return new DrillTraffic(
            $"{description} at {requestsPerSecond.ToString("0.##", CultureInfo.InvariantCulture)}/s, up to {concurrency} in flight",
            requestsPerSecond,
            concurrency,
            async cancellationToken => await call(cancellationToken).ConfigureAwait(false) ? null : "the callback returned false");
    }
}
