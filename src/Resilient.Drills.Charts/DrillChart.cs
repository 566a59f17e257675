namespace Resilient.Drills;

/// <summary>
/// Draws a <see cref="DrillReport"/> as a PNG: above, each endpoint's share of the group's attempts over time with
/// the fault phases shaded and named; below, the callers' p99 latency per sample, with failed calls marked.
/// </summary>
public static class DrillChart
{
    /// <summary>Renders the chart and writes it to <paramref name="path"/> (folders are created).</summary>
    /// <param name="report">The drill's report.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="width">The image's width in pixels; at least 400.</param>
    /// <param name="height">The image's height in pixels; at least 300.</param>
    /// <returns>The full path of the written file.</returns>
    public static string SavePng(DrillReport report, string path, int width = DrillChartDefaults.Width, int height = DrillChartDefaults.Height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = RenderPng(report, width, height);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Renders the chart as PNG bytes.</summary>
    /// <param name="report">The drill's report.</param>
    /// <param name="width">The image's width in pixels; at least 400.</param>
    /// <param name="height">The image's height in pixels; at least 300.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderPng(DrillReport report, int width = DrillChartDefaults.Width, int height = DrillChartDefaults.Height)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, DrillChartDefaults.MinimumWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, DrillChartDefaults.MinimumHeight);
        return DrillChartRenderer.Render(report, width, height);
    }
}
