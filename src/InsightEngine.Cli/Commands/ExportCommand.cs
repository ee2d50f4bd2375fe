using System.CommandLine;
using InsightEngine.Export;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight export --format parquet|csv --out DIR</c>: the canonical tables for BI tools and other engines.</summary>
public static class ExportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = CommonOptions.Format([.. TableExport.Formats]);
        var output = new Option<string>("--out")
        {
            Description = "The folder to write into (created if missing; files of an earlier export are replaced). Default: ./export",
            DefaultValueFactory = _ => "export",
        };
        var tables = new Option<string?>("--tables") { Description = "Only these tables (comma-separated). Default: every canonical table." };
        var partitioned = new Option<bool>("--partitioned")
        {
            Description = "Parquet only: each table as a hive-partitioned folder by source and UTC month (alerts/source=opsgenie/month=2026-05/...), " +
                          "read as one dataset by Spark, Trino, DuckDB or pandas.",
        };
        var facts = new Option<bool>("--facts")
        {
            Description = "Also write the metrics' row-level building blocks (incident_facts, alert_noise, pages, recurrences: each incident's " +
                          "durations and validity, each alert's noise class, each page's hour band, each incident's problem and recurrence), " +
                          "computed with the settings' thresholds and reporting zone at the data's as-of; the manifest records which. " +
                          "What a notebook or BI tool needs to recompute the metrics (notebooks/python/).",
        };
        var config = new Option<string?>("--config") { Description = "Settings file for --facts (thresholds, reporting zone). Default: ./insight.yaml if present, else $INSIGHT_CONFIG." };
        var command = new Command("export",
            "Write the canonical tables (incidents, alerts, assignments, action items, timeline events, import batches, rejects, data issues) " +
            "as Parquet or CSV, one file per table plus manifest.json. CSV cells are neutralised against formula injection.")
        {
            format, output, tables, partitioned, facts, config,
        };
        command.SetAction(result =>
        {
            var names = result.GetValue(tables)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var settings = InsightEngine.Settings.SettingsLoader.Load(result.GetValue(config));
            using var store = CommonOptions.OpenStore(result, context, settings);
            var exported = TableExport.Write(store, result.GetValue(output)!, result.GetValue(format)!, names, partitioned: result.GetValue(partitioned),
                facts: result.GetValue(facts) ? settings.Metrics : null);
            foreach (var t in exported.Tables)
                context.Out.WriteLine($"{t.Table,-16} {t.Rows,10:N0} rows  {Path.Combine(exported.Folder, t.File)}");
            context.Out.WriteLine($"manifest: {exported.Manifest}");
            return InsightCli.Ok;
        });
        return command;
    }
}
