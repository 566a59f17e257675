namespace Resilient;

/// <summary>
/// Everything a load balancer needs for one pick: the candidates, the balancer's precomputed state for exactly
/// this candidate list, the endpoints to avoid, an optional request key, the time and a random source.
/// </summary>
/// <remarks>A stack-only value: nothing in it is allocated and it must not be stored.</remarks>
public readonly ref struct PickContext
{
    private readonly ref readonly TriedEndpoints _tried;
    private readonly RandomSource _random;

    internal PickContext(
        ReadOnlySpan<EndpointCandidate> candidates,
        object? state,
        ref readonly TriedEndpoints tried,
        RandomSource random,
        long timestamp,
        uint nowMilliseconds,
        ulong requestKey,
        bool hasRequestKey)
    {
        Candidates = candidates;
        State = state;
        _tried = ref tried;
        _random = random;
        Timestamp = timestamp;
        NowMilliseconds = nowMilliseconds;
        RequestKey = requestKey;
        HasRequestKey = hasRequestKey;
    }

    /// <summary>Gets the endpoints available for this pick, in configuration order.</summary>
    public ReadOnlySpan<EndpointCandidate> Candidates { get; }

    /// <summary>Gets what <see cref="ILoadBalancer.Prepare"/> returned for this candidate list.</summary>
    public object? State { get; }

    /// <summary>Gets a value indicating whether any candidate must be avoided because this call already tried it.</summary>
    public bool HasExclusions => _tried.Count != 0;

    /// <summary>Gets a value indicating whether the caller supplied a request key (for hash-based balancers).</summary>
    public bool HasRequestKey { get; }

    /// <summary>Gets the caller's 64-bit request key; meaningful only when <see cref="HasRequestKey"/> is true.</summary>
    public ulong RequestKey { get; }

    /// <summary>Gets the time of the pick, in <see cref="TimeProvider.GetTimestamp"/> units of the group's time provider.</summary>
    public long Timestamp { get; }

    internal uint NowMilliseconds { get; }

    /// <summary>Returns whether the candidate at <paramref name="index"/> was already tried in this call.</summary>
    /// <param name="index">An index into <see cref="Candidates"/>.</param>
    /// <returns><see langword="true"/> if the balancer must not return it.</returns>
    public bool IsExcluded(int index) => _tried.Count != 0 && _tried.Contains(Candidates[index].Runtime.Id);

    /// <summary>
    /// Returns the first candidate index at or after <paramref name="start"/> (wrapping around) that is not
    /// excluded, or -1 when every candidate is excluded.
    /// </summary>
    /// <param name="start">Where to start looking; taken modulo the candidate count.</param>
    /// <returns>An index into <see cref="Candidates"/>, or -1.</returns>
    public int NextAllowed(int start)
    {
        var count = Candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        if ((uint)start >= (uint)count)
        {
            start = (int)((uint)start % (uint)count);
        }

        if (_tried.Count == 0)
        {
            return start;
        }

        for (int i = 0, index = start; i < count; i++)
        {
            if (!_tried.Contains(Candidates[index].Runtime.Id))
            {
                return index;
            }

            index = index + 1 == count ? 0 : index + 1;
        }

        return -1;
    }

    /// <summary>Returns a random integer in [0, <paramref name="maxExclusive"/>) from the group's random source.</summary>
    /// <param name="maxExclusive">The exclusive upper bound; positive.</param>
    /// <returns>The random integer.</returns>
    public int NextRandom(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Returns 64 random bits from the group's random source (tests can script them).</summary>
    /// <returns>The random bits.</returns>
    public ulong NextRandomBits() => _random.NextUInt64();
}
