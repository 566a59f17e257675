namespace Resilient.Drills;

/// <summary>A phase as it ran: when it began (after its actions) and ended, and what its actions were.</summary>
internal sealed record PhaseEntry(string Name, long Start, long End, IReadOnlyList<string> Actions);
