namespace Resilient.Drills;

/// <summary>One call as its caller saw it: when it started and ended (TimeProvider timestamps) and, if it failed, what the caller saw.</summary>
internal readonly record struct CallEntry(long Start, long End, string? Error);
