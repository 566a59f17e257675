using System.Buffers;
using System.Runtime.CompilerServices;

namespace Resilient.Http;

/// <summary>
/// The re-addressed request URIs of one group, reused across calls: the same logical URI sent to the same endpoint
/// gets the same (immutable, already parsed) <see cref="Uri"/> instead of a parse of the logical URI, a string
/// concatenation and a new URI per attempt. A fixed number of slots, each holding the last pair that hashed to it;
/// an address is stored on its second sighting, so a URL seen once costs one hash and no allocation beyond the
/// uncached work.
/// </summary>
/// <remarks>
/// <para>
/// Keyed by the logical URI's original string, whether it is absolute, and the endpoint instance (an update that
/// changes an endpoint replaces the instance, so its old entries simply stop matching). Only strings whose path
/// and query cannot be changed by URI canonicalization are cached (plain ASCII without escapes, backslashes or dot
/// segments), so a URI created with canonicalization disabled re-addresses exactly as the uncached path would, and
/// URIs created with the obsolete "don't escape" flag are never cached.
/// </para>
/// <para>Lock-free: entries are immutable and published with one reference write; a race only loses a cached entry.</para>
/// </remarks>
internal sealed class AddressCache
{
    /// <summary>Slots per group: a power of two.</summary>
    internal const int Slots = 256;

    /// <summary>Characters whose presence in a URI string never lets canonicalization change its path or query.</summary>
    private static readonly SearchValues<char> s_plain = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&:+,;@!$'()*");

    private readonly Entry?[] _entries = new Entry?[Slots];
    private readonly int[] _seen = new int[Slots];

    /// <summary>The endpoint's address for <paramref name="logical"/>, from the cache when the same pair was re-addressed before.</summary>
    public Uri Combine(Endpoint endpoint, Uri logical)
    {
        var original = logical.OriginalString;
        var absolute = logical.IsAbsoluteUri;
        var hash = original.GetHashCode() ^ RuntimeHelpers.GetHashCode(endpoint);
        var slot = hash & (Slots - 1);
        var entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null
            && ReferenceEquals(entry.Endpoint, endpoint)
            && entry.Absolute == absolute
            && string.Equals(entry.Original, original, StringComparison.Ordinal))
        {
            return entry.Address;
        }

        var address = RequestAddress.Combine(endpoint, logical);
        if (_seen[slot] != hash)
        {
            // First sighting: remember only a number. Storing every new address would put young objects into this
            // long-lived array on every call of a process that never repeats a URL, and each collection would then
            // have to keep them alive until the slot is overwritten.
            _seen[slot] = hash;
            return address;
        }

        if (IsCacheable(logical, original))
        {
            Volatile.Write(ref _entries[slot], new Entry(endpoint, original, absolute, address));
        }

        return address;
    }

    private static bool IsCacheable(Uri logical, string original) =>
        original.AsSpan().IndexOfAnyExcept(s_plain) < 0
        && !original.Contains("/.", StringComparison.Ordinal)
        && !(logical.IsAbsoluteUri && logical.UserEscaped);

    private sealed class Entry(Endpoint endpoint, string original, bool absolute, Uri address)
    {
        public Endpoint Endpoint { get; } = endpoint;

        public string Original { get; } = original;

        public bool Absolute { get; } = absolute;

        public Uri Address { get; } = address;
    }
}
