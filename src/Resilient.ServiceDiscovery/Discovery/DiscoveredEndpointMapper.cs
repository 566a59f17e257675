using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.ServiceDiscovery;

namespace Resilient.ServiceDiscovery;

/// <summary>
/// Turns what Microsoft.Extensions.ServiceDiscovery resolved into Resilient endpoints: a URI keeps its scheme, host,
/// port and path; a bare host and port (DNS, DNS SRV, <c>host:port</c> in configuration) takes the service name's
/// scheme; the service name's base path is appended to every endpoint; <see cref="IResilientEndpointFeature"/> supplies
/// weight, tier, zone, name and metadata.
/// </summary>
internal static class DiscoveredEndpointMapper
{
    /// <summary>Maps every usable endpoint, once each (the first of a repeated address or name wins).</summary>
    /// <param name="discovered">What the resolver returned.</param>
    /// <param name="service">The service name the group was registered with.</param>
    /// <param name="skipped">Receives one line per endpoint left out, saying why.</param>
    public static List<Endpoint> Map(IReadOnlyList<ServiceEndpoint> discovered, ServiceAddress service, List<string> skipped)
    {
        var endpoints = new List<Endpoint>(discovered.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var serviceEndpoint in discovered)
        {
            var endpoint = TryMap(serviceEndpoint, service, out var problem);
            if (endpoint is null)
            {
                skipped.Add($"{serviceEndpoint}: {problem}");
            }
            else if (!keys.Add(endpoint.Key))
            {
                // DNS answers and configuration can repeat an address; one endpoint per address is what the group expects.
                continue;
            }
            else if (!names.Add(endpoint.Name))
            {
                skipped.Add($"{serviceEndpoint}: the name '{endpoint.Name}' is already used by another discovered endpoint.");
            }
            else
            {
                endpoints.Add(endpoint);
            }
        }

        return endpoints;
    }

    /// <summary>Maps one discovered endpoint, or says why it cannot be used.</summary>
    public static Endpoint? TryMap(ServiceEndpoint serviceEndpoint, ServiceAddress service, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(serviceEndpoint);
        var authority = Authority(serviceEndpoint.EndPoint, service, out var endpointPath, out problem);
        if (authority is null)
        {
            return null;
        }

        if (!Uri.TryCreate(authority + CombinePaths(endpointPath, service.BasePath), UriKind.Absolute, out var address))
        {
            problem = $"'{authority}' does not make an absolute URI.";
            return null;
        }

        var feature = serviceEndpoint.Features.Get<IResilientEndpointFeature>();
        if (feature is null)
        {
            return new Endpoint(address);
        }

        if (feature.Weight <= 0 || feature.Tier < 0 || (feature.Name is not null && string.IsNullOrWhiteSpace(feature.Name)))
        {
            problem = $"its {nameof(IResilientEndpointFeature)} is invalid (Weight {feature.Weight} must be positive, Tier {feature.Tier} not negative, Name '{feature.Name}' not blank).";
            return null;
        }

        return new Endpoint(address, feature.Name, feature.Weight, feature.Tier, feature.Zone, feature.Metadata);
    }

    /// <summary><c>scheme://host[:port]</c> for an endpoint, and the path it carries itself (URIs only).</summary>
    private static string? Authority(EndPoint? endPoint, ServiceAddress service, out string path, out string? problem)
    {
        path = string.Empty;
        problem = null;
        switch (endPoint)
        {
            case UriEndPoint { Uri: { IsAbsoluteUri: true } uri }:
                if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                {
                    problem = $"the scheme '{uri.Scheme}' is neither http nor https.";
                    return null;
                }

                path = uri.AbsolutePath;
                return uri.GetLeftPart(UriPartial.Authority);
            case IPEndPoint ip:
                var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString();
                return HostAndPort(service.DefaultScheme, host, ip.Port);
            case DnsEndPoint dns when dns.Host.Length > 0:
                return HostAndPort(service.DefaultScheme, dns.Host, dns.Port);
            default:
                problem = $"an endpoint of type {endPoint?.GetType().Name ?? "null"} has no HTTP address.";
                return null;
        }
    }

    private static string HostAndPort(string scheme, string host, int port) =>
        port > 0 ? string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{port}") : $"{scheme}://{host}";

    /// <summary>The endpoint's own path, then the service name's base path, ending in a slash (<c>/v1/api/</c>); <c>/</c> when both are empty.</summary>
    private static string CombinePaths(string endpointPath, string basePath)
    {
        var head = endpointPath.TrimEnd('/');
        var tail = basePath.Trim('/');
        return tail.Length == 0 ? head + "/" : $"{head}/{tail}/";
    }
}
