using System.Text;

namespace Resilient.Drills;

/// <summary>Renders a <see cref="DrillReport"/> as plain text for a console or a log.</summary>
internal static class DrillTextWriter
{
    public static string Summary(DrillReport report) =>
        $"Drill '{report.Name}' on group '{report.GroupName}' ({report.LoadBalancer}), {DrillFormat.Duration(report.Duration)}: "
        + $"{DrillFormat.Count(report.Calls)} calls, {DrillFormat.Count(report.FailedCalls)} failed, "
        + $"{DrillFormat.Count(report.ExtraAttempts)} extra attempts ({DrillFormat.Count(report.Retries)} retries, {DrillFormat.Count(report.Hedges)} hedges), "
        + $"{DrillFormat.Count(report.RetryBudgetExhaustions)} retries refused by the budget";

    public static string Write(DrillReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Summary(report));
        text.AppendLine($"Traffic: {report.Traffic}; {DrillFormat.Count(report.Attempts)} attempts on endpoints");
        WritePhases(text, report);
        WriteEpisodes(text, report);
        WriteShares(text, report);
        if (report.Errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Errors callers saw");
            foreach (var (message, count) in report.Errors)
            {
                text.AppendLine($"  {DrillFormat.Count(count),6} x {message}");
            }
        }

        return text.ToString();
    }

    private static void WritePhases(StringBuilder text, DrillReport report)
    {
        var width = Math.Max(6, report.Phases.Max(p => p.Name.Length)) + 2;
        text.AppendLine();
        text.AppendLine($"{"Phases".PadRight(width + 2)}{"start",8}{"calls",8}{"failed",8}{"extra",7}{"p50",9}{"p90",9}{"p99",9}{"max",9}");
        foreach (var phase in report.Phases)
        {
            text.Append("  ").Append(phase.Name.PadRight(width))
                .Append($"{DrillFormat.Offset(phase.Start),8}{DrillFormat.Count(phase.Calls),8}{DrillFormat.Count(phase.FailedCalls),8}{DrillFormat.Count(phase.ExtraAttempts),7}")
                .AppendLine($"{DrillFormat.Duration(phase.P50),9}{DrillFormat.Duration(phase.P90),9}{DrillFormat.Duration(phase.P99),9}{DrillFormat.Duration(phase.Max),9}");
            foreach (var action in phase.Actions)
            {
                text.AppendLine($"      - {action}");
            }
        }
    }

    private static void WriteEpisodes(StringBuilder text, DrillReport report)
    {
        var faulted = report.Endpoints.Where(e => e.Episodes.Count > 0).ToList();
        if (faulted.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Endpoints under fault");
        foreach (var endpoint in faulted)
        {
            text.AppendLine($"  {endpoint.Name} (zone {endpoint.Zone ?? "none"}, tier {endpoint.Tier})");
            foreach (var episode in endpoint.Episodes)
            {
                var restored = episode.RestoredAt is { } at ? $"restored at {DrillFormat.Offset(at)}" : "not restored during the drill";
                text.AppendLine($"    {string.Join("; ", episode.Faults)} (from {DrillFormat.Offset(episode.Start)}, {restored})");
                var rotation = episode.LeftRotationAfter is { } left
                    ? $"out of rotation after {DrillFormat.Duration(left)} ({episode.LeftRotationAs})"
                    : "stayed in rotation";
                text.AppendLine($"      traffic left after {DrillFormat.Duration(episode.TrafficLeftAfter, "- (it did not)")}; {rotation}");
                if (episode.RestoredAt is not null)
                {
                    var back = episode.BackInRotationAfter is { } b ? $"back in rotation after {DrillFormat.Duration(b)}; " : "";
                    text.AppendLine($"      {back}traffic back after {DrillFormat.Duration(episode.TrafficReturnedAfter, "- (not within the drill)")}");
                }

                text.AppendLine($"      {DrillFormat.Count(episode.FailedAttempts)} of {DrillFormat.Count(episode.Attempts)} attempts on it failed");
            }
        }
    }

    private static void WriteShares(StringBuilder text, DrillReport report)
    {
        var width = Math.Max(6, report.Phases.Max(p => p.Name.Length)) + 2;
        var column = Math.Max(5, report.Endpoints.Max(e => e.Name.Length) + 2);
        text.AppendLine();
        text.Append("Traffic share per phase (% of attempts)").AppendLine();
        text.Append("  ").Append("phase".PadRight(width));
        foreach (var endpoint in report.Endpoints)
        {
            text.Append(endpoint.Name.PadLeft(column));
        }

        text.AppendLine();
        foreach (var phase in report.Phases)
        {
            text.Append("  ").Append(phase.Name.PadRight(width));
            foreach (var endpoint in report.Endpoints)
            {
                text.Append(DrillFormat.Percent(phase.TrafficShare.GetValueOrDefault(endpoint.Name)).PadLeft(column));
            }

            text.AppendLine();
        }
    }
}
