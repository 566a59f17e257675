namespace Resilient.Drills;

/// <summary>An attempt beyond a call's first (<c>resilient.failover.attempts</c>): a retry or a hedge.</summary>
internal readonly record struct ExtraAttemptEntry(long At, bool Hedge);
