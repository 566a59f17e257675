using System.Globalization;
using Resilient.Drills;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Resilient.Demo;

/// <summary>The live console view: the running phase and totals, and each endpoint's state, share of traffic and latency.</summary>
internal sealed class LiveView
{
    private long _calls;
    private long _failed;
    private long _extra;

    public IRenderable Initial { get; } = new Markup("[grey]starting the game day...[/]");

    public IRenderable Render(DrillSample sample, DrillScript script)
    {
        _calls += sample.Calls;
        _failed += sample.FailedCalls;
        _extra += sample.ExtraAttempts;
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.Title = new TableTitle(
            $"[bold]{Markup.Escape(script.Name)}[/]  t = {sample.Offset.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s of {script.Duration.TotalSeconds:0} s   phase: [yellow]{Markup.Escape(sample.Phase)}[/]");
        table.Caption = new TableTitle(
            $"calls {_calls:N0}   failed as the caller saw it: {(_failed == 0 ? "[green]0[/]" : $"[red]{_failed:N0}[/]")}   extra attempts {_extra:N0}   p99 (last {0.25:0.00} s) {Ms(sample.P99)}");
        table.AddColumn("endpoint").AddColumn("zone").AddColumn("tier").AddColumn("state")
            .AddColumn(new TableColumn("share of traffic").Width(34)).AddColumn(new TableColumn("latency").RightAligned())
            .AddColumn(new TableColumn("in flight").RightAligned()).AddColumn(new TableColumn("failed attempts").RightAligned());
        foreach (var endpoint in sample.Endpoints)
        {
            table.AddRow(
                new Markup(endpoint.Name),
                new Markup(Fleet.ZoneOf(endpoint.Name)),
                new Markup(Fleet.TierOf(endpoint.Name) == 0 ? "primary" : "standby"),
                new Markup(State(endpoint.State)),
                new Markup(Bar(endpoint.Share)),
                new Markup(Ms(endpoint.LatencyEstimate)),
                new Markup(endpoint.InFlight.ToString(CultureInfo.InvariantCulture)),
                new Markup(endpoint.FailedAttempts == 0 ? "[grey]0[/]" : $"[red]{endpoint.FailedAttempts}[/]"));
        }

        return table;
    }

    private static string State(EndpointState state) => state switch
    {
        EndpointState.Available => "[green]available[/]",
        EndpointState.InTrial => "[yellow]in trial[/]",
        EndpointState.Drained => "[blue]drained[/]",
        _ => $"[red]{state.ToString().ToLowerInvariant()}[/]",
    };

    private static string Bar(double share)
    {
        var cells = (int)Math.Round(share * 25);
        return $"[blue]{new string('█', cells)}[/]{new string('·', 25 - cells)} {(share * 100).ToString("0", CultureInfo.InvariantCulture),3} %";
    }

    private static string Ms(TimeSpan? span) => span is { } value ? $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "-";
}
