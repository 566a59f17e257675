using System.Diagnostics.Metrics;

namespace Resilient.Drills;

/// <summary>
/// Records what happens during a drill: every call (from the traffic loop), every attempt and extra attempt of the
/// group (from the <c>Resilient</c> meter, filtered by the group's tag), and every health transition.
/// </summary>
internal sealed class DrillRecorder : IDisposable
{
    private readonly string _group;
    private readonly MeterListener _listener;
    private IDisposable? _health;

    public DrillRecorder(EndpointGroup group, TimeProvider time)
    {
        _group = group.Name;
        Time = time;
        Start = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TelemetryNames.Source && instrument.Name is TelemetryNames.RequestDuration or TelemetryNames.FailoverAttempts)
                {
                    listener.EnableMeasurementEvents(instrument, this);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>(static (_, seconds, tags, state) => ((DrillRecorder)state!).OnAttempt(seconds, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, _, tags, state) => ((DrillRecorder)state!).OnExtraAttempt(tags));
        _listener.Start();
        _health = group.SubscribeHealthChanges(OnHealthChange);
    }

    public TimeProvider Time { get; }

    /// <summary>Gets the timestamp the drill's offsets count from.</summary>
    public long Start { get; }

    public DateTimeOffset StartedAt { get; }

    public EntryLog<CallEntry> Calls { get; } = new();

    public EntryLog<AttemptEntry> Attempts { get; } = new();

    public EntryLog<ExtraAttemptEntry> ExtraAttempts { get; } = new();

    public EntryLog<HealthEntry> Health { get; } = new();

    public EntryLog<FaultEntry> Faults { get; } = new();

    public long Now => Time.GetTimestamp();

    public TimeSpan Offset(long timestamp) => Time.GetElapsedTime(Start, timestamp);

    /// <summary>Stops listening; what was recorded stays readable.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        Interlocked.Exchange(ref _health, null)?.Dispose();
    }

    private void OnAttempt(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? group = null, endpoint = null, outcome = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case TelemetryNames.GroupTag:
                    group = tag.Value as string;
                    break;
                case TelemetryNames.EndpointTag:
                    endpoint = tag.Value as string;
                    break;
                case TelemetryNames.OutcomeTag:
                    outcome = tag.Value as string;
                    break;
            }
        }

        if (group == _group && endpoint is not null)
        {
            var end = Time.GetTimestamp();
            var start = end - (long)(seconds * Time.TimestampFrequency);
            Attempts.Add(new AttemptEntry(start, end, endpoint, outcome ?? "unknown"));
        }
    }

    private void OnExtraAttempt(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? group = null, reason = null;
        foreach (var tag in tags)
        {
            if (tag.Key == TelemetryNames.GroupTag)
            {
                group = tag.Value as string;
            }
            else if (tag.Key == TelemetryNames.ReasonTag)
            {
                reason = tag.Value as string;
            }
        }

        if (group == _group)
        {
            ExtraAttempts.Add(new ExtraAttemptEntry(Time.GetTimestamp(), reason == "hedge"));
        }
    }

    private ValueTask OnHealthChange(EndpointHealthChange change)
    {
        Health.Add(new HealthEntry(Time.GetTimestamp(), change.Endpoint.Name, change.PreviousState, change.State));
        return ValueTask.CompletedTask;
    }
}
