namespace Resilient.Demo;

/// <summary>The demo's service instances: two primaries in each of two zones, and a standby tier of two.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private Fleet(DemoBackend[] backends) => Backends = backends;

    public IReadOnlyList<DemoBackend> Backends { get; }

    public IEnumerable<DemoBackend> Primaries => Backends.Where(b => TierOf(b.Name) == 0);

    public DemoBackend this[string name] => Backends.Single(b => b.Name == name);

    public static async Task<Fleet> StartAsync()
    {
        var work = TimeSpan.FromMilliseconds(4);
        var backends = await Task.WhenAll(new[] { "a1", "a2", "b1", "b2", "dr1", "dr2" }.Select(name => DemoBackend.StartAsync(name, work)));
        return new Fleet(backends);
    }

    public static string ZoneOf(string name) => name.StartsWith("dr", StringComparison.Ordinal) ? "dr" : $"eu-{name[0]}";

    public static int TierOf(string name) => name.StartsWith("dr", StringComparison.Ordinal) ? 1 : 0;

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }
    }
}
