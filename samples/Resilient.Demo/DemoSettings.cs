namespace Resilient.Demo;

/// <summary>The command line: <c>--quick</c> (10 to 15 s instead of about a minute), <c>--output DIR</c>, <c>--plain</c>.</summary>
internal sealed record DemoSettings(bool Quick, string Output, bool Plain)
{
    public const string Usage = """
        Resilient game-day demo: local backends in two zones and a standby tier, live traffic through an HttpClient
        with AddEndpointGroup, and a drill that kills, slows and breaks them, then restores everything.

        Options:
          --quick         a 12-second game day instead of about a minute
          --output DIR    where the report (text, JSON) and the chart go (default: artifacts/demo)
          --plain         print one line per second instead of the live table (the default when output is redirected)
          --help          this text
        """;

    /// <summary>How long each incident lasts.</summary>
    public TimeSpan Incident => Quick ? TimeSpan.FromSeconds(1.75) : TimeSpan.FromSeconds(10);

    public TimeSpan Steady => Quick ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(6);

    public TimeSpan Recovery => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(14);

    /// <summary>Short ejections and slow start, so recovery shows within the run.</summary>
    public TimeSpan BaseEjection => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);

    public TimeSpan ProbeInterval => Quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(1);

    public TimeSpan SlowStart => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    public static DemoSettings? Parse(string[] args)
    {
        var quick = false;
        var plain = Console.IsOutputRedirected;
        var output = Path.Combine("artifacts", "demo");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--plain":
                    plain = true;
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    return null;
            }
        }

        return new DemoSettings(quick, output, plain);
    }
}
