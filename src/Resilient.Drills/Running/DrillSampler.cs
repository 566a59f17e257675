namespace Resilient.Drills;

/// <summary>Every sampling interval: the calls, attempts and extra attempts completed since the last sample, and the group's snapshot.</summary>
internal sealed class DrillSampler(EndpointGroup group, DrillRecorder recorder)
{
    private readonly List<CallEntry> _calls = [];
    private readonly List<AttemptEntry> _attempts = [];
    private readonly List<ExtraAttemptEntry> _extras = [];
    private int _callCursor;
    private int _attemptCursor;
    private int _extraCursor;
    private string _phase = "";

    public List<DrillSample> Samples { get; } = [];

    /// <summary>Gets or sets the phase the next samples belong to (written by the runner, read by the sampling loop).</summary>
    public string Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public async Task RunAsync(TimeSpan interval, Func<DrillSample, ValueTask>? onSample, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, recorder.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var sample = Take();
                if (onSample is not null)
                {
                    await onSample(sample).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The drill is over.
        }
    }

    public DrillSample Take()
    {
        _calls.Clear();
        _attempts.Clear();
        _extras.Clear();
        recorder.Calls.ReadFrom(ref _callCursor, _calls);
        recorder.Attempts.ReadFrom(ref _attemptCursor, _attempts);
        recorder.ExtraAttempts.ReadFrom(ref _extraCursor, _extras);
        var snapshot = group.GetSnapshot();
        var endpoints = new DrillEndpointSample[snapshot.Endpoints.Count];
        for (var i = 0; i < endpoints.Length; i++)
        {
            var endpoint = snapshot.Endpoints[i];
            long attempts = 0, failed = 0;
            foreach (var attempt in _attempts)
            {
                if (attempt.Endpoint == endpoint.Name)
                {
                    attempts++;
                    failed += attempt.Failed ? 1 : 0;
                }
            }

            endpoints[i] = new DrillEndpointSample
            {
                Name = endpoint.Name,
                State = endpoint.State,
                Attempts = attempts,
                FailedAttempts = failed,
                Share = _attempts.Count == 0 ? 0 : (double)attempts / _attempts.Count,
                LatencyEstimate = endpoint.LatencyEstimate,
                InFlight = endpoint.InFlight,
            };
        }

        var durations = _calls.Select(c => recorder.Time.GetElapsedTime(c.Start, c.End)).Order().ToList();
        var sample = new DrillSample
        {
            Offset = recorder.Offset(recorder.Now),
            Phase = Phase,
            Calls = _calls.Count,
            FailedCalls = _calls.Count(c => c.Error is not null),
            ExtraAttempts = _extras.Count,
            P99 = durations.Count == 0 ? null : Percentiles.Of(durations, 0.99),
            Endpoints = endpoints,
        };
        Samples.Add(sample);
        return sample;
    }
}
