namespace Resilient.Benchmarks;

/// <summary>Endpoint addresses and the in-flight pattern shared by our fixtures and YARP's.</summary>
internal static class Fixtures
{
    /// <summary>
    /// How many requests are in flight on endpoint <paramref name="index"/> while measuring: every third endpoint
    /// carries 1 to 4, the rest are idle, so least-loaded balancers have real comparisons to make.
    /// </summary>
    public static int BusyCount(int index) => index % 3 == 0 ? 1 + (index / 3 % 4) : 0;

    public static string Address(int index) => $"http://10.0.{index / 250}.{(index % 250) + 1}:8080/";

    public static string Name(int index) => "e" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Weights 1, 2, 3, 1, 2, 3, ... when <paramref name="weighted"/>, otherwise all 1.</summary>
    public static int Weight(int index, bool weighted) => weighted ? 1 + (index % 3) : 1;
}
