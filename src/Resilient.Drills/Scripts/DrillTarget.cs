using System.Globalization;
using Resilient.Http;

namespace Resilient.Drills;

/// <summary>The endpoints a drill action acts on: one endpoint, a zone, or a tier. Two targets are equal when they select the same way.</summary>
public sealed class DrillTarget : IEquatable<DrillTarget>
{
    private DrillTarget(DrillTargetKind kind, string value, int tier)
    {
        Kind = kind;
        Value = value;
        TierNumber = tier;
    }

    /// <summary>Gets what the target selects.</summary>
    public DrillTargetKind Kind { get; }

    /// <summary>Gets the endpoint's name or address, the zone, or the tier number as text.</summary>
    public string Value { get; }

    private int TierNumber { get; }

    /// <summary>Selects one endpoint.</summary>
    /// <param name="nameOrAddress">The endpoint's name or address.</param>
    /// <returns>The target.</returns>
    public static DrillTarget Endpoint(string nameOrAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrAddress);
        return new DrillTarget(DrillTargetKind.Endpoint, nameOrAddress, -1);
    }

    /// <summary>Selects every endpoint of a zone.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>The target.</returns>
    public static DrillTarget Zone(string zone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        return new DrillTarget(DrillTargetKind.Zone, zone, -1);
    }

    /// <summary>Selects every endpoint of a tier.</summary>
    /// <param name="tier">The tier: 0 is primary, 1, 2, ... standby.</param>
    /// <returns>The target.</returns>
    public static DrillTarget Tier(int tier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tier);
        return new DrillTarget(DrillTargetKind.Tier, tier.ToString(CultureInfo.InvariantCulture), tier);
    }

    /// <summary>Tells whether the target selects <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">An endpoint of the group.</param>
    /// <returns><see langword="true"/> when selected.</returns>
    public bool Matches(Resilient.Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Kind switch
        {
            DrillTargetKind.Endpoint => string.Equals(endpoint.Name, Value, StringComparison.Ordinal)
                || string.Equals(endpoint.Address.AbsoluteUri, Value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(endpoint.Address.OriginalString, Value, StringComparison.OrdinalIgnoreCase),
            DrillTargetKind.Zone => string.Equals(endpoint.Zone, Value, StringComparison.Ordinal),
            _ => endpoint.Tier == TierNumber,
        };
    }

    /// <inheritdoc />
    public bool Equals(DrillTarget? other) => other is not null && other.Kind == Kind && string.Equals(other.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DrillTarget);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>Describes the target: <c>a1</c>, <c>zone eu-1</c> or <c>tier 0</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        DrillTargetKind.Endpoint => Value,
        DrillTargetKind.Zone => $"zone {Value}",
        _ => $"tier {Value}",
    };

    /// <summary>The chaos fault that acts on exactly this target's endpoints.</summary>
    internal ChaosFaultOptions ToFault(ChaosFaultKind kind)
    {
        var fault = new ChaosFaultOptions { Kind = kind };
        switch (Kind)
        {
            case DrillTargetKind.Endpoint:
                fault.Endpoints.Add(Value);
                break;
            case DrillTargetKind.Zone:
                fault.Zones.Add(Value);
                break;
            default:
                fault.Tiers.Add(TierNumber);
                break;
        }

        return fault;
    }
}
