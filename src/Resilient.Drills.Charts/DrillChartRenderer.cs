using ScottPlot;

namespace Resilient.Drills;

/// <summary>Builds the two stacked plots of a drill chart with ScottPlot and renders them to PNG.</summary>
internal static class DrillChartRenderer
{
    public static byte[] Render(DrillReport report, int width, int height)
    {
        var font = ChartFont.Resolve();
        var share = new Plot();
        var latency = new Plot();
        var xs = report.Samples.Select(s => s.Offset.TotalSeconds).ToArray();
        var end = Math.Max(report.Duration.TotalSeconds, xs.LastOrDefault());
        foreach (var plot in new[] { share, latency })
        {
            plot.Font.Set(font);
            ShadeFaultPhases(plot, report);
            plot.Layout.Fixed(new PixelPadding(DrillChartDefaults.PaddingLeft, DrillChartDefaults.PaddingRight, DrillChartDefaults.PaddingBottom, DrillChartDefaults.PaddingTop));
            plot.ShowLegend(Edge.Right);
        }

        DrawShares(share, report, xs);
        DrawLatency(latency, report, xs);
        share.Title($"Drill '{report.Name}' on group '{report.GroupName}' ({report.LoadBalancer}): {report.Calls:N0} calls, {report.FailedCalls:N0} failed, {report.ExtraAttempts:N0} extra attempts");
        share.Axes.Left.Label.Text = "share of attempts (%, stacked)";
        share.Axes.SetLimits(0, end, 0, DrillChartDefaults.ShareAxisTop);
        LabelPhases(share, report, font);
        latency.Axes.Left.Label.Text = "callers' p99 (ms)";
        latency.Axes.Bottom.Label.Text = "seconds since the drill started";
        latency.Axes.SetLimitsX(0, end);

        var chart = new Multiplot();
        chart.AddPlot(share);
        chart.AddPlot(latency);
        chart.SharedAxes.ShareX([share, latency]);
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(share, new GridCell(0, 0, 3, 1, 2, 1));
        layout.Set(latency, new GridCell(2, 0, 3, 1, 1, 1));
        chart.Layout = layout;
        return chart.Render(width, height).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>Each endpoint is a band; the bands of one sample add up to 100 % of that interval's attempts.</summary>
    private static void DrawShares(Plot plot, DrillReport report, double[] xs)
    {
        var below = new double[xs.Length];
        for (var i = 0; i < report.Endpoints.Count; i++)
        {
            var endpoint = report.Endpoints[i];
            var above = new double[xs.Length];
            for (var s = 0; s < xs.Length; s++)
            {
                above[s] = below[s] + (100 * (report.Samples[s].Endpoints.FirstOrDefault(e => e.Name == endpoint.Name)?.Share ?? 0));
            }

            var colour = Color.FromHex(DrillChartDefaults.Palette[i % DrillChartDefaults.Palette.Length]);
            var band = plot.Add.FillY(xs, below, above);
            band.FillStyle.Color = colour.WithAlpha(0.75);
            band.LineStyle.Color = colour;
            band.LineStyle.Width = 1;
            band.LegendText = $"{endpoint.Name} ({(endpoint.Tier == 0 ? "primary" : $"tier {endpoint.Tier}")}{(endpoint.Zone is null ? "" : $", {endpoint.Zone}")})";
            below = above;
        }
    }

    private static void DrawLatency(Plot plot, DrillReport report, double[] xs)
    {
        var p99 = report.Samples.Select(s => s.P99?.TotalMilliseconds ?? double.NaN).ToArray();
        var line = plot.Add.ScatterLine(xs, p99, Color.FromHex("#333333"));
        line.LineWidth = 2;
        line.LegendText = "p99 per sample";
        var failed = report.Samples.Where(s => s.FailedCalls > 0).ToArray();
        if (failed.Length > 0)
        {
            var marks = plot.Add.ScatterPoints(failed.Select(s => s.Offset.TotalSeconds).ToArray(), failed.Select(s => s.P99?.TotalMilliseconds ?? 0).ToArray(), Colors.Red);
            marks.MarkerSize = 9;
            marks.LegendText = "failed calls";
        }
    }

    /// <summary>Phases during which some endpoint was under the drill's faults are shaded, alternating two colours.</summary>
    private static void ShadeFaultPhases(Plot plot, DrillReport report)
    {
        var shade = 0;
        foreach (var phase in report.Phases)
        {
            var faulted = report.Endpoints.Any(e => e.Episodes.Any(x => x.Start < phase.End && (x.RestoredAt ?? TimeSpan.MaxValue) > phase.Start));
            if (faulted)
            {
                var span = plot.Add.HorizontalSpan(phase.Start.TotalSeconds, phase.End.TotalSeconds, Color.FromHex(DrillChartDefaults.PhaseShades[shade++ % 2]).WithAlpha(0.6));
                span.LineStyle.Width = 0;
            }
        }
    }

    private static void LabelPhases(Plot plot, DrillReport report, string font)
    {
        for (var i = 0; i < report.Phases.Count; i++)
        {
            var phase = report.Phases[i];
            var label = plot.Add.Text(phase.Name, phase.Start.TotalSeconds, i % 2 == 0 ? DrillChartDefaults.ShareAxisTop - 1 : DrillChartDefaults.ShareAxisTop - 6);
            label.LabelFontSize = 13;
            label.LabelFontName = font;
            label.LabelBold = true;
            label.LabelAlignment = Alignment.UpperLeft;
        }
    }
}
