namespace Resilient.Drills;

/// <summary>What a <see cref="DrillTarget"/> selects.</summary>
public enum DrillTargetKind
{
    /// <summary>One endpoint, by name or address.</summary>
    Endpoint = 0,

    /// <summary>Every endpoint of a zone.</summary>
    Zone = 1,

    /// <summary>Every endpoint of a tier (0 is the primary tier).</summary>
    Tier = 2,
}
