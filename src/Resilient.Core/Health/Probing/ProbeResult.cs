namespace Resilient;

/// <summary>The verdict of one active health probe (<see cref="IEndpointProbe"/>).</summary>
/// <remarks>
/// The healthy result carries nothing, so a probe that completes synchronously with
/// <see cref="Healthy"/> allocates nothing.
/// </remarks>
public readonly struct ProbeResult : IEquatable<ProbeResult>
{
    private ProbeResult(bool isHealthy, string? reason)
    {
        IsHealthy = isHealthy;
        Reason = reason;
    }

    /// <summary>Gets the result of a probe that found the endpoint healthy.</summary>
    public static ProbeResult Healthy => new(isHealthy: true, reason: null);

    /// <summary>Gets a value indicating whether the endpoint answered the probe as healthy.</summary>
    /// <remarks>The default value of the struct is unhealthy, so a forgotten assignment never vouches for an endpoint.</remarks>
    public bool IsHealthy { get; }

    /// <summary>Gets why the endpoint was found unhealthy (for logs and events), or <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>Compares two results by health and reason.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> if both have the same health and reason.</returns>
    public static bool operator ==(ProbeResult left, ProbeResult right) => left.Equals(right);

    /// <summary>Compares two results by health and reason.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    /// <returns><see langword="true"/> if they differ in health or reason.</returns>
    public static bool operator !=(ProbeResult left, ProbeResult right) => !left.Equals(right);

    /// <summary>Creates the result of a probe that found the endpoint unhealthy.</summary>
    /// <param name="reason">A short explanation such as <c>HTTP 503</c>, for logs and events.</param>
    /// <returns>An unhealthy result.</returns>
    public static ProbeResult Unhealthy(string? reason = null) => new(isHealthy: false, reason);

    /// <inheritdoc />
    public bool Equals(ProbeResult other) => IsHealthy == other.IsHealthy && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProbeResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsHealthy, Reason is null ? 0 : StringComparer.Ordinal.GetHashCode(Reason));

    /// <inheritdoc />
    public override string ToString() => IsHealthy ? "Healthy" : Reason is null ? "Unhealthy" : $"Unhealthy: {Reason}";
}
