using System.Globalization;

namespace Resilient.Drills;

/// <summary>Number and time formats shared by the text report (invariant culture).</summary>
internal static class DrillFormat
{
    /// <summary>Under a second in milliseconds (<c>12 ms</c>), else in seconds (<c>1.25 s</c>).</summary>
    public static string Duration(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? $"{span.TotalMilliseconds.ToString(span < TimeSpan.FromMilliseconds(10) ? "0.#" : "0", CultureInfo.InvariantCulture)} ms"
        : $"{span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    public static string Duration(TimeSpan? span, string none) => span is { } value ? Duration(value) : none;

    /// <summary>An offset from the drill's start: <c>12.3 s</c>.</summary>
    public static string Offset(TimeSpan span) => $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture);
}
