namespace Resilient;

/// <summary>
/// Rotates through the candidates, one atomic increment per pick, from a random starting point so that many
/// client processes do not all begin on the first endpoint. Ignores weights, like gRPC's round_robin.
/// </summary>
internal sealed class RoundRobinBalancer : ILoadBalancer
{
    private PaddedCounter _counter;
    private bool _started;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => new State(new FastMod((uint)candidates.Length));

    public int Pick(in PickContext context)
    {
        var count = context.Candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        if (!_started)
        {
            // A benign race: two first picks may both seed; either start is as good as the other.
            _counter.Value = (uint)context.NextRandomBits();
            _started = true;
        }

        var index = (int)((State)context.State!).Mod.Mod(_counter.Increment());
        return context.HasExclusions ? context.NextAllowed(index) : index;
    }

    private sealed class State(FastMod mod)
    {
        public FastMod Mod { get; } = mod;
    }
}
