namespace Resilient.Core.Tests.Health.Probing;

/// <summary>One call to <see cref="FakeProbe"/>: which endpoint, when, its token, and its index among that endpoint's calls.</summary>
internal sealed record ProbeCall(string Name, DateTimeOffset At, CancellationToken Token, int Index);

/// <summary>
/// A probe whose every answer the test decides; records each call and how many calls of one endpoint were ever
/// unfinished at once. It returns the behaviour's task itself, so completing it from the test completes the call at
/// once (no wrapper continuation that the test's synchronization context could delay).
/// </summary>
internal sealed class FakeProbe(TimeProvider time, Func<ProbeCall, ValueTask<ProbeResult>>? behaviour = null) : IEndpointProbe
{
    private readonly Lock _lock = new();
    private readonly List<(ProbeCall Call, Task? Pending)> _calls = [];
    private int _maxInFlightPerEndpoint;

    public Func<ProbeCall, ValueTask<ProbeResult>> Behaviour { get; set; } = behaviour ?? (_ => new ValueTask<ProbeResult>(ProbeResult.Healthy));

    public IReadOnlyList<ProbeCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.Select(c => c.Call).ToArray();
            }
        }
    }

    /// <summary>The most calls of one endpoint that were ever unfinished together.</summary>
    public int MaxInFlightPerEndpoint
    {
        get
        {
            lock (_lock)
            {
                return _maxInFlightPerEndpoint;
            }
        }
    }

    public int CallsTo(string name) => Calls.Count(c => c.Name == name);

    public ValueTask<ProbeResult> ProbeAsync(Endpoint endpoint, CancellationToken cancellationToken)
    {
        int index;
        lock (_lock)
        {
            var earlier = _calls.Where(c => c.Call.Name == endpoint.Name).ToList();
            index = earlier.Count;
            var inFlight = 1 + earlier.Count(c => c.Pending is { IsCompleted: false });
            _maxInFlightPerEndpoint = Math.Max(_maxInFlightPerEndpoint, inFlight);
        }

        var call = new ProbeCall(endpoint.Name, time.GetUtcNow(), cancellationToken, index);
        try
        {
            var result = Behaviour(call);
            Add(call, result.IsCompleted ? null : result.AsTask());
            return result;
        }
        catch
        {
            Add(call, null);
            throw;
        }
    }

    private void Add(ProbeCall call, Task? pending)
    {
        lock (_lock)
        {
            _calls.Add((call, pending));
        }
    }
}
