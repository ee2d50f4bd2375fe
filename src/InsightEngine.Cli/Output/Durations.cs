namespace InsightEngine.Cli.Output;

/// <summary>Durations in tables: the engine's one formatter (45 s, 12 min, 2 h 10 min), an em dash when missing.</summary>
public static class Durations
{
    /// <summary>Formats seconds; null as an em dash.</summary>
    public static string Format(double? seconds) => InsightEngine.Reporting.HumanDuration.Format(seconds, "—");
}
