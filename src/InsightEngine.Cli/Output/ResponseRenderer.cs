using InsightEngine.Reporting;
using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using Spectre.Console;

namespace InsightEngine.Cli.Output;

/// <summary>
/// Renders the response metric. Its CSV keeps the first release's columns in their order (scripts read them by
/// position) and adds the newer figures after them; the table leads with what a review reads.
/// </summary>
public static class ResponseRenderer
{
    /// <summary>Writes the report in <paramref name="format"/>.</summary>
    public static void Write(CliContext context, MetricReport<ResponseRow> report, string format)
    {
        switch (format)
        {
            case "json": Json.Write(context.Out, report); break;
            case "csv": Csv(context.Out, report); break;
            default: Table(context, report); break;
        }
    }

    private static void Table(CliContext context, MetricReport<ResponseRow> report)
    {
        if (report.Rows.Count == 0)
        {
            context.Out.WriteLine($"No incidents were created in {report.Period}{MetricRenderer.Filters(report.Scope)}.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Response times by {report.GroupedBy}, incidents created in {report.Period}{MetricRenderer.Filters(report.Scope)}"))
            .Caption(Markup.Escape("Median and p90 lead; the mean stands beside them. * = fewer than 5 values (low confidence). " +
                $"KM = Kaplan-Meier median, counting open incidents. Zone {report.Scope.TimeZone}, {InsightEngine.Reporting.SettingsText.Thresholds(report.Scope.Settings)}. Definitions: docs/metrics.md."));
        string[] headers =
        [
            Title(report.GroupedBy), "Incidents", "Open", "MTTA median", "MTTA p90", "MTTA mean", "Acked", "Never acked",
            "MTTR median", "MTTR p90", "MTTR mean", "Resolved", "MTTR KM median", "MTTR human-only median", "TTM median", "TTD median", "Excluded",
        ];
        foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)) { Alignment = h == headers[0] ? Justify.Left : Justify.Right });
        foreach (var r in report.Rows)
        {
            table.AddRow(
                r.Group == "all" ? "[bold]all[/]" : Markup.Escape(r.Group), N(r.Incidents), N(r.Open),
                D(r.TimeToAcknowledge, r.TimeToAcknowledge.MedianSeconds), D(r.TimeToAcknowledge, r.TimeToAcknowledge.P90Seconds),
                D(r.TimeToAcknowledge, r.TimeToAcknowledge.MeanSeconds), N(r.TimeToAcknowledge.N), r.NeverAcknowledged is { } never ? N(never) : "not recorded",
                D(r.TimeToResolve, r.TimeToResolve.MedianSeconds), D(r.TimeToResolve, r.TimeToResolve.P90Seconds),
                D(r.TimeToResolve, r.TimeToResolve.MeanSeconds), N(r.TimeToResolve.N),
                Durations.Format(r.TimeToResolveKaplanMeierMedianSeconds),
                D(r.TimeToResolveHumanOnly, r.TimeToResolveHumanOnly.MedianSeconds),
                D(r.TimeToMitigate, r.TimeToMitigate.MedianSeconds), D(r.TimeToDetect, r.TimeToDetect.MedianSeconds), N(r.Excluded));
        }
        context.Terminal.Write(table);
        foreach (var r in report.Rows.Where(r => r.Unknown is not null && (r.Group == "all" || report.Rows.Count == 1)))
            context.Out.WriteLine($"Not recorded: {r.Unknown}. Those figures are unknown (—), not zero.");
    }

    private static void Csv(TextWriter writer, MetricReport<ResponseRow> report)
    {
        using var csv = SafeCsv.Create(writer);
        csv.WriteHeader([
            report.GroupedBy, "incidents", "open", "never_acknowledged", "excluded",
            "tta_n", "tta_median_s", "tta_p90_s", "tta_mean_s",
            "ttr_n", "ttr_median_s", "ttr_p90_s", "ttr_mean_s",
            "ttr_human_n", "ttr_human_median_s", "ttr_human_p90_s", "ttr_human_mean_s",
            "period_from", "period_to",
            "ttm_n", "ttm_median_s", "ttm_p90_s", "ttm_mean_s",
            "ttd_n", "ttd_median_s", "ttd_p90_s", "ttd_mean_s",
            "ttr_km_median_s", "oldest_open_age_s", "as_of", "timezone", "ack_recorded_n", "unknown",
        ]);
        foreach (var r in report.Rows)
        {
            csv.WriteField(r.Group);
            csv.WriteField(r.Incidents);
            csv.WriteField(r.Open);
            csv.WriteField(r.NeverAcknowledged);
            csv.WriteField(r.Excluded);
            Stats(r.TimeToAcknowledge, r.TimeToResolve, r.TimeToResolveHumanOnly);
            csv.WriteField(report.Period.From);
            csv.WriteField(report.Period.To);
            Stats(r.TimeToMitigate, r.TimeToDetect);
            csv.WriteField(r.TimeToResolveKaplanMeierMedianSeconds);
            csv.WriteField(r.OldestOpenAgeSeconds);
            csv.WriteField(report.Scope.AsOf);
            csv.WriteField(report.Scope.TimeZone);
            csv.WriteField(r.AcknowledgementRecorded);
            csv.WriteField(r.Unknown);
            csv.EndRecord();
        }

        void Stats(params DurationStats[] all)
        {
            foreach (var s in all)
            {
                csv.WriteField(s.N);
                csv.WriteField(s.MedianSeconds);
                csv.WriteField(s.P90Seconds);
                csv.WriteField(s.MeanSeconds);
            }
        }
    }

    private static string Title(string by) => by.Length == 0 ? by : char.ToUpperInvariant(by[0]) + by[1..];

    private static string D(DurationStats stats, double? seconds) =>
        seconds is null ? "—" : Durations.Format(seconds) + (stats.LowConfidence ? "*" : "");

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
