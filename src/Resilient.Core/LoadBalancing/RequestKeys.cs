namespace Resilient;

/// <summary>Turns request attributes (a user id, a session id, a route) into keys for <see cref="LoadBalancers.ConsistentHash"/>.</summary>
public static class RequestKeys
{
    /// <summary>Hashes a string to a 64-bit key that is identical in every process and on every run.</summary>
    /// <param name="value">The attribute to hash.</param>
    /// <returns>The key.</returns>
    public static ulong Hash(ReadOnlySpan<char> value) => StableHash.Hash(value);
}
