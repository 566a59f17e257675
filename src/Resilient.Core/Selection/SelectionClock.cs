namespace Resilient;

/// <summary>
/// A group's view of time: its <see cref="System.TimeProvider"/> plus the precomputed factors that turn timestamps
/// into milliseconds and seconds with one multiplication (no division on the pick path).
/// </summary>
internal sealed class SelectionClock
{
    private readonly double _msPerTick;
    private readonly double _secondsPerTick;

    public SelectionClock(TimeProvider timeProvider, TimeSpan ewmaDecay)
    {
        TimeProvider = timeProvider;
        _secondsPerTick = 1.0 / timeProvider.TimestampFrequency;
        _msPerTick = 1000.0 / timeProvider.TimestampFrequency;
        DecayPerMs = 1.0 / ewmaDecay.TotalMilliseconds;
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the peak-EWMA decay rate: the log-cost drop per idle millisecond (1 / tau).</summary>
    public double DecayPerMs { get; }

    public long GetTimestamp() => TimeProvider.GetTimestamp();

    public uint ToMilliseconds(long timestamp) => (uint)(long)(timestamp * _msPerTick);

    public double SecondsBetween(long start, long end) => (end - start) * _secondsPerTick;
}
