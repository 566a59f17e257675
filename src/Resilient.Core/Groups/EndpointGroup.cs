namespace Resilient;

/// <summary>
/// A named set of redundant endpoints with one load balancer. Picks are lock-free and allocation-free; changes
/// (endpoint updates, drains) are serialised and published as immutable snapshots.
/// </summary>
/// <remarks>
/// One group per name per process: every client that uses the name shares its state. Endpoints are matched by
/// address across updates, so the ones that stay keep their in-flight counts and latency history.
/// </remarks>
public sealed partial class EndpointGroup : IDisposable
{
    private const int MaxAcquireRetries = 8;

    private readonly Lock _writeLock = new();
    private readonly ILoadBalancer _balancer;
    private readonly long _staleTrialClaimTicks;
    private readonly SelectionClock _clock;
    private readonly RandomSource _random;
    private readonly HealthTracker _health;
    private readonly ActiveHealthProber? _prober;
    private readonly string? _localZone;
    private long _retryBudgetExhaustions;
    private readonly List<IDisposable> _owned = [];
    private GroupState _state = GroupState.Empty;
    private int _nextId;
    private readonly bool _started;

    /// <summary>Creates a group from options.</summary>
    /// <param name="name">The group's name, used in errors, logs and metrics.</param>
    /// <param name="options">The endpoints and the load balancer.</param>
    /// <param name="timeProvider">The clock for latency and timing; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loadBalancers">Where to find the balancer named in the options; defaults to <see cref="LoadBalancerRegistry.Default"/>.</param>
    /// <param name="probe">The active health probe; required when <see cref="EndpointGroupOptions.ActiveHealth"/> is enabled.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every offending key.</exception>
    public EndpointGroup(string name, EndpointGroupOptions options, TimeProvider? timeProvider = null, LoadBalancerRegistry? loadBalancers = null, IEndpointProbe? probe = null)
        : this(name, options, timeProvider, loadBalancers, RandomSource.Shared, probe)
    {
    }

    internal EndpointGroup(string name, EndpointGroupOptions options, TimeProvider? timeProvider, LoadBalancerRegistry? loadBalancers, RandomSource random, IEndpointProbe? probe = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var registry = loadBalancers ?? LoadBalancerRegistry.Default;
        var errors = EndpointGroupOptionsValidator.Validate(options, registry, out var endpoints);
        if (options.ActiveHealth.Enabled && probe is null)
        {
            errors.Add("ActiveHealth:Enabled: active probing is on but no probe was supplied (the HTTP package supplies one; pass an IEndpointProbe otherwise).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Endpoint group '{name}' is misconfigured:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}",
                nameof(options));
        }

        Name = name;
        LoadBalancerName = options.LoadBalancer;
        _balancer = registry.Create(options.LoadBalancer);
        _clock = new SelectionClock(timeProvider ?? TimeProvider.System, LoadBalancingDefaults.PeakEwmaDecay);
        _random = random;
        _localZone = string.IsNullOrEmpty(options.LocalZone) ? null : options.LocalZone;
        _health = new HealthTracker(this, options.PassiveHealth.Clone(), options.SlowStartWindow, _clock, random);
        Failover = new FailoverEngine(this, options.Failover.Clone());
        var staleClaim = options.Failover.TotalTimeout == Timeout.InfiniteTimeSpan || options.Failover.TotalTimeout > HealthDefaults.StaleTrialClaim
            ? HealthDefaults.StaleTrialClaim
            : options.Failover.TotalTimeout;
        _staleTrialClaimTicks = (long)(staleClaim.TotalSeconds * _clock.TimeProvider.TimestampFrequency);
        if (options.ActiveHealth.Enabled)
        {
            _prober = new ActiveHealthProber(name, options.ActiveHealth.Clone(), probe!, _health, _clock.TimeProvider, random);
        }

        UpdateEndpoints(endpoints);
        _started = true;
        _prober?.Start();
        GroupRegistry.Add(this);
    }

    /// <summary>Gets the group's name.</summary>
    public string Name { get; }

    /// <summary>Gets the name of the group's load balancer.</summary>
    public string LoadBalancerName { get; }

    /// <summary>Gets a value indicating whether the group's balancer reads request keys (<see cref="ILoadBalancer.UsesRequestKeys"/>).</summary>
    internal bool UsesRequestKeys => _balancer.UsesRequestKeys;

    /// <summary>Gets the group's time provider.</summary>
    public TimeProvider TimeProvider => _clock.TimeProvider;

    /// <summary>Gets the group's current endpoints, in configuration order.</summary>
    public IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            var members = Volatile.Read(ref _state).Members;
            var endpoints = new Endpoint[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                endpoints[i] = members[i].Endpoint;
            }

