namespace Resilient.Core.Tests.Health.Probing;

/// <summary>What the prober told its sink.</summary>
internal sealed record SinkEvent(string Name, bool Healthy, string? Reason);

/// <summary>Records the prober's verdicts and lets a test await a number of them (bounded, for verdicts reached on another thread).</summary>
internal sealed class RecordingSink : IProbeResultSink
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private readonly List<SinkEvent> _events = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>When set, every call throws after recording (to check the prober survives a faulty sink).</summary>
    public bool Throw { get; set; }

    public IReadOnlyList<SinkEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToArray();
            }
        }
    }

    public void OnProbeHealthy(EndpointRuntime runtime) => Add(new SinkEvent(runtime.Endpoint.Name, true, null));

    public void OnProbeUnhealthy(EndpointRuntime runtime, string? reason) => Add(new SinkEvent(runtime.Endpoint.Name, false, reason));

    /// <summary>Completes once at least <paramref name="count"/> events arrived; fails the test after a generous bound.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_lock)
        {
            if (_events.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(s_bound);
        }
    }

    private void Add(SinkEvent sinkEvent)
    {
        lock (_lock)
        {
            _events.Add(sinkEvent);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_events.Count >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (Throw)
        {
            throw new InvalidOperationException("sink failure");
        }
    }
}
