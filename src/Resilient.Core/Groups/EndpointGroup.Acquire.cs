namespace Resilient;

/// <summary>The pick path: lock-free and allocation-free.</summary>
public sealed partial class EndpointGroup
{
    /// <summary>Picks an endpoint for a new call and starts an attempt on it.</summary>
    /// <param name="lease">The attempt; complete it with the outcome.</param>
    /// <returns><see langword="false"/> when no endpoint is available.</returns>
    public bool TryAcquire(out EndpointLease lease)
    {
        var tried = default(TriedEndpoints);
        return TryAcquireCore(ref tried, 0, hasKey: false, out lease);
    }

    /// <summary>Picks an endpoint not yet tried in this call, records it as tried, and starts an attempt on it.</summary>
    /// <param name="tried">The endpoints this call already tried; the picked one is added.</param>
    /// <param name="lease">The attempt; complete it with the outcome.</param>
    /// <returns><see langword="false"/> when every available endpoint was already tried, or none is available.</returns>
    public bool TryAcquire(ref TriedEndpoints tried, out EndpointLease lease) =>
        TryAcquireCore(ref tried, 0, hasKey: false, out lease);

    /// <summary>Like <see cref="TryAcquire(ref TriedEndpoints, out EndpointLease)"/>, with a request key for hash-based balancers.</summary>
    /// <param name="requestKey">The request's key (see <see cref="RequestKeys.Hash"/>); the same key maps to the same endpoint.</param>
    /// <param name="tried">The endpoints this call already tried; the picked one is added.</param>
    /// <param name="lease">The attempt; complete it with the outcome.</param>
    /// <returns><see langword="false"/> when every available endpoint was already tried, or none is available.</returns>
    public bool TryAcquire(ulong requestKey, ref TriedEndpoints tried, out EndpointLease lease) =>
        TryAcquireCore(ref tried, requestKey, hasKey: true, out lease);

    private bool TryAcquireCore(ref TriedEndpoints tried, ulong key, bool hasKey, out EndpointLease lease) =>
        TryAcquireAt(_clock.GetTimestamp(), key, hasKey, ref tried, out lease);

    /// <summary>The pick at <paramref name="timestamp"/>, a reading of the group's clock the caller already took.</summary>
    internal bool TryAcquireAt(long timestamp, ulong key, bool hasKey, ref TriedEndpoints tried, out EndpointLease lease)
    {
        var nowMs = _clock.ToMilliseconds(timestamp);
        for (var retry = 0; retry < MaxAcquireRetries; retry++)
        {
            var state = Volatile.Read(ref _state);
            var trial = state.Trials.Length != 0 ? ClaimTrial(state.Trials, ref tried, timestamp) : null;
            var runtime = trial ?? Pick(state, ref tried, timestamp, nowMs, key, hasKey);
            if (runtime is null)
            {
                break;
            }

            // Fails only if an update removed the endpoint after we read the snapshot; the new one is published.
            if (runtime.TryEnter())
            {
                tried.Add(runtime.Id);
                lease = new EndpointLease(runtime, timestamp, tried.Count, isTrial: trial is not null);
                return true;
            }

            if (trial is not null)
            {
                Volatile.Write(ref trial.Health.TrialToken, 0);
            }
        }

        lease = default;
        return false;
    }

    /// <summary>
    /// An endpoint whose ejection or backoff is over gets exactly one call, the trial that decides whether it returns:
    /// the first pick to win the compare-and-swap on its token sends it there. A claim whose call never reported back
    /// (a response nobody read or disposed) goes stale after <see cref="_staleTrialClaimTicks"/> and may be taken over,
    /// so that one forgotten response cannot keep the endpoint out of rotation for good.
    /// </summary>
    private EndpointRuntime? ClaimTrial(EndpointRuntime[] trials, ref TriedEndpoints tried, long timestamp)
    {
        var claim = Math.Max(timestamp, 1);
        foreach (var candidate in trials)
        {
            var token = Volatile.Read(ref candidate.Health.TrialToken);
            if ((token == 0 || timestamp - token > _staleTrialClaimTicks)
                && (tried.Count == 0 || !tried.Contains(candidate.Id))
                && Interlocked.CompareExchange(ref candidate.Health.TrialToken, claim, token) == token)
            {
                return candidate;
            }
        }

        return null;
    }

    private EndpointRuntime? Pick(GroupState state, ref TriedEndpoints tried, long timestamp, uint nowMs, ulong key, bool hasKey)
    {
        var levels = state.Levels;
        if (levels.Length == 0)
        {
            return null;
        }

        var first = state.FirstLevelTakesAll ? 0 : state.ChooseLevel((uint)_random.NextUInt64());
        var runtime = PickInLevel(levels[first], ref tried, timestamp, nowMs, key, hasKey);
        if (runtime is not null || levels.Length == 1)
        {
            return runtime;
        }

        // Everything in the chosen tier was tried: fail over to the other tiers, lowest first.
        for (var i = 0; i < levels.Length; i++)
        {
            if (i != first && (runtime = PickInLevel(levels[i], ref tried, timestamp, nowMs, key, hasKey)) is not null)
            {
                return runtime;
            }
        }

        return null;
    }

    private EndpointRuntime? PickInLevel(SelectionLevel level, ref TriedEndpoints tried, long timestamp, uint nowMs, ulong key, bool hasKey)
    {
        var candidates = level.Candidates;
        var context = new PickContext(candidates, level.Prepared, in tried, _random, timestamp, nowMs, key, hasKey);
        var index = _balancer.Pick(in context);
        if ((uint)index >= (uint)candidates.Length)
        {
            return null;
        }

        var runtime = candidates[index].Runtime;
        return tried.Count != 0 && tried.Contains(runtime.Id) ? null : runtime;
    }
}
