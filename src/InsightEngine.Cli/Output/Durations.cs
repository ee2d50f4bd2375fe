using System.Globalization;

namespace InsightEngine.Cli.Output;

/// <summary>Human-readable durations for tables: <c>45s</c>, <c>12m 05s</c>, <c>3h 07m</c>, <c>2d 04h</c>.</summary>
public static class Durations
{
    /// <summary>Formats seconds; null as an em dash.</summary>
    public static string Format(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "—";
        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalSeconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{t.Seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m {t.Seconds:D2}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{t.Hours}h {t.Minutes:D2}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays}d {t.Hours:D2}h"),
        };
    }
}
