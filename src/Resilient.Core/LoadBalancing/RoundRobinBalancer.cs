namespace Resilient;

/// <summary>
/// Rotates through the candidates, one uncontended increment per pick, from a random starting point so that many
/// client processes do not all begin on the first endpoint. Ignores weights, like gRPC's round_robin. The counter is
/// striped by thread (<see cref="RotationCounter"/>), so each thread rotates exactly and cores do not contend.
/// </summary>
internal sealed class RoundRobinBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    private readonly RotationCounter _counter = new(randomStart: true);

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => new State(new FastMod((uint)candidates.Length));

    public int Pick(in PickContext context)
    {
        var count = context.Candidates.Length;
        if (count == 0)
        {
            return -1;
        }

        var index = (int)((State)context.State!).Mod.Mod(_counter.Next(context));
        return context.HasExclusions ? context.NextAllowed(index) : index;
    }

    private sealed class State(FastMod mod)
    {
        public FastMod Mod { get; } = mod;
    }
}
