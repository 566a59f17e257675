namespace Resilient.TestUtils;

/// <summary>Drives a group's health directly in tests: outcomes on a named endpoint, states by name.</summary>
internal static class GroupTestExtensions
{
    /// <summary>Records one ordinary (non-trial) attempt on the named endpoint, as if a call had picked it.</summary>
    public static void Record(this EndpointGroup group, string name, EndpointOutcome outcome, TimeSpan retryAfter = default, int times = 1)
    {
        var runtime = group.FindRuntime(name) ?? throw new ArgumentException($"no endpoint '{name}'", nameof(name));
        for (var i = 0; i < times; i++)
        {
            runtime.TryEnter();
            var now = runtime.Clock.GetTimestamp();
            runtime.Complete(outcome, now, now, retryAfter, trial: false);
        }
    }

    public static EndpointSnapshot Snapshot(this EndpointGroup group, string name) =>
        group.GetSnapshot().Endpoints.Single(e => e.Name == name);

    public static EndpointState State(this EndpointGroup group, string name) => group.Snapshot(name).State;

    /// <summary>Picks until it finds a lease on the named endpoint (bounded), completing the others as cancelled.</summary>
    public static EndpointLease AcquireOn(this EndpointGroup group, string name, int maxPicks = 1_000)
    {
        for (var i = 0; i < maxPicks; i++)
        {
            if (!group.TryAcquire(out var lease))
            {
                break;
            }

            if (lease.Endpoint!.Name == name)
            {
                return lease;
            }

            lease.Complete(EndpointOutcome.Cancelled);
        }

        throw new InvalidOperationException($"no pick reached '{name}' in {maxPicks} tries");
    }

    /// <summary>Counts picks per endpoint name over <paramref name="picks"/> calls, each completed as a success.</summary>
    public static Dictionary<string, int> Distribution(this EndpointGroup group, int picks)
    {
        var counts = group.Endpoints.ToDictionary(e => e.Name, _ => 0);
        for (var i = 0; i < picks; i++)
        {
            if (group.TryAcquire(out var lease))
            {
                counts[lease.Endpoint!.Name]++;
                lease.Complete(EndpointOutcome.Success);
            }
        }

        return counts;
    }
}
