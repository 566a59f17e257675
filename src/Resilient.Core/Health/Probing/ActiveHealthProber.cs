namespace Resilient;

/// <summary>
/// Probes every endpoint of one group in the background (<see cref="ActiveHealthOptions"/>) and tells an
/// <see cref="IProbeResultSink"/> when an endpoint's verdict changes.
/// </summary>
/// <remarks>
/// <para>
/// Each endpoint has its own one-shot timer from the group's <see cref="TimeProvider"/>: the first probe comes after
/// a random part of one interval, so endpoints (and processes) started together do not probe in lockstep; each later
/// one after <see cref="ActiveHealthOptions.Interval"/> +/- 10 %. A tick that finds the previous probe of its endpoint
/// still running is skipped, so an endpoint never has two probes in flight.
/// </para>
/// <para>
/// The endpoint set is owned by the lock; it is only held to change the set or arm timers, never while a probe runs,
/// a token is cancelled or the sink is called, so <see cref="UpdateEndpoints"/> may be called under the group's
/// writer lock while the sink takes that lock.
/// </para>
/// </remarks>
internal sealed class ActiveHealthProber : IDisposable, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly RandomSource _random;
    private readonly bool _enabled;
    private readonly TimeSpan _interval;
    private Dictionary<EndpointRuntime, ProbeTarget> _targets = [];
    private bool _started;
    private bool _disposed;

    /// <exception cref="ArgumentException">The options are invalid; the message names every offending key.</exception>
    public ActiveHealthProber(string groupName, ActiveHealthOptions options, IEndpointProbe probe, IProbeResultSink sink, TimeProvider timeProvider, RandomSource random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        var errors = new List<string>();
        ActiveHealthOptionsValidator.Validate(options, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Endpoint group '{groupName}' is misconfigured:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}",
                nameof(options));
        }

        // A copy: the options object is mutable and may be rebound on reload; a new configuration means a new prober.
        GroupName = groupName;
        _enabled = options.Enabled;
        _interval = options.Interval;
        Timeout = options.Timeout;
        UnhealthyThreshold = options.UnhealthyThreshold;
        HealthyThreshold = options.HealthyThreshold;
        TimeoutReason = $"no answer within {(long)options.Timeout.TotalMilliseconds} ms";
        Probe = probe;
        Sink = sink;
        TimeProvider = timeProvider;
        _random = random;
    }

    public string GroupName { get; }

    internal IEndpointProbe Probe { get; }

    internal IProbeResultSink Sink { get; }

    internal TimeProvider TimeProvider { get; }

    internal TimeSpan Timeout { get; }

    internal int UnhealthyThreshold { get; }

    internal int HealthyThreshold { get; }

    internal string TimeoutReason { get; }

    /// <summary>Gets how many endpoints are being probed (or will be, once started).</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _targets.Count;
            }
        }
    }

    /// <summary>Starts probing the current endpoints. Does nothing if probing is disabled, already started or disposed.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_started || _disposed || !_enabled)
            {
                return;
            }

            _started = true;
            foreach (var target in _targets.Values)
            {
                target.Start(FirstDelay());
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="members"/> the set of probed endpoints, matched by reference: new ones start probing
    /// (once started), removed ones stop and their in-flight probe is cancelled and ignored, the others keep their
    /// counters, last verdict and schedule. Does nothing after disposal.
    /// </summary>
    public void UpdateEndpoints(IReadOnlyList<EndpointRuntime> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Dictionary<EndpointRuntime, ProbeTarget> old;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            old = _targets;
            var next = new Dictionary<EndpointRuntime, ProbeTarget>(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                var runtime = members[i];
                if (runtime is null || runtime.IsRemoved || next.ContainsKey(runtime))
                {
                    continue;
                }

                if (!old.Remove(runtime, out var target))
                {
                    target = new ProbeTarget(this, runtime);
                    if (_started)
                    {
                        target.Start(FirstDelay());
                    }
                }

                next.Add(runtime, target);
            }

            _targets = next;
        }

        // Outside the lock: cancelling runs the probes' cancellation callbacks.
        foreach (var removed in old.Values)
        {
            removed.Stop();
        }
    }

    /// <summary>
    /// Forgets what was last reported for <paramref name="runtime"/>, so the sink hears the endpoint's next verdict
    /// (<see cref="ActiveHealthOptions.HealthyThreshold"/> successes or <see cref="ActiveHealthOptions.UnhealthyThreshold"/>
    /// failures in a row, counting probes already made) even if it is the same as the last one. The tracker calls this
    /// when it takes an endpoint out for a reason of its own (unreachable calls), so that the next successful probe
    /// re-admits it.
    /// </summary>
    /// <returns><see langword="false"/> if the endpoint is not probed.</returns>
    public bool RequestReport(EndpointRuntime runtime)
    {
        ProbeTarget? target;
        lock (_lock)
        {
            _targets.TryGetValue(runtime, out target);
        }

        target?.RequestReport();
        return target is not null;
    }

    /// <summary>Stops every timer and cancels the probes in flight without waiting for them; their results are ignored.</summary>
    public void Dispose()
    {
        Dictionary<EndpointRuntime, ProbeTarget> targets;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            targets = _targets;
            _targets = [];
        }

        foreach (var target in targets.Values)
        {
            target.Stop();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>A random part of one interval, so endpoints started together spread over it.</summary>
    internal TimeSpan FirstDelay()
    {
        var delay = _interval * _random.NextDouble();
        return delay < ActiveHealthDefaults.MinDelay ? ActiveHealthDefaults.MinDelay : delay;
    }

    /// <summary>One interval stretched or shrunk by up to <see cref="ActiveHealthDefaults.IntervalJitter"/>.</summary>
    internal TimeSpan NextDelay()
    {
        var factor = 1 - ActiveHealthDefaults.IntervalJitter + (2 * ActiveHealthDefaults.IntervalJitter * _random.NextDouble());
        var delay = _interval * factor;
        return delay < ActiveHealthDefaults.MinDelay ? ActiveHealthDefaults.MinDelay : delay;
    }
}
