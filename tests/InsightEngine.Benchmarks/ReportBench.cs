using System.Diagnostics;
using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Reports;
using InsightEngine.Reports.Rendering;
using InsightEngine.Store;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--reports</c>: the weekly review over the generated organisation at --scale N, as <c>insight report weekly</c>
/// builds it: the figures (metrics layer), the learning layer (anomalies, forecast), the document with its charts,
/// and the HTML. Target (issue 8): under 10 s at --scale 100 on the 2-core machine.
/// </summary>
public static class ReportBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var (db, truth) = MixedWorkload.Prepare(options);
        var request = new MetricRequest { Options = MetricOptions.Default with { TimeZone = truth.Generator.TimeZone } };
        var runs = new List<(double Figures, double Learning, double Document, double Html, int Bytes)>();
        // As after `insight import`: the import refreshes the analysis cache for the settings' thresholds (not timed here).
        using (var warm = InsightStore.Open(db)) InsightEngine.Analysis.AnalysisSession.Refresh(warm, request.Options);
        // The first run trains the models and saves their results beside the database; the later ones reuse them
        // (the store is unchanged), as a second `insight report weekly` does.
        if (InsightEngine.Learning.LearningOptions.DefaultModelFolder(db) is { } models && Directory.Exists(models)) Directory.Delete(models, recursive: true);
        for (var run = 0; run < options.Repeat; run++)
        {
            using var store = InsightStore.Open(db);
            var sw = Stopwatch.StartNew();
            var figures = WeeklyReviews.Build(store, new ReportOptions { Request = request, Learning = false });
            var f = sw.Elapsed.TotalSeconds;
            sw.Restart();
            // The learning layer as the review calls it (anomalies, forecast), timed on its own.
            var learning = InsightEngine.Learning.LearningOptions.From(request.Options) with
            {
                ModelFolder = InsightEngine.Learning.LearningOptions.DefaultModelFolder(db),
            };
            var anomalies = InsightEngine.Learning.Learner.Anomalies(store, learning);
            var a = sw.Elapsed.TotalSeconds;
            var forecast = InsightEngine.Learning.Learner.Forecast(store, learning);
            var l = sw.Elapsed.TotalSeconds;
            Console.WriteLine(Inv($"run {run + 1}: anomalies {a:0.00} s, forecast {l - a:0.00} s"));
            GC.KeepAlive(anomalies);
            GC.KeepAlive(forecast);
            sw.Restart();
            var review = WeeklyReviews.Build(store, new ReportOptions { Request = request });
            sw.Restart();
            var document = WeeklyReviewDocument.Create(review);
            var d = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var html = HtmlRenderer.Render(document);
            runs.Add((f, l, d, sw.Elapsed.TotalSeconds, html.Length));
            GC.KeepAlive(figures);
        }
        double Median(Func<(double, double, double, double, int), double> pick) => runs.Select(pick).Order().ElementAt(runs.Count / 2);
        Console.WriteLine();
        Console.WriteLine("| step | median s |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(Inv($"| figures (every metric of the review, shared blocks once) | {Median(x => x.Item1):0.00} |"));
        Console.WriteLine(Inv($"| learning layer, first run: trained and saved (anomalies + forecast, extra) | {runs[0].Learning:0.00} |"));
        Console.WriteLine(Inv($"| learning layer, later runs: saved results reused (median) | {runs.Skip(1).Select(x => x.Learning).DefaultIfEmpty(double.NaN).Order().ElementAt(Math.Max(0, runs.Count - 1) / 2):0.00} |"));
        Console.WriteLine(Inv($"| document and 7 charts (ScottPlot PNG) | {Median(x => x.Item3):0.00} |"));
        Console.WriteLine(Inv($"| HTML ({runs[0].Bytes / 1024:N0} KiB) | {Median(x => x.Item4):0.00} |"));
        Console.WriteLine(Inv($"| **weekly review, all steps, first run** | **{runs[0].Figures + runs[0].Learning + runs[0].Document + runs[0].Html:0.00}** |"));
        Console.WriteLine(Inv($"| **weekly review, all steps, median of all runs** | **{Median(x => x.Item1 + x.Item2 + x.Item3 + x.Item4):0.00}** |"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
