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
        for (var run = 0; run < options.Repeat; run++)
        {
            using var store = InsightStore.Open(db);
            var sw = Stopwatch.StartNew();
            var figures = WeeklyReviews.Build(store, new ReportOptions { Request = request, Learning = false });
            var f = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var review = WeeklyReviews.Build(store, new ReportOptions { Request = request });
            var l = sw.Elapsed.TotalSeconds - f;   // the same figures again (cache warm), plus anomalies and forecast
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
        Console.WriteLine(Inv($"| learning layer (anomalies + forecast, extra) | {Median(x => x.Item2):0.00} |"));
        Console.WriteLine(Inv($"| document and 7 charts (ScottPlot PNG) | {Median(x => x.Item3):0.00} |"));
        Console.WriteLine(Inv($"| HTML ({runs[0].Bytes / 1024:N0} KiB) | {Median(x => x.Item4):0.00} |"));
        Console.WriteLine(Inv($"| **weekly review, all steps** | **{Median(x => x.Item1 + x.Item2 + x.Item3 + x.Item4):0.00}** |"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
