using System.Collections.Concurrent;

namespace Resilient.Http.Tests.Integration;

/// <summary>What the callers of a run saw.</summary>
internal sealed class CallResults
{
    private readonly ConcurrentQueue<(string? Error, string? Body, TimeSpan Elapsed)> _calls = new();

    public int Count => _calls.Count;

    public IReadOnlyList<string> Errors => _calls.Where(c => c.Error is not null).Select(c => c.Error!).ToList();

    public int Failed => _calls.Count(c => c.Error is not null);

    /// <summary>Calls answered by each backend (the default response body is the backend's name).</summary>
    public Dictionary<string, int> ByBackend => _calls.Where(c => c.Error is null && c.Body is not null)
        .GroupBy(c => c.Body!).ToDictionary(g => g.Key, g => g.Count());

    public TimeSpan Percentile(double p)
    {
        var sorted = _calls.Select(c => c.Elapsed).OrderBy(t => t).ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public void Add(string? error, string? body, TimeSpan elapsed) => _calls.Enqueue((error, body, elapsed));
}
