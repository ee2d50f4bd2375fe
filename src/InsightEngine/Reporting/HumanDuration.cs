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
        var sign = s < 0 ? "-" : "";
        var abs = Math.Abs(s);
        // Rounded to the last unit shown (1 min 59 s reads 2 min, not 1 min), carrying into the next unit.
        if (Math.Round(abs, MidpointRounding.AwayFromZero) < 60) return sign + Inv($"{(long)Math.Round(abs, MidpointRounding.AwayFromZero)} s");
        var minutes = (long)Math.Round(abs / 60, MidpointRounding.AwayFromZero);
        if (minutes < 60) return sign + Inv($"{minutes} min");
        if (minutes < 24 * 60)
        {
            var (h, m) = (minutes / 60, minutes % 60);
            return sign + (m == 0 ? Inv($"{h} h") : Inv($"{h} h {m} min"));
        }
        var hours = (long)Math.Round(abs / 3600, MidpointRounding.AwayFromZero);
        var (d, hh) = (hours / 24, hours % 24);
        return sign + (hh == 0 ? Inv($"{d} d") : Inv($"{d} d {hh} h"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
