namespace Resilient.Drills;

/// <summary>An endpoint came under the drill's faults (<paramref name="Faulted"/>) or was freed of all of them.</summary>
internal readonly record struct FaultEntry(long At, string Endpoint, bool Faulted, string Faults);
