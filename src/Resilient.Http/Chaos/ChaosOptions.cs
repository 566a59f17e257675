namespace Resilient.Http;

/// <summary>
/// Fault injection for one endpoint group (<c>Resilient:Groups:{name}:Chaos</c>). Nothing is injected unless
/// <see cref="Enabled"/> is set explicitly, whatever <see cref="Faults"/> lists.
/// </summary>
public sealed class ChaosOptions
{
    /// <summary>Gets or sets a value indicating whether the faults are injected.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets the faults; each applies to the attempts on the endpoints it targets, at its rate.</summary>
    /// <value>The default is an empty list.</value>
    public IList<ChaosFaultOptions> Faults { get; } = new List<ChaosFaultOptions>();

    /// <summary>Gets problems found while binding configuration onto these options, reported at validation.</summary>
    internal List<string> BindingErrors { get; } = [];
}
