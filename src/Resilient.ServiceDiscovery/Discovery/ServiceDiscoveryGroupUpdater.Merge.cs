using Microsoft.Extensions.ServiceDiscovery;

namespace Resilient.ServiceDiscovery;

/// <summary>The merge: a resolved set becomes the group's endpoints the way a configuration reload does.</summary>
internal sealed partial class ServiceDiscoveryGroupUpdater
{
    private void Apply(EndpointGroup group, ServiceEndpointSource source)
    {
        if (ReferenceEquals(source, _lastSource))
        {
            return;
        }

        _lastSource = source;
        var skipped = new List<string>();
        var endpoints = DiscoveredEndpointMapper.Map(source.Endpoints, Service, skipped);
        foreach (var reason in skipped)
        {
            ServiceDiscoveryLog.EndpointSkipped(_logger, group.Name, Service.Original, reason);
        }

        var current = group.Endpoints;
        if (endpoints.Count == 0)
        {
            // As a configuration edit without endpoints is rejected, an empty answer (often a transient DNS or
            // registry hiccup) does not empty the group; health tracking deals with endpoints that really went away.
            ServiceDiscoveryLog.NoEndpointsResolved(_logger, group.Name, Service.Original, current.Count);
            return;
        }

        if (SameEndpoints(current, endpoints))
        {
            return;
        }

        var removed = new HashSet<string>(current.Count, StringComparer.Ordinal);
        foreach (var endpoint in current)
        {
            removed.Add(endpoint.Key);
        }

        var added = 0;
        foreach (var endpoint in endpoints)
        {
            added += removed.Remove(endpoint.Key) ? 0 : 1;
        }

        group.UpdateEndpoints(endpoints);
        ServiceDiscoveryLog.EndpointsUpdated(_logger, group.Name, Service.Original, endpoints.Count, added, removed.Count);
    }

    private static bool SameEndpoints(IReadOnlyList<Endpoint> current, List<Endpoint> next)
    {
        if (current.Count != next.Count)
        {
            return false;
        }

        for (var i = 0; i < next.Count; i++)
        {
            var (a, b) = (current[i], next[i]);
            if (a.Key != b.Key || a.Name != b.Name || a.Weight != b.Weight || a.Tier != b.Tier || a.Zone != b.Zone || !SameMetadata(a.Metadata, b.Metadata))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
