using System.Runtime.CompilerServices;

namespace Resilient.Http;

/// <summary>
/// What every handler of one group shares: the factory rotates handlers every few minutes, the group lives as long as
/// the container, so caches and pools hang off the group instance (and go with it).
/// </summary>
internal sealed class GroupHttpState
{
    private static readonly ConditionalWeakTable<EndpointGroup, GroupHttpState> s_byGroup = new();

    /// <summary>Gets the group's re-addressed URIs.</summary>
    public AddressCache Addresses { get; } = new();

    /// <summary>Gets the group's ended call operations, for reuse.</summary>
    public BoundedPool<HttpFailoverOperation> Operations { get; } = new(BoundedPool<HttpFailoverOperation>.DefaultCapacity);

    /// <summary>Gets the state shared by every handler of <paramref name="group"/>.</summary>
    public static GroupHttpState For(EndpointGroup group) => s_byGroup.GetValue(group, static _ => new GroupHttpState());
}
