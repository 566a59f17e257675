using System.Collections.ObjectModel;

namespace Resilient;

/// <summary>
/// An immutable description of one redundant instance of a service: where it is, how much traffic it should
/// take relative to its peers, which tier (primary or standby) and zone it belongs to.
/// </summary>
/// <remarks>
/// Endpoints are matched by <see cref="Address"/> when a group's endpoint set is updated, so an endpoint that
/// stays keeps its runtime state (in-flight count, latency estimate, health) even if its weight or name changes.
/// </remarks>
public sealed class Endpoint
{
    private static readonly IReadOnlyDictionary<string, string> s_noMetadata =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(0, StringComparer.Ordinal));

    /// <summary>Creates an endpoint.</summary>
    /// <param name="address">An absolute URI; it may carry a base path (<c>https://10.0.0.5:8443/api/</c>).</param>
    /// <param name="name">A short stable name for logs, metrics and operator commands; defaults to the address's authority (plus its base path, if any).</param>
    /// <param name="weight">The endpoint's relative share of traffic; must be positive.</param>
    /// <param name="tier">0 for the primary tier; 1, 2, ... for standby tiers.</param>
    /// <param name="zone">An optional locality such as <c>eu-1</c>.</param>
    /// <param name="metadata">Free-form key/value pairs for custom load balancers and diagnostics.</param>
    /// <exception cref="ArgumentException">The address is not absolute, the weight is not positive, or the tier is negative.</exception>
    public Endpoint(
        Uri address,
        string? name = null,
        int weight = EndpointDefaults.Weight,
        int tier = EndpointDefaults.Tier,
        string? zone = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{address.OriginalString}' is not an absolute URI.", nameof(address));
        }

        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "An endpoint's weight must be positive.");
        }

        if (tier < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "An endpoint's tier must be 0 (primary) or a positive standby tier.");
        }

        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An endpoint's name must not be blank; leave it null to use the address's authority.", nameof(name));
        }

        Address = address;
        Key = address.AbsoluteUri;
        var basePath = address.AbsolutePath.TrimEnd('/');
        RequestPrefix = address.GetLeftPart(UriPartial.Authority) + basePath;
        Name = name ?? DefaultName(address);
        Weight = weight;
        Tier = tier;
        Zone = string.IsNullOrEmpty(zone) ? null : zone;
        Metadata = metadata is null || metadata.Count == 0
            ? s_noMetadata
            : new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(metadata, StringComparer.Ordinal));
    }

    /// <summary>Creates an endpoint from an absolute URI string.</summary>
    /// <param name="address">An absolute URI string.</param>
    /// <exception cref="ArgumentException">The string is not an absolute URI.</exception>
    public Endpoint(string address)
        : this(ParseAddress(address))
    {
    }

    /// <summary>Gets the endpoint's absolute address, including any base path.</summary>
    public Uri Address { get; }

    /// <summary>Gets the endpoint's name (default: the authority of <see cref="Address"/>).</summary>
    public string Name { get; }

    /// <summary>Gets the endpoint's configured weight.</summary>
    /// <value>The default is 1.</value>
    public int Weight { get; }

    /// <summary>Gets the endpoint's tier: 0 is primary, higher numbers are standby tiers used when lower tiers lack capacity.</summary>
    /// <value>The default is 0.</value>
    public int Tier { get; }

    /// <summary>Gets the endpoint's zone, or <see langword="null"/> when it has none.</summary>
    public string? Zone { get; }

    /// <summary>Gets free-form metadata attached to the endpoint.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Gets the identity used to match endpoints across updates: the normalised absolute address.</summary>
    internal string Key { get; }

    /// <summary>Gets scheme, authority and base path without a trailing slash: a request's path and query are appended to it.</summary>
    internal string RequestPrefix { get; }

    /// <inheritdoc />
    public override string ToString() => Name == Address.Authority ? Key : $"{Name} ({Key})";

    internal static string DefaultName(Uri address)
    {
        var path = address.AbsolutePath;
        return path.Length <= 1 ? address.Authority : address.Authority + path.TrimEnd('/');
    }

    private static Uri ParseAddress(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not an absolute URI.", nameof(address));
        }

        return uri;
    }
}
