namespace Resilient.TestUtils;

/// <summary>A set of named <see cref="LoopbackBackend"/>s started together and disposed together.</summary>
/// <example><code>
/// await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
/// cluster["b"].StatusCode = 503;
/// var addresses = cluster.BaseAddresses;
/// </code></example>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly LoopbackBackend[] _backends;

    private LoopbackCluster(LoopbackBackend[] backends) => _backends = backends;

    /// <summary>The backends in the order their names were given.</summary>
    public IReadOnlyList<LoopbackBackend> Backends => _backends;

    /// <summary>The base addresses in the order the names were given.</summary>
    public IReadOnlyList<Uri> BaseAddresses => Array.ConvertAll(_backends, b => b.BaseAddress);

    /// <summary>How many backends the cluster has.</summary>
    public int Count => _backends.Length;

    /// <summary>Non-health requests received by all backends together.</summary>
    public int TotalRequestCount => _backends.Sum(b => b.RequestCount);

    /// <summary>The backend at <paramref name="index"/>.</summary>
    public LoopbackBackend this[int index] => _backends[index];

    /// <summary>The backend named <paramref name="name"/> (ordinal).</summary>
    public LoopbackBackend this[string name] =>
        Array.Find(_backends, b => b.Name == name) ?? throw new KeyNotFoundException($"No backend named '{name}'.");

    /// <summary>Starts one backend per name, in parallel, each on its own port.</summary>
    public static Task<LoopbackCluster> StartAsync(params string[] names) => StartAsync(names, CancellationToken.None);

    /// <summary>Starts one backend per name, in parallel; if any fails to start, the others are disposed.</summary>
    public static async Task<LoopbackCluster> StartAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfZero(names.Count);
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException("Backend names must be distinct.", nameof(names));
        }

        var starts = names.Select(name => LoopbackBackend.StartAsync(name, cancellationToken)).ToArray();
        try
        {
            return new LoopbackCluster(await Task.WhenAll(starts));
        }
        catch
        {
            await Task.WhenAll(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask()));
            throw;
        }
    }

    /// <summary>Calls <see cref="LoopbackBackend.Reset"/> on every backend.</summary>
    public void ResetAll()
    {
        foreach (var backend in _backends)
        {
            backend.Reset();
        }
    }

    /// <summary>Disposes every backend in parallel (each bounded by <see cref="LoopbackBackend.ShutdownTimeout"/>).</summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_backends.Select(b => b.DisposeAsync().AsTask()));
}
