namespace Resilient.Drills;

/// <summary>Sizes and colours of drill charts.</summary>
internal static class DrillChartDefaults
{
    /// <summary>The default width in pixels.</summary>
    internal const int Width = 1400;

    /// <summary>The default height in pixels.</summary>
    internal const int Height = 900;

    internal const int MinimumWidth = 400;

    internal const int MinimumHeight = 300;

    /// <summary>The top of the share axis: room above 100 % for the phase names.</summary>
    internal const double ShareAxisTop = 116;

    internal const float PaddingLeft = 80;

    internal const float PaddingRight = 220;

    internal const float PaddingBottom = 50;

    internal const float PaddingTop = 40;

    /// <summary>Line colours, one per endpoint in configuration order (repeating): distinct, colour-blind friendly (Okabe-Ito).</summary>
    internal static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>The two alternating shades of fault phases.</summary>
    internal static readonly string[] PhaseShades = ["#FDE2E2", "#FFF1D6"];
}
