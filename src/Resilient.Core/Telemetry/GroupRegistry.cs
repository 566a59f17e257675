namespace Resilient;

/// <summary>The live groups of the process, for observable instruments. Weakly held, so an undisposed group can still be collected.</summary>
internal static class GroupRegistry
{
    private static readonly Lock s_lock = new();
    private static readonly List<WeakReference<EndpointGroup>> s_groups = [];

    public static void Add(EndpointGroup group)
    {
        lock (s_lock)
        {
            s_groups.RemoveAll(w => !w.TryGetTarget(out _));
            s_groups.Add(new WeakReference<EndpointGroup>(group));
        }
    }

    public static void Remove(EndpointGroup group)
    {
        lock (s_lock)
        {
            s_groups.RemoveAll(w => !w.TryGetTarget(out var g) || ReferenceEquals(g, group));
        }
    }

    public static List<EndpointGroup> Live()
    {
        var live = new List<EndpointGroup>();
        lock (s_lock)
        {
            foreach (var weak in s_groups)
            {
                if (weak.TryGetTarget(out var group))
                {
                    live.Add(group);
                }
            }
        }

        return live;
    }
}
