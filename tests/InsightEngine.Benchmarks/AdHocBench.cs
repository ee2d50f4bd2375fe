using System.Diagnostics;
using System.Globalization;
using InsightEngine.Export;
using InsightEngine.Query;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--adhoc</c>: <c>insight query</c> and <c>insight export</c> over the generated organisation at --scale N: opening
/// the sandboxed session (macros, 20 views, config lock), a few queries through the metric views, and exporting
/// every canonical table as Parquet and as CSV. Medians of --repeat runs.
/// </summary>
public static class AdHocBench
{
    private static readonly (string Name, string Sql)[] Queries =
    [
        ("count incidents", "SELECT count(*) FROM incidents"),
        ("metric_response (MTTA/MTTR by severity)", "SELECT * FROM metric_response"),
        ("metric_noisy_alerts (every rule)", "SELECT * FROM metric_noisy_alerts"),
        ("all_alert_noise (every alert classed)", "SELECT count(*) FROM all_alert_noise"),
        ("field_coverage", "SELECT * FROM field_coverage"),
    ];

    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var (db, _) = MixedWorkload.Prepare(options);
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string step, double seconds) => (times.TryGetValue(step, out var l) ? l : times[step] = []).Add(seconds);
        var outDir = Path.Combine(options.DataDir, "export");
        long bytesParquet = 0, bytesCsv = 0;
        for (var run = 0; run < options.Repeat; run++)
        {
            var sw = Stopwatch.StartNew();
            using (var session = QuerySession.Open(db))
            {
                Add("open the session (macros, views, lock)", sw.Elapsed.TotalSeconds);
                foreach (var (name, sql) in Queries)
                {
                    sw.Restart();
                    using var result = session.Execute(sql);
                    while (result.Read()) { }
                    Add(name, sw.Elapsed.TotalSeconds);
                }
            }
            using var store = InsightEngine.Store.InsightStore.Open(db);
            foreach (var format in TableExport.Formats)
            {
                var folder = Path.Combine(outDir, format);
                sw.Restart();
                TableExport.Write(store, folder, format);
                Add($"export, {format}", sw.Elapsed.TotalSeconds);
                var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
                if (format == "parquet") bytesParquet = bytes; else bytesCsv = bytes;
            }
        }
        Console.WriteLine();
        Console.WriteLine("| step | median s |");
        Console.WriteLine("|---|---:|");
        foreach (var (step, list) in times)
        {
            var label = step switch
            {
                "export, parquet" => $"export, parquet ({bytesParquet / 1048576.0:N0} MiB)",
                "export, csv" => $"export, csv ({bytesCsv / 1048576.0:N0} MiB)",
                _ => step,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {list.Order().ElementAt(list.Count / 2):0.00} |"));
        }
    }
}
