using System.Globalization;
using InsightEngine.Maturity;

namespace InsightEngine.Reports.Document;

/// <summary>Short-hands the report builders write cells and figures with, culture pinned.</summary>
public static class Cells
{
    /// <summary>A cell of plain text.</summary>
    public static IReadOnlyList<Inline> Of(string? text) => [new Text(text ?? "")];

    /// <summary>A cell of runs.</summary>
    public static IReadOnlyList<Inline> Of(params Inline[] runs) => runs;

    /// <summary>A count.</summary>
    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage (one decimal below 10 %), or "n/a".</summary>
    public static string Percent(double? ratio) => ratio is not { } r ? "n/a"
        : Math.Abs(r) < 0.1 && r != 0 ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.0}%")
        : string.Create(CultureInfo.InvariantCulture, $"{r * 100:0}%");

    /// <summary>A duration in seconds as people say it (2 h 10 min), or "n/a".</summary>
    public static string Duration(double? seconds) => seconds is { } s ? Format.Duration(s) : "n/a";

    /// <summary>A number with at most one decimal.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("#,0.#", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A text sparkline of counts (▁▂▃▄▅▆▇█), scaled to their maximum.</summary>
    public static string Spark(IEnumerable<long> values)
    {
        const string levels = "▁▂▃▄▅▆▇█";
        var list = values.ToList();
        var max = list.DefaultIfEmpty(0).Max();
        return string.Concat(list.Select(v => max == 0 ? levels[0] : levels[(int)Math.Round(v * (levels.Length - 1.0) / max)]));
    }

    /// <summary>A date in the report's zone.</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date and time in the report's zone.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
