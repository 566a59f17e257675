namespace Resilient;

/// <summary>
/// Writer side of the selection core: turns the members' descriptions, availability and health into a new
/// immutable <see cref="GroupState"/>, calling the balancer's <see cref="ILoadBalancer.Prepare"/> for each level.
/// Called only under the group's writer lock.
/// </summary>
/// <remarks>
/// A level is one tier, or with a local zone configured, one tier's local or remote endpoints. Tier shares follow
/// the overprovisioning rule on configured weights; within a tier the local zone takes the same rule's share of the
/// tier's traffic and the rest spills to the other zones. Effective weights (slow start) matter only inside a level.
/// </remarks>
internal static class GroupStateBuilder
{
    public static GroupState Build(EndpointRuntime[] members, ILoadBalancer balancer, long version, string? localZone)
    {
        if (members.Length == 0)
        {
            return new GroupState(members, [], [], version);
        }

        var tiers = DistinctTiers(members);
        var available = new double[tiers.Length];
        var total = new double[tiers.Length];
        foreach (var member in members)
        {
            var t = Array.BinarySearch(tiers, member.Endpoint.Tier);
            total[t] += member.Endpoint.Weight;
            available[t] += IsCandidate(member) ? member.Endpoint.Weight : 0;
        }

        var tierShares = new double[tiers.Length];
        TierShares.Compute(available, total, tierShares);
        var levels = new List<SelectionLevel>(tiers.Length * 2);
        for (var t = 0; t < tiers.Length; t++)
        {
            if (localZone is null)
            {
                AddLevel(levels, members, balancer, tiers[t], tierShares[t], static (_, _) => true, null);
                continue;
            }

            var localShare = LocalShare(members, tiers[t], localZone);
            AddLevel(levels, members, balancer, tiers[t], tierShares[t] * localShare, IsLocal, localZone);
            AddLevel(levels, members, balancer, tiers[t], tierShares[t] * (1 - localShare), static (e, zone) => !IsLocal(e, zone), localZone);
        }

        var trials = new List<EndpointRuntime>();
        foreach (var member in members)
        {
            if (member.Health.TrialPending && (member.Availability & EndpointAvailability.Drained) == 0)
            {
                trials.Add(member);
            }
        }

        return new GroupState(members, levels.ToArray(), trials.ToArray(), version);
    }

    /// <summary>In rotation: not drained and healthy.</summary>
    public static bool IsCandidate(EndpointRuntime member) =>
        member.Availability == EndpointAvailability.Available && member.Health.Status == EndpointHealthStatus.Healthy;

    /// <summary>The configured weight, reduced in equal steps from 10 % while the endpoint is in slow start.</summary>
    public static double EffectiveWeight(EndpointRuntime member)
    {
        var health = member.Health;
        var weight = (double)member.Endpoint.Weight;
        if (health.SlowStartBeginTimestamp == long.MinValue)
        {
            return weight;
        }

        var fraction = HealthDefaults.SlowStartInitialFraction
            + ((1 - HealthDefaults.SlowStartInitialFraction) * health.SlowStartStep / HealthDefaults.SlowStartSteps);
        return weight * fraction;
    }

    private static bool IsLocal(Endpoint endpoint, string? zone) => string.Equals(endpoint.Zone, zone, StringComparison.Ordinal);

    private static double LocalShare(EndpointRuntime[] members, int tier, string localZone)
    {
        double available = 0, total = 0;
        foreach (var member in members)
        {
            var endpoint = member.Endpoint;
            if (endpoint.Tier == tier && IsLocal(endpoint, localZone))
            {
                total += endpoint.Weight;
                available += IsCandidate(member) ? endpoint.Weight : 0;
            }
        }

        return total <= 0 ? 0 : Math.Min(1.0, TierShares.OverprovisioningFactor * available / total);
    }

    private static void AddLevel(List<SelectionLevel> levels, EndpointRuntime[] members, ILoadBalancer balancer, int tier, double share, Func<Endpoint, string?, bool> filter, string? zone)
    {
        var candidates = new List<EndpointCandidate>();
        foreach (var member in members)
        {
            var endpoint = member.Endpoint;
            if (endpoint.Tier == tier && IsCandidate(member) && filter(endpoint, zone))
            {
                candidates.Add(new EndpointCandidate(member, EffectiveWeight(member)));
            }
        }

        if (candidates.Count > 0)
        {
            var list = candidates.ToArray();
            levels.Add(new SelectionLevel(tier, list, balancer.Prepare(list), share));
        }
    }

    private static int[] DistinctTiers(EndpointRuntime[] members)
    {
        var set = new SortedSet<int>();
        foreach (var member in members)
        {
            set.Add(member.Endpoint.Tier);
        }

        return [.. set];
    }
}
