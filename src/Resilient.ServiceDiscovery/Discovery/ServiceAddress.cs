using Microsoft.Extensions.ServiceDiscovery;

namespace Resilient.ServiceDiscovery;

/// <summary>
/// A service name as the user wrote it (<c>https+http://catalog/api/</c>, <c>http://_grpc.catalog</c>, <c>catalog</c>),
/// split into what each side needs: the query Microsoft.Extensions.ServiceDiscovery resolves, the group's name (the
/// logical host requests are addressed to), the base path every discovered endpoint keeps, and the scheme given to
/// endpoints that resolve to a bare host and port.
/// </summary>
internal sealed class ServiceAddress
{
    private const string NoScheme = "fakescheme://";

    private ServiceAddress(string original, string query, string groupName, string basePath, string defaultScheme)
    {
        Original = original;
        Query = query;
        GroupName = groupName;
        BasePath = basePath;
        DefaultScheme = defaultScheme;
    }

    /// <summary>Gets the service name exactly as given.</summary>
    public string Original { get; }

    /// <summary>Gets the name passed to the resolver: schemes and authority, without the base path.</summary>
    public string Query { get; }

    /// <summary>Gets the group's name: the service name's host, which is the host of requests routed through the group.</summary>
    public string GroupName { get; }

    /// <summary>Gets the base path appended to every discovered endpoint (<c>/api/</c>), or empty.</summary>
    public string BasePath { get; }

    /// <summary>Gets the scheme for endpoints discovered as a host and port: the first of http or https the name lists; http when it lists none.</summary>
    public string DefaultScheme { get; }

    /// <summary>Parses a service name.</summary>
    /// <exception cref="ArgumentException">The name cannot be parsed, or lists schemes but neither http nor https, or carries a query or fragment.</exception>
    public static ServiceAddress Parse(string serviceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var hasScheme = serviceName.Contains("://", StringComparison.Ordinal);
        if (!ServiceEndpointQuery.TryParse(serviceName, out _)
            || !Uri.TryCreate(hasScheme ? serviceName : NoScheme + serviceName, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{serviceName}' is not a service name (examples: 'catalog', 'http://catalog', 'https+http://catalog/api/').", nameof(serviceName));
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"'{serviceName}': a service name may carry a base path but no query or fragment.", nameof(serviceName));
        }

        var defaultScheme = Uri.UriSchemeHttp;
        if (hasScheme)
        {
            defaultScheme = FirstHttpScheme(uri.Scheme)
                ?? throw new ArgumentException($"'{serviceName}': the schemes '{uri.Scheme}' include neither http nor https.", nameof(serviceName));
        }

        var path = uri.AbsolutePath;
        var basePath = path.Length <= 1 ? string.Empty : path.EndsWith('/') ? path : path + "/";
        var query = hasScheme ? $"{uri.Scheme}://{uri.Authority}" : uri.Authority;
        return new ServiceAddress(serviceName, query, uri.Host, basePath, defaultScheme);
    }

    /// <inheritdoc />
    public override string ToString() => Original;

    private static string? FirstHttpScheme(string schemes)
    {
        foreach (var scheme in schemes.Split('+'))
        {
            if (scheme is "http" or "https")
            {
                return scheme;
            }
        }

        return null;
    }
}
