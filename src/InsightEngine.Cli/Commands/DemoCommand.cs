using System.CommandLine;
using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Cli.Output;
using InsightEngine.Generation;
using InsightEngine.Import;
using Spectre.Console;

using InsightEngine.Reports;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight demo</c>: import <c>sample-data/</c> into the database and print the headline figures.</summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var sample = new Option<string?>("--sample-data")
        {
            Description = "The sample folder. Default: ./sample-data, else the one beside the installed program or its repository.",
        };
        var output = new Option<string>("--out")
        {
            Description = $"Folder the demo's weekly review (HTML) is written to. Default: ./{ReportCommand.DefaultFolder}",
            DefaultValueFactory = _ => ReportCommand.DefaultFolder,
        };
        var command = new Command("demo", "Import sample-data/ into the database, print the headline figures and write the latest weekly review.") { sample, output };
        command.SetAction(result =>
        {
            var dir = result.GetValue(sample) ?? SampleData.Locate(AppContext.BaseDirectory)
                ?? throw new ArgumentException("No sample-data folder found here or above the program; pass --sample-data DIR, or run 'insight generate --out sample-data'.");
            if (!Directory.Exists(dir)) throw new ArgumentException($"--sample-data '{dir}' is not a folder.");

            var settings = InsightEngine.Settings.SettingsLoader.Load();
            using var store = CommonOptions.OpenStore(result, context, settings, InsightEngine.Store.InsightStore.DefaultImportMemoryLimit);
            context.Out.WriteLine($"Importing {Path.GetFullPath(dir)} into {store.Path} ...");
            // The sample's zone-less exports (Jira CSV, ServiceNow) were written in the generator's zone, as a user's would be.
            var truth = SampleData.LoadTruth(dir);
            var (results, failures) = ImportRunner.Run(context, store, ImportRunner.Expand([dir]), SampleData.ImportOptions(dir, settings));
            ImportRunner.Render(context, results, failures);

            var incidents = store.Scalar<long>("SELECT count(*) FROM incidents");
            var open = store.Scalar<long>("SELECT count(*) FROM incidents WHERE resolved_at IS NULL");
            var alerts = store.Scalar<long>("SELECT count(*) FROM alerts");
            var first = store.Scalar<DateTime?>("SELECT min(created_at) FROM incidents");
            var last = store.Scalar<DateTime?>("SELECT max(created_at) FROM incidents");
            context.Out.WriteLine();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{incidents:N0} incidents ({open:N0} open) and {alerts:N0} alerts, created {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (UTC)."));
            // The figures and the review use the settings every command uses (insight.yaml, else the defaults), so
            // 'insight report weekly' and 'insight metrics' on this store give the same week and the same numbers.
            using var session = new AnalysisSession(store, settings);
            var report = Response.Compute(session, session.Request());
            ResponseRenderer.Write(context, report, "table");

            if (truth is not null) CompareWithTruth(context, truth, report);

            var review = WeeklyReviews.Build(session, new ReportOptions { Request = session.Request(), Cancellation = context.Cancellation });
            var written = ReportFiles.Write(WeeklyReviewDocument.Create(review), "html", result.GetValue(output)!);
            context.Out.WriteLine($"Weekly review of {review.Week}: {Path.GetFullPath(written)} (open it in a browser).");
            context.Out.WriteLine($"Database: {Path.GetFullPath(store.Path)}. Next: 'insight metrics response --by severity --format json', 'insight report noise', 'insight report maturity'.");
            return failures.Count == 0 ? InsightCli.Ok : InsightCli.Failed;
        });
        return command;
    }

    /// <summary>Shows the planted MTTR beside the measured one: the engine should recover what the generator planted.</summary>
    private static void CompareWithTruth(CliContext context, Truth truth, MetricReport<ResponseRow> report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Planted in the sample (TRUTH.json) vs measured");
        table.AddColumns("Severity", "Planted MTTR median", "Measured MTTR median", "Planted MTTA median", "Measured MTTA median");
        foreach (var row in report.Rows.Where(r => truth.TimeToResolveBySeverity.ContainsKey(r.Group)))
        {
            var ttr = truth.TimeToResolveBySeverity[row.Group];
            var tta = truth.TimeToAcknowledgeBySeverity[row.Group];
            table.AddRow(row.Group, Durations.Format(ttr.PlantedMedianSeconds), Durations.Format(row.TimeToResolve.MedianSeconds),
                Durations.Format(tta.PlantedMedianSeconds), Durations.Format(row.TimeToAcknowledge.MedianSeconds));
        }
        context.Terminal.Write(table);
    }
}
