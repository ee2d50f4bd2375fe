using System.Globalization;
using InsightEngine.Analysis;
using Spectre.Console;

namespace InsightEngine.Cli.Output;

/// <summary>Renders <see cref="ResponseReport"/> as a table, JSON or CSV. The figures are the engine's, untouched.</summary>
public static class ResponseRenderer
{
    /// <summary>Writes the report in <paramref name="format"/>.</summary>
    public static void Write(CliContext context, ResponseReport report, string format)
    {
        switch (format)
        {
            case "json": Json.Write(context.Out, report); break;
            case "csv": Csv(context.Out, report); break;
            default: Table(context, report); break;
        }
    }

    private static void Table(CliContext context, ResponseReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Response times by {report.GroupedBy}, incidents created in {report.Period}"))
            .Caption("Median and p90 lead; the mean stands beside them. * = fewer than 5 values (low confidence).");
        string[] headers =
        [
            "Severity", "Incidents", "Open", "MTTA median", "MTTA p90", "MTTA mean", "Acked", "Never acked",
            "MTTR median", "MTTR p90", "MTTR mean", "Resolved", "MTTR human-only median", "Excluded",
        ];
        foreach (var h in headers) table.AddColumn(new TableColumn(h) { Alignment = h == "Severity" ? Justify.Left : Justify.Right });
        foreach (var r in report.Rows)
        {
            table.AddRow(
                r.Severity == "all" ? "[bold]all[/]" : r.Severity, N(r.Incidents), N(r.Open),
                D(r.TimeToAcknowledge, r.TimeToAcknowledge.MedianSeconds), D(r.TimeToAcknowledge, r.TimeToAcknowledge.P90Seconds),
                D(r.TimeToAcknowledge, r.TimeToAcknowledge.MeanSeconds), N(r.TimeToAcknowledge.N), N(r.NeverAcknowledged),
                D(r.TimeToResolve, r.TimeToResolve.MedianSeconds), D(r.TimeToResolve, r.TimeToResolve.P90Seconds),
                D(r.TimeToResolve, r.TimeToResolve.MeanSeconds), N(r.TimeToResolve.N),
                D(r.TimeToResolveHumanOnly, r.TimeToResolveHumanOnly.MedianSeconds), N(r.Excluded));
        }
        if (report.Rows.Count == 0) context.Out.WriteLine($"No incidents were created in {report.Period}.");
        else context.Terminal.Write(table);
    }

    private static void Csv(TextWriter writer, ResponseReport report)
    {
        using var csv = SafeCsv.Create(writer);
        csv.WriteHeader([
            "severity", "incidents", "open", "never_acknowledged", "excluded",
            "tta_n", "tta_median_s", "tta_p90_s", "tta_mean_s",
            "ttr_n", "ttr_median_s", "ttr_p90_s", "ttr_mean_s",
            "ttr_human_n", "ttr_human_median_s", "ttr_human_p90_s", "ttr_human_mean_s",
            "period_from", "period_to",
        ]);
        foreach (var r in report.Rows)
        {
            csv.WriteField(r.Severity);
            csv.WriteField(r.Incidents);
            csv.WriteField(r.Open);
            csv.WriteField(r.NeverAcknowledged);
            csv.WriteField(r.Excluded);
            foreach (var s in new[] { r.TimeToAcknowledge, r.TimeToResolve, r.TimeToResolveHumanOnly })
            {
                csv.WriteField(s.N);
                csv.WriteField(s.MedianSeconds);
                csv.WriteField(s.P90Seconds);
                csv.WriteField(s.MeanSeconds);
            }
            csv.WriteField(report.Period.From);
            csv.WriteField(report.Period.To);
            csv.EndRecord();
        }
    }

    private static string D(DurationStats stats, double? seconds) =>
        seconds is null ? "—" : Durations.Format(seconds) + (stats.LowConfidence ? "*" : "");

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