            return endpoints;
        }
    }

    /// <summary>
    /// Replaces the group's endpoint set. Endpoints are matched by address: those that stay keep their live state
    /// (and take the new weight, name, tier and zone); removed ones take no new attempts once this method returns,
    /// while their attempts in flight finish; new ones join.
    /// </summary>
    /// <param name="endpoints">The complete new set; addresses must be distinct.</param>
    /// <exception cref="ArgumentException">Two endpoints share an address or a name.</exception>
    public void UpdateEndpoints(IEnumerable<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var list = endpoints.ToList();
        CheckDistinct(list);
        lock (_writeLock)
        {
            var old = _state.Members;
            var byKey = new Dictionary<string, EndpointRuntime>(old.Length, StringComparer.Ordinal);
            foreach (var member in old)
            {
                byKey[member.Endpoint.Key] = member;
            }

            var now = _clock.GetTimestamp();
            var members = new EndpointRuntime[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                if (byKey.Remove(list[i].Key, out var kept))
                {
                    kept.SetEndpoint(list[i]);
                    members[i] = kept;
                }
                else
                {
                    members[i] = new EndpointRuntime(list[i], _nextId++, _clock, _health, Name, AttemptObservers);
                    if (_started && old.Length > 0)
                    {
                        // Endpoints added next to running peers ramp up. The initial set starts at full weight, and so
                        // does the first set a discovery source gives a group created empty: with no peer to take the
                        // rest of the traffic, ramping every endpoint alike would change nothing.
                        _health.BeginSlowStartLocked(members[i].Health, now);
                    }
                }
            }

            // Publish first, then close the removed endpoints: a pick that still holds the old snapshot either
            // entered before the close (and is counted in flight) or fails TryEnter and re-reads the new snapshot.
            Volatile.Write(ref _state, GroupStateBuilder.Build(members, _balancer, _state.Version + 1, _localZone));
            foreach (var removed in byKey.Values)
            {
                removed.MarkRemoved();
            }

            _health.ScheduleLocked(now);
            _prober?.UpdateEndpoints(members);
        }
    }

    /// <summary>
    /// Subscribes to health transitions (ejected, unreachable, throttled, in trial, available, drained). Handlers run
    /// after the transition, outside the group's lock, on the thread that caused it; an exception from a handler is
    /// swallowed so it cannot break traffic.
    /// </summary>
    /// <param name="handler">Called once per transition.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable SubscribeHealthChanges(Func<EndpointHealthChange, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _health.Subscribe(handler);
    }

    /// <summary>Gets how many calls were refused a retry because the group's retry budget was exhausted.</summary>
    public long RetryBudgetExhaustions => Interlocked.Read(ref _retryBudgetExhaustions);

    /// <summary>Gets the active prober, when active health is enabled.</summary>
    internal ActiveHealthProber? Prober => _prober;

    /// <summary>Gets the failover engine every client of the group shares.</summary>
    internal FailoverEngine Failover { get; }

    /// <summary>Gets the observers of this group instance's attempts (drills); see <see cref="IAttemptObserver"/>.</summary>
    internal AttemptObservers AttemptObservers { get; } = new();

    /// <summary>Stops the group's timers and background probes; picks keep working on the last snapshot.</summary>
    public void Dispose()
    {
        GroupRegistry.Remove(this);
        _prober?.Dispose();
        _health.Dispose();
        foreach (var resource in _owned)
        {
            resource.Dispose();
        }
    }

    /// <summary>Makes the group dispose a resource it was given (the probe, the reload watcher the HTTP package created for it).</summary>
    internal void Own(IDisposable resource)
    {
        lock (_writeLock)
        {
            _owned.Add(resource);
        }
    }

    internal void OnRetryBudgetExhausted()
    {
        Interlocked.Increment(ref _retryBudgetExhaustions);
        ResilientTelemetry.RecordBudgetExhausted(Name);
        Events?.OnRetryBudgetExhausted(this);
    }

    /// <summary>Gets the current members (any thread; a snapshot).</summary>
    internal EndpointRuntime[] CurrentMembers => Volatile.Read(ref _state).Members;

    /// <summary>Gets or sets the receiver of group-level events (the HTTP package logs them).</summary>
    internal IGroupEvents? Events { get; set; }

    /// <summary>Takes an endpoint out of rotation for maintenance or a drill; its in-flight attempts finish.</summary>
    /// <param name="nameOrAddress">The endpoint's name or address.</param>
    /// <returns><see langword="true"/> if the endpoint exists in the group.</returns>
    public bool Drain(string nameOrAddress) => SetAvailability(nameOrAddress, EndpointAvailability.Drained, set: true);

    /// <summary>Puts a drained endpoint back into rotation.</summary>
    /// <param name="nameOrAddress">The endpoint's name or address.</param>
    /// <returns><see langword="true"/> if the endpoint exists in the group.</returns>
    public bool Restore(string nameOrAddress) => SetAvailability(nameOrAddress, EndpointAvailability.Drained, set: false);

    /// <summary>Returns each endpoint's state, weight, tier, zone, in-flight count and latency estimate.</summary>
    /// <returns>A point-in-time snapshot.</returns>
    public EndpointGroupSnapshot GetSnapshot()
    {
        var state = Volatile.Read(ref _state);
        var result = new EndpointSnapshot[state.Members.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var member = state.Members[i];
            var (weight, share) = FindCandidate(state, member);
            result[i] = SnapshotOf(member, weight, share);
        }

        return new EndpointGroupSnapshot(Name, LoadBalancerName, state.Version, result, IsSpilling(state));
    }

    /// <inheritdoc />
    public override string ToString() => $"EndpointGroup '{Name}' ({Volatile.Read(ref _state).Members.Length} endpoints, {LoadBalancerName})";

    internal EndpointRuntime? FindRuntime(string nameOrAddress)
    {
        foreach (var member in Volatile.Read(ref _state).Members)
        {
            var endpoint = member.Endpoint;
            if (string.Equals(endpoint.Name, nameOrAddress, StringComparison.Ordinal)
                || string.Equals(endpoint.Key, nameOrAddress, StringComparison.OrdinalIgnoreCase)
                || string.Equals(endpoint.Address.OriginalString, nameOrAddress, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Gets the writer lock: endpoint updates, drains and every health transition take it.</summary>
    internal Lock WriteLock => _writeLock;

    /// <summary>Gets the current members; under the writer lock.</summary>
    internal EndpointRuntime[] MembersLocked => _state.Members;

    /// <summary>Publishes a snapshot of the current members' availability and weights. Under the writer lock.</summary>
    internal void PublishLocked()
    {
        var previous = _state;
        var next = GroupStateBuilder.Build(previous.Members, _balancer, previous.Version + 1, _localZone);
        Volatile.Write(ref _state, next);
        var wasSpilling = IsSpilling(previous);
        var spilling = IsSpilling(next);
        if (wasSpilling != spilling)
        {
            Events?.OnTierSpillChanged(this, spilling);
        }
    }

    /// <summary>Traffic is spilling when new calls may go beyond the lowest configured tier, or nothing is available.</summary>
    internal static bool IsSpilling(GroupState state)
    {
        if (state.Members.Length == 0)
        {
            return false;
        }

        var lowest = int.MaxValue;
        foreach (var member in state.Members)
        {
            lowest = Math.Min(lowest, member.Endpoint.Tier);
        }

        return state.Levels.Length == 0 || state.Levels[0].Tier != lowest || !state.FirstLevelTakesAll;
    }

    /// <summary>What a snapshot or event says about an endpoint.</summary>
    internal EndpointState StateOf(EndpointRuntime runtime)
    {
        var health = runtime.Health;
        return runtime.IsRemoved ? EndpointState.Removed
            : (runtime.Availability & EndpointAvailability.Drained) != 0 ? EndpointState.Drained
            : health.TrialPending ? EndpointState.InTrial
            : health.Status switch
            {
                EndpointHealthStatus.Ejected => EndpointState.Ejected,
                EndpointHealthStatus.Unreachable => EndpointState.Unreachable,
                EndpointHealthStatus.Throttled => EndpointState.Throttled,
                _ => EndpointState.Available,
            };
    }

    private bool SetAvailability(string nameOrAddress, EndpointAvailability flag, bool set)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrAddress);
        lock (_writeLock)
        {
            var runtime = FindRuntime(nameOrAddress);
            if (runtime is null)
            {
                return false;
            }

            var next = set ? runtime.Availability | flag : runtime.Availability & ~flag;
            if (next != runtime.Availability)
            {
                var now = _clock.GetTimestamp();
                var before = StateOf(runtime);
                runtime.Availability = next;
                if (!set)
                {
                    _health.BeginSlowStartLocked(runtime.Health, now);
                }

                _health.Changed(runtime, before, now);
            }
        }

        _health.DispatchPending();
        return true;
    }

    private EndpointSnapshot SnapshotOf(EndpointRuntime member, double weight, double share)
    {
        var health = member.Health;
        var state = StateOf(member);
        DateTimeOffset? until = state is EndpointState.Ejected or EndpointState.Unreachable or EndpointState.Throttled && health.UntilTimestamp != long.MaxValue
            ? _clock.TimeProvider.GetUtcNow().AddSeconds(_clock.SecondsBetween(_clock.GetTimestamp(), health.UntilTimestamp))
            : null;
        return new EndpointSnapshot(member.Endpoint, state, weight, share, member.InFlight, member.LatencyEstimate, member.CompletedCount)
        {
            Reason = state == EndpointState.Available ? null : health.Reason,
            Until = until,
            EjectionCount = health.EjectionCount,
            ConsecutiveFailures = Volatile.Read(ref health.ConsecutiveFailures),
        };
    }

    private static (double Weight, double Share) FindCandidate(GroupState state, EndpointRuntime member)
    {
        foreach (var level in state.Levels)
        {
            foreach (var candidate in level.Candidates)
            {
                if (ReferenceEquals(candidate.Runtime, member))
                {
                    return (candidate.Weight, level.Share);
                }
            }
        }

        return (0, 0);
    }

    private static void CheckDistinct(List<Endpoint> endpoints)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoint, nameof(endpoints));
            if (!keys.Add(endpoint.Key))
            {
                throw new ArgumentException($"The address '{endpoint.Key}' appears more than once.", nameof(endpoints));
            }

            if (!names.Add(endpoint.Name))
            {
                throw new ArgumentException($"The endpoint name '{endpoint.Name}' appears more than once.", nameof(endpoints));
            }
        }
    }
}
