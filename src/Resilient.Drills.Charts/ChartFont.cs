namespace Resilient.Drills;

/// <summary>Picks an installed sans-serif font (ScottPlot falls back to a serif face when the one asked for is missing).</summary>
internal static class ChartFont
{
    private static readonly string[] s_candidates = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];

    public static string Resolve()
    {
        foreach (var name in s_candidates)
        {
            if (string.Equals(ScottPlot.Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return ScottPlot.Fonts.Default;
    }
}
