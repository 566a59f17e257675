namespace Resilient.Drills;

/// <summary>
/// Records what happens during a drill: every call (from the traffic loop), every attempt and extra attempt of the
/// group instance (as an attempt observer: another group of the same name in the process is not counted), and every
/// health transition.
/// </summary>
internal sealed class DrillRecorder : IDisposable, IAttemptObserver
{
    private IDisposable? _attempts;
    private IDisposable? _health;

    public DrillRecorder(EndpointGroup group, TimeProvider time)
    {
        Time = time;
        Start = time.GetTimestamp();
        StartedAt = time.GetUtcNow();

        // This group instance's attempts, not every group of the same name in the process (the meter tags names only).
        _attempts = group.AttemptObservers.Add(this);
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
        Interlocked.Exchange(ref _attempts, null)?.Dispose();
        Interlocked.Exchange(ref _health, null)?.Dispose();
    }

    void IAttemptObserver.OnAttempt(Endpoint endpoint, EndpointOutcome outcome, double seconds)
    {
        var end = Time.GetTimestamp();
        var start = end - (long)(seconds * Time.TimestampFrequency);
        Attempts.Add(new AttemptEntry(start, end, endpoint.Name, ResilientTelemetry.Outcome(outcome)));
    }

    void IAttemptObserver.OnExtraAttempt(bool hedge) => ExtraAttempts.Add(new ExtraAttemptEntry(Time.GetTimestamp(), hedge));

    private ValueTask OnHealthChange(EndpointHealthChange change)
    {
        Health.Add(new HealthEntry(Time.GetTimestamp(), change.Endpoint.Name, change.PreviousState, change.State));
        return ValueTask.CompletedTask;
    }
}
