namespace Resilient;

/// <summary>
/// Writer side of the selection core: turns the members' current descriptions and availability into a new
/// immutable <see cref="GroupState"/>, calling the balancer's <see cref="ILoadBalancer.Prepare"/> for each tier.
/// Called only under the group's writer lock.
/// </summary>
internal static class GroupStateBuilder
{
    public static GroupState Build(EndpointRuntime[] members, ILoadBalancer balancer, long version)
    {
        if (members.Length == 0)
        {
            return new GroupState(members, [], version);
        }

        var tiers = DistinctTiers(members);
        var available = new double[tiers.Length];
        var total = new double[tiers.Length];
        var candidates = new List<EndpointCandidate>[tiers.Length];
        for (var t = 0; t < tiers.Length; t++)
        {
            candidates[t] = [];
        }

        foreach (var member in members)
        {
            var endpoint = member.Endpoint;
            var t = Array.BinarySearch(tiers, endpoint.Tier);
            total[t] += endpoint.Weight;
            if (member.Availability == EndpointAvailability.Available)
            {
                available[t] += endpoint.Weight;
                candidates[t].Add(new EndpointCandidate(member, endpoint.Weight));
            }
        }

        var shares = new double[tiers.Length];
        TierShares.Compute(available, total, shares);
        var levels = new List<SelectionLevel>(tiers.Length);
        for (var t = 0; t < tiers.Length; t++)
        {
            if (candidates[t].Count == 0)
            {
                continue;
            }

            var list = candidates[t].ToArray();
            levels.Add(new SelectionLevel(tiers[t], list, balancer.Prepare(list), shares[t]));
        }

        return new GroupState(members, levels.ToArray(), version);
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
