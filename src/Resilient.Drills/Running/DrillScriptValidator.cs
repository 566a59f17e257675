using Resilient.Http;

namespace Resilient.Drills;

/// <summary>Checks a script against the group before anything runs, so a typo fails at once instead of mid-drill.</summary>
internal static class DrillScriptValidator
{
    public static void Validate(DrillScript script, EndpointGroup group, ChaosController? chaos)
    {
        if (script.Phases.Count == 0)
        {
            throw new ArgumentException($"Drill '{script.Name}' has no phases.", nameof(script));
        }

        var endpoints = group.Endpoints;
        foreach (var phase in script.Phases)
        {
            foreach (var action in phase.Actions)
            {
                if (action.Target is { } target && !endpoints.Any(target.Matches))
                {
                    throw new ArgumentException(
                        $"Drill '{script.Name}', phase '{phase.Name}', action '{action}': {target} matches no endpoint of group '{group.Name}' (endpoints: {string.Join(", ", endpoints.Select(e => $"{e.Name} zone {e.Zone ?? "none"} tier {e.Tier}"))}).",
                        nameof(script));
                }

                if (action.Kind != DrillActionKind.Fault)
                {
                    continue;
                }

                if (chaos is null)
                {
                    throw new InvalidOperationException(
                        $"Drill '{script.Name}', phase '{phase.Name}', action '{action}': injecting faults needs chaos for group '{group.Name}': add it with AddChaos(\"{group.Name}\", chaos => chaos.Enabled = true) and give the runner its ChaosController.");
                }

                if (!chaos.Enabled)
                {
                    throw new InvalidOperationException(
                        $"Drill '{script.Name}', phase '{phase.Name}', action '{action}': chaos is disabled for group '{group.Name}'. Fault injection is only ever on when enabled explicitly: set Resilient:Groups:{group.Name}:Chaos:Enabled to true, ChaosOptions.Enabled in AddChaos, or ChaosController.Enabled.");
                }
            }
        }
    }
}
