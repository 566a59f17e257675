namespace Resilient;

/// <summary>
/// The live state of one endpoint inside one <see cref="EndpointGroup"/>: in-flight attempts and the latency
/// estimate. It is shared by every pick, survives endpoint-set updates that keep the endpoint's address, and is
/// safe to read from any thread at any time.
/// </summary>
/// <remarks>
/// Load balancers read <see cref="InFlight"/> and the latency estimate through this type. Writes happen only inside
/// the library: in-flight counts and latency with <see cref="Interlocked"/> on a padded block of their own,
/// everything else under the group's writer lock.
/// </remarks>
public sealed class EndpointRuntime
{
    private readonly SelectionClock _clock;
    private HotCounters _hot;
    private Endpoint _endpoint;
    private readonly AttemptObservers? _observers;

    internal EndpointRuntime(Endpoint endpoint, int id, SelectionClock clock, HealthTracker? tracker = null, string groupName = "", AttemptObservers? observers = null)
    {
        GroupName = groupName;
        _observers = observers;
        _endpoint = endpoint;
        _clock = clock;
        Id = id;
        _hot.Ewma = PeakEwma.Empty;
        Tracker = tracker;
        Health = tracker?.CreateHealth() ?? new EndpointHealth(new OutcomeWindow(HealthDefaults.SamplingDuration, clock.TimeProvider.TimestampFrequency));
    }

    /// <summary>Gets the endpoint's current description (replaced when an update changes its weight, name, tier or zone).</summary>
    public Endpoint Endpoint => Volatile.Read(ref _endpoint);

    /// <summary>Gets the number of attempts started on this endpoint that have not completed.</summary>
    public int InFlight => Volatile.Read(ref _hot.InFlight);

    /// <summary>Gets a value indicating whether the endpoint has been removed from its group.</summary>
    public bool IsRemoved => Volatile.Read(ref _hot.Removed) != 0;

    /// <summary>Gets the number of attempts completed on this endpoint, whatever their outcome.</summary>
    public long CompletedCount => Volatile.Read(ref _hot.Completed);

    /// <summary>Gets the decayed peak-EWMA latency estimate now, or <see langword="null"/> before the first completion.</summary>
    public TimeSpan? LatencyEstimate
    {
        get
        {
            var packed = Volatile.Read(ref _hot.Ewma);
            if (!PeakEwma.HasData(packed))
            {
                return null;
            }

            var log = PeakEwma.DecayedLogCost(packed, _clock.ToMilliseconds(_clock.GetTimestamp()), _clock.DecayPerMs);
            return TimeSpan.FromSeconds(Math.Exp(log));
        }
    }

    /// <summary>Gets the endpoint's identity within its group; never reused, so a tried-set cannot confuse two endpoints.</summary>
    internal int Id { get; }

    internal SelectionClock Clock => _clock;

    /// <summary>Gets the tracker that turns this endpoint's outcomes into health; null for standalone runtimes in tests.</summary>
    internal HealthTracker? Tracker { get; }

    /// <summary>Gets the name of the owning group, for telemetry tags.</summary>
    internal string GroupName { get; }

    /// <summary>Gets the endpoint's health bookkeeping.</summary>
    internal EndpointHealth Health { get; }

    /// <summary>Gets or sets why the endpoint is out of rotation. Written under the group's writer lock only.</summary>
    internal EndpointAvailability Availability { get; set; }

    internal long EwmaPacked => Volatile.Read(ref _hot.Ewma);

    /// <inheritdoc />
    public override string ToString() => Endpoint.ToString();

    /// <summary>Writer only: replaces the description after an update kept the endpoint's address.</summary>
    internal void SetEndpoint(Endpoint endpoint) => Volatile.Write(ref _endpoint, endpoint);

    /// <summary>
    /// Counts a new attempt, unless the endpoint has been removed. The increment is a full fence and precedes the
    /// read of the removed flag, so once <see cref="MarkRemoved"/> has returned no new attempt can be admitted and
    /// the in-flight count only falls.
    /// </summary>
    internal bool TryEnter()
    {
        Interlocked.Increment(ref _hot.InFlight);
        if (Volatile.Read(ref _hot.Removed) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _hot.InFlight);
        return false;
    }

    /// <summary>Writer only: closes the endpoint to new attempts; those in flight finish normally.</summary>
    internal void MarkRemoved()
    {
        Volatile.Write(ref _hot.Removed, 1);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Records the end of one attempt admitted by <see cref="TryEnter"/>.</summary>
    /// <param name="outcome">How the attempt ended.</param>
    /// <param name="startTimestamp">When it started.</param>
    /// <param name="endTimestamp">When it ended (health bookkeeping).</param>
    /// <param name="retryAfter">A throttled endpoint's retry-after time.</param>
    /// <param name="trial">Whether the attempt was the endpoint's trial.</param>
    /// <param name="answeredTimestamp">
    /// When the endpoint answered, if that came before the end (an HTTP response's headers, whose body the caller read
    /// afterwards); 0 otherwise. Latency is measured to the answer, so a caller that reads slowly is not taken for a
    /// slow endpoint.
    /// </param>
    internal void Complete(EndpointOutcome outcome, long startTimestamp, long endTimestamp, TimeSpan retryAfter = default, bool trial = false, long answeredTimestamp = 0)
    {
        var latencyEnd = answeredTimestamp != 0 ? answeredTimestamp : endTimestamp;
        var seconds = _clock.SecondsBetween(startTimestamp, latencyEnd);
        if (outcome is EndpointOutcome.Success or EndpointOutcome.Failure or EndpointOutcome.Timeout)
        {
            // Latency is learnt from answers and timeouts; a refused connection or a caller's cancellation says
            // nothing about how fast the endpoint serves.
            PeakEwma.Observe(ref _hot.Ewma, seconds, _clock.ToMilliseconds(latencyEnd), _clock.DecayPerMs);
        }

        ResilientTelemetry.RecordAttempt(GroupName, Endpoint.Name, outcome, seconds);
        _observers?.OnAttempt(Endpoint, outcome, seconds);

        Interlocked.Increment(ref _hot.Completed);
        Interlocked.Decrement(ref _hot.InFlight);
        Tracker?.Record(this, outcome, endTimestamp, retryAfter, trial);
    }
}
