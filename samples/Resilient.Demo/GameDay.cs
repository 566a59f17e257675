using Resilient.Drills;

namespace Resilient.Demo;

/// <summary>
/// The game day: one incident after another, each restored as the next begins, then everything restored. Processes
/// are killed for real (active health probes see that too); slowness and 500s are injected by chaos.
/// </summary>
internal static class GameDay
{
    public static DrillScript Script(Fleet fleet, DemoSettings settings)
    {
        var a1 = DrillTarget.Endpoint("a1");
        var a2 = DrillTarget.Endpoint("a2");
        var b1 = DrillTarget.Endpoint("b1");
        var primaries = DrillTarget.Tier(0);
        var killA1 = DrillAction.Custom(
            "kill a1 (its process stops: connections reset, then refused)",
            _ => new ValueTask(fleet["a1"].KillAsync()),
            _ => new ValueTask(fleet["a1"].RestartAsync()),
            a1);
        var killPrimaries = DrillAction.Custom(
            "kill a1, a2, b1 and b2 (the whole primary tier)",
            _ => new ValueTask(Task.WhenAll(fleet.Primaries.Select(b => b.KillAsync()))),
            _ => new ValueTask(Task.WhenAll(fleet.Primaries.Select(b => b.RestartAsync()))),
            primaries);
        return new DrillScript(settings.Quick ? "game day (quick)" : "game day")
            .Phase("steady", settings.Steady)
            .Phase("a1 killed", settings.Incident, killA1)
            .Phase("a2 slow", settings.Incident, DrillAction.Restore(a1), DrillAction.Slow(a2, TimeSpan.FromMilliseconds(300)))
            .Phase("b1 answers 500", settings.Incident, DrillAction.Restore(a2), DrillAction.Fail(b1, 500))
            .Phase("primary tier down", settings.Incident, DrillAction.Restore(b1), killPrimaries)
            .Phase("all restored", settings.Recovery, DrillAction.RestoreAll());
    }
}
