namespace Resilient;

/// <summary>
/// A named set of redundant endpoints with one load balancer. Picks are lock-free and allocation-free; changes
/// (endpoint updates, drains) are serialised and published as immutable snapshots.
/// </summary>
/// <remarks>
/// One group per name per process: every client that uses the name shares its state. Endpoints are matched by
/// address across updates, so the ones that stay keep their in-flight counts and latency history.
/// </remarks>
public sealed partial class EndpointGroup
{
    private const int MaxAcquireRetries = 8;

    private readonly Lock _writeLock = new();
    private readonly ILoadBalancer _balancer;
    private readonly SelectionClock _clock;
    private readonly RandomSource _random;
    private GroupState _state = GroupState.Empty;
    private int _nextId;

    /// <summary>Creates a group from options.</summary>
    /// <param name="name">The group's name, used in errors, logs and metrics.</param>
    /// <param name="options">The endpoints and the load balancer.</param>
    /// <param name="timeProvider">The clock for latency and timing; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loadBalancers">Where to find the balancer named in the options; defaults to <see cref="LoadBalancerRegistry.Default"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every offending key.</exception>
    public EndpointGroup(string name, EndpointGroupOptions options, TimeProvider? timeProvider = null, LoadBalancerRegistry? loadBalancers = null)
        : this(name, options, timeProvider, loadBalancers, RandomSource.Shared)
    {
    }

    internal EndpointGroup(string name, EndpointGroupOptions options, TimeProvider? timeProvider, LoadBalancerRegistry? loadBalancers, RandomSource random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var registry = loadBalancers ?? LoadBalancerRegistry.Default;
        var errors = EndpointGroupOptionsValidator.Validate(options, registry, out var endpoints);
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
        UpdateEndpoints(endpoints);
    }

    /// <summary>Gets the group's name.</summary>
    public string Name { get; }

    /// <summary>Gets the name of the group's load balancer.</summary>
    public string LoadBalancerName { get; }

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
                    members[i] = new EndpointRuntime(list[i], _nextId++, _clock);
                }
            }

            // Publish first, then close the removed endpoints: a pick that still holds the old snapshot either
            // entered before the close (and is counted in flight) or fails TryEnter and re-reads the new snapshot.
            PublishLocked(members);
            foreach (var removed in byKey.Values)
            {
                removed.MarkRemoved();
            }
        }
    }

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
            var endpointState = member.IsRemoved ? EndpointState.Removed
                : (member.Availability & EndpointAvailability.Drained) != 0 ? EndpointState.Drained
                : EndpointState.Available;
            result[i] = new EndpointSnapshot(member.Endpoint, endpointState, weight, share, member.InFlight, member.LatencyEstimate, member.CompletedCount);
        }

        return new EndpointGroupSnapshot(Name, LoadBalancerName, state.Version, result);
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
                runtime.Availability = next;
                PublishLocked(_state.Members);
            }

            return true;
        }
    }

    private void PublishLocked(EndpointRuntime[] members) =>
        Volatile.Write(ref _state, GroupStateBuilder.Build(members, _balancer, _state.Version + 1));

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
