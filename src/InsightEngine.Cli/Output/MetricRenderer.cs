using InsightEngine.Reporting;
using System.Globalization;
using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using Spectre.Console;

namespace InsightEngine.Cli.Output;

/// <summary>
/// Renders any metric: JSON as the engine's records, CSV with one column per field (formula-safe), and a table whose
/// cells are formatted by what the field is (durations, shares, instants in the reporting zone). Untrusted text
/// (titles, names) is escaped for the console.
/// </summary>
public static class MetricRenderer
{
    /// <summary>Writes <paramref name="report"/> in <paramref name="format"/>.</summary>
    public static void Write(CliContext context, IMetricReport report, string format)
    {
        if (report is MetricReport<ResponseRow> response)
        {
            ResponseRenderer.Write(context, response, format);
            return;
        }
        switch (format)
        {
            case "json": Json.Write(context.Out, report); break;
            case "csv": Csv(context.Out, report); break;
            default:
                if (report is DeltaReport deltas) DeltaTable(context, deltas);
                else Table(context, report);
                break;
        }
    }

    private static void DeltaTable(CliContext context, DeltaReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Week {report.Week} vs {report.PreviousWeek} and the trailing {Deltas.Trailing} weeks{Filters(report.Scope)}"))
            .Caption(Markup.Escape($"Normal range: the trailing weeks' median ± 3 MAD (scaled to sd; counts at least ± 2√median). too few data: n < {DurationStats.LowConfidenceBelow} this week, " +
                $"or fewer than {Deltas.MinTrailing} usable trailing weeks. Zone {report.Scope.TimeZone}. Definitions: docs/metrics.md."));
        foreach (var h in new[] { "Figure", "This week", "n", "Last week", "Change", "Trailing median", "Normal range", "Verdict" })
            table.AddColumn(new TableColumn(h) { Alignment = h is "Figure" or "Verdict" ? Justify.Left : Justify.Right });
        foreach (var r in report.Rows)
        {
            string V(double? v) => v is not { } x ? "—" : r.Unit switch
            {
                "seconds" => Durations.Format(x),
                "ratio" => x.ToString("P1", CultureInfo.InvariantCulture),
                _ => x.ToString("0.#", CultureInfo.InvariantCulture),
            };
            var change = r.Change is not { } c ? "—"
                : (c > 0 ? "+" : c < 0 ? "−" : "±") + V(Math.Abs(c)) + (r.ChangePercent is { } p ? $" ({p:+0%;−0%;0%})" : "");
            var verdict = r.Verdict switch
            {
                "worse" => "[red]worse[/]",
                "better" => "[green]better[/]",
                "too_few_data" => "[grey]too few data[/]",
                var other => other,
            };
            table.AddRow(Markup.Escape(r.Label), Markup.Escape(V(r.Value)), r.N.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(V(r.Previous)),
                Markup.Escape(change), Markup.Escape(V(r.TrailingMedian)),
                Markup.Escape(r.NormalLow is null ? "—" : $"{V(r.NormalLow)} – {V(r.NormalHigh)}"), verdict);
        }
        context.Terminal.Write(table);
    }

    /// <summary>" for service X, team Y" from the filters in force.</summary>
    public static string Filters(MetricScope scope)
    {
        var parts = new List<string>();
        if (scope.Service is { } s) parts.Add($"service {s}");
        if (scope.Team is { } t) parts.Add($"team {t}");
        if (scope.Severity is { } v) parts.Add($"severity {v}");
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }

    private static void Table(CliContext context, IMetricReport report)
    {
        var scope = report.Scope;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.TimeZone);
        var definition = MetricCatalog.Get(report.Metric);
        var grouping = report.GroupedBy switch
        {
            "rank" => "",
            "all" when report.Metric == "frequency" => " per ISO week",
            var by when report.Metric == "frequency" => $" per ISO week by {by}",
            "all" => "",
            var by => $" by {by}",
        };
        var title = $"{report.Metric}{grouping}, created in {scope.Period}{Filters(scope)}";
        if (report.RowObjects.Count == 0)
        {
            context.Out.WriteLine($"{title}: nothing in scope.");
            return;
        }
        // Tables stay readable at 200 columns: long or secondary fields are in the JSON and CSV only.
        var hidden = TableHidden.TryGetValue(report.Metric, out var h) ? h : [];
        var columns = report.Columns.Where(c => !hidden.Contains(c.Name)).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .Caption(Markup.Escape($"{definition.Summary}. As of {Instant(scope.AsOf, zone)} ({scope.TimeZone}), {SettingsText.Thresholds(scope.Settings)}. Definitions: docs/metrics.md."));
        foreach (var c in columns)
            table.AddColumn(new TableColumn(Markup.Escape(Header(c.Name))) { Alignment = c.Kind == ColumnKind.Text ? Justify.Left : Justify.Right });
        foreach (var row in report.RowObjects)
            table.AddRow(columns.Select(c => Markup.Escape(Cell(c, c.Get(row), zone))).ToArray());
        context.Terminal.Write(table);
    }

    private static void Csv(TextWriter writer, IMetricReport report)
    {
        var columns = report.Columns;
        using var csv = SafeCsv.Create(writer);
        foreach (var c in columns) csv.WriteField(c.Name);
        csv.EndRecord();
        foreach (var row in report.RowObjects)
        {
            foreach (var c in columns)
            {
                var value = c.Get(row);
                csv.WriteField(value switch
                {
                    null => "",
                    DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            }
            csv.EndRecord();
        }
    }

    private static readonly Dictionary<string, string[]> TableHidden = new(StringComparer.Ordinal)
    {
        ["noisy-alerts"] = ["team", "out_of_hours_pages", "first_seen", "example_title"],
        ["recurring-problems"] = ["team", "example_title", "action_items_done", "severities"],
        ["follow-through"] = ["completed_by_link", "postmortem_completion_time_known"],
        ["frequency"] = ["week_start"],
        ["incidents"] = ["external_id", "team", "url"],
        ["overdue"] = ["source", "incident_external_id", "url"],
        ["noisy-alerts-weekly"] = ["week_start"],
    };

    private static string Header(string snake)
    {
        var text = snake.Replace("_seconds", "", StringComparison.Ordinal).Replace('_', ' ');
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A cell as its column's kind says (never guessed from the name).</summary>
    private static string Cell(MetricColumn c, object? value, TimeZoneInfo zone) => value switch
    {
        null => "—",
        DateTimeOffset t => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x when c.Kind == ColumnKind.Duration => Durations.Format(x),
        double x when c.Kind == ColumnKind.Share => x.ToString("P1", CultureInfo.InvariantCulture),
        double x => x.ToString("0.##", CultureInfo.InvariantCulture),
        long or int => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        string s => Shorten(s),
        _ => value.ToString() ?? "",
    };

    private static string Shorten(string s)
    {
        var one = s.ReplaceLineEndings(" ");
        return one.Length > 60 ? one[..59] + "…" : one;
    }

    private static string Instant(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
