using System.Globalization;

namespace InsightEngine.Maturity;

/// <summary>How a signal's value reads in a sentence: 74%, 2 h 10 min, +3.1 pp, yes.</summary>
public static class Format
{
    /// <summary>A value in its unit.</summary>
    public static string Value(double? value, string unit) => value is not { } v ? "n/a" : unit switch
    {
        "share" => string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.#}%"),
        "seconds" => Duration(v),
        "points" => string.Create(CultureInfo.InvariantCulture, $"{(v >= 0 ? "+" : "")}{v * 100:0.#} pp"),
        "change" => string.Create(CultureInfo.InvariantCulture, $"{(v >= 0 ? "+" : "")}{v * 100:0}%"),
        "flag" => v >= 0.5 ? "yes" : "no",
        "days" => string.Create(CultureInfo.InvariantCulture, $"{v:0} days"),
        "count" => string.Create(CultureInfo.InvariantCulture, $"{v:0.#}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{v:0.##}"),
    };

    /// <summary>A duration as a person says it: 45 s, 12 min, 2 h 10 min, 3 d 4 h (<see cref="Reporting.HumanDuration"/>).</summary>
    public static string Duration(double? seconds) => Reporting.HumanDuration.Format(seconds);
}
