namespace Resilient;

/// <summary>
/// Always the first candidate in configuration order that is available and not yet tried: active-passive per
/// endpoint. Traffic moves to the next endpoint only while the ones before it are out of rotation.
/// </summary>
internal sealed class FirstAvailableBalancer : ILoadBalancer
{
    public bool UsesRequestKeys => false;

    public object? Prepare(ReadOnlySpan<EndpointCandidate> candidates) => null;

    public int Pick(in PickContext context) => context.NextAllowed(0);
}
