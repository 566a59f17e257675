namespace Resilient;

/// <summary>
/// One immutable snapshot of a group: its members and, per tier, the candidates a pick may choose from.
/// Published through a single volatile field by the writer; readers take it once per pick and never see a
/// half-built set. See Selection/README.md for the invariants.
/// </summary>
internal sealed class GroupState
{
    public static readonly GroupState Empty = new([], [], [], 0);

    private readonly uint[] _thresholds;

    public GroupState(EndpointRuntime[] members, SelectionLevel[] levels, EndpointRuntime[] trials, long version)
    {
        Members = members;
        Levels = levels;
        Trials = trials;
        Version = version;
        _thresholds = new uint[levels.Length];
        var cumulative = 0.0;
        for (var i = 0; i < levels.Length; i++)
        {
            cumulative += levels[i].Share;
            _thresholds[i] = cumulative >= 1.0 ? uint.MaxValue : (uint)(cumulative * 4294967296.0);
        }

        FirstLevelTakesAll = levels.Length <= 1 || levels[0].Share >= 1.0;
    }

    /// <summary>Gets every endpoint in the group, available or not, in configuration order.</summary>
    public EndpointRuntime[] Members { get; }

    /// <summary>Gets the tiers that have at least one available candidate, lowest tier first.</summary>
    public SelectionLevel[] Levels { get; }

    /// <summary>Gets the endpoints whose ejection or backoff is over and whose next call is a trial (usually empty).</summary>
    public EndpointRuntime[] Trials { get; }

    public long Version { get; }

    /// <summary>Gets a value indicating whether every new call goes to the first level (no random draw needed).</summary>
    public bool FirstLevelTakesAll { get; }

    /// <summary>Chooses the level for a new call from 32 random bits, by the levels' shares.</summary>
    public int ChooseLevel(uint bits)
    {
        var thresholds = _thresholds;
        for (var i = 0; i < thresholds.Length - 1; i++)
        {
            if (bits < thresholds[i])
            {
                return i;
            }
        }

        return thresholds.Length - 1;
    }
}
