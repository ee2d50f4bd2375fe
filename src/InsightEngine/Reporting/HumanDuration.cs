using System.Globalization;

namespace InsightEngine.Reporting;

/// <summary>
/// The one way a duration reads on every surface (CLI tables, reports, the dashboard, maturity reasons): as a person
/// says it — 45 s, 12 min, 2 h 10 min, 3 d 4 h. JSON and CSV carry the seconds.
/// </summary>
public static class HumanDuration
{
    /// <summary>Formats seconds; <paramref name="missing"/> when there is no value.</summary>
    public static string Format(double? seconds, string missing = "n/a")
    {
        if (seconds is not { } s || double.IsNaN(s) || double.IsInfinity(s)) return missing;
        var t = TimeSpan.FromSeconds(Math.Round(Math.Abs(s)));
        var sign = s < 0 ? "-" : "";
        return sign + (t.TotalMinutes < 1 ? Inv($"{t.Seconds} s")
            : t.TotalHours < 1 ? Inv($"{t.Minutes} min")
            : t.TotalDays < 1 ? (t.Minutes == 0 ? Inv($"{t.Hours} h") : Inv($"{t.Hours} h {t.Minutes} min"))
            : t.Hours == 0 ? Inv($"{(int)t.TotalDays} d") : Inv($"{(int)t.TotalDays} d {t.Hours} h"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
