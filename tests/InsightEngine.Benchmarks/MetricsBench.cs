using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Generation;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--metrics</c>: the whole metric catalogue (what <c>insight metrics all --format json</c> computes) over the
/// generated organisation at --scale N with every format mixed, against the raw DuckDB time of the same SQL (the
/// same files, parameters bound, rows read and dropped). Target (issue 5): under 2 s at --scale 100.
/// </summary>
public static class MetricsBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var dataDir = Path.Combine(options.DataDir, "mixed");
        var db = Path.Combine(options.DataDir, "mixed.duckdb");
        Truth truth;
        if (!File.Exists(db))
        {
            truth = SampleGenerator.Generate(new GeneratorOptions { Scale = options.Scale }, dataDir);
            using var store = InsightStore.Open(db);
            var importer = new Importer(store);
            var sw = Stopwatch.StartNew();
            foreach (var f in SampleGenerator.Files.Values)
                importer.ImportFile(Path.Combine(dataDir, f), new ImportOptions { TimeZone = truth.Generator.TimeZone });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported the scale-{options.Scale} organisation in {sw.Elapsed.TotalSeconds:N1} s"));
        }
        else truth = Truth.Load(Path.Combine(dataDir, "TRUTH.json"));

        using (var store = InsightStore.Open(db))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{store.Scalar<long>("SELECT count(*) FROM incidents"):N0} incidents, {store.Scalar<long>("SELECT count(*) FROM alerts"):N0} alerts, {store.Scalar<long>("SELECT count(*) FROM timeline_events"):N0} timeline events"));
        }

        var request = new MetricRequest { Options = MetricOptions.Default with { TimeZone = truth.Generator.TimeZone } };
        var engine = new List<double>();
        var raw = new List<double>();
        var perMetric = new Dictionary<string, List<double>>();
        long bytes = 0;
        for (var run = 0; run < options.Repeat + 1; run++) // the first run warms up (JIT, file cache) and is not counted
        {
            using var store = InsightStore.Open(db);
            var sw = Stopwatch.StartNew();
            var all = MetricCatalog.ComputeAll(store, request);
            bytes = JsonSerializer.SerializeToUtf8Bytes(all.ToDictionary(r => r.Key, r => (object)r.Value)).Length;
            var engineSeconds = sw.Elapsed.TotalSeconds;

            MetricQueries.Prepare(store);
            var asOf = MetricQueries.DataAsOf(store);
            var rawSeconds = 0.0;
            foreach (var m in MetricCatalog.All)
            {
                var path = m.QueryPath;
                var scope = MetricQueries.Scope(store, request with { AsOf = asOf }, path);
                var q = Stopwatch.StartNew();
                MetricQueries.Run(store, path, request with { AsOf = asOf }, scope, m.DefaultBy, _ => 0);
                rawSeconds += q.Elapsed.TotalSeconds;
                if (run > 0) (perMetric.TryGetValue(m.Name, out var l) ? l : perMetric[m.Name] = []).Add(q.Elapsed.TotalSeconds);
            }
            if (run == 0) continue;
            engine.Add(engineSeconds);
            raw.Add(rawSeconds);
        }

        Console.WriteLine();
        Console.WriteLine("| what | median of runs | runs |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| metrics all (engine: every metric, typed rows, JSON {bytes / 1024.0:N0} KiB) | {Median(engine):N2} s | {engine.Count} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the same SQL run raw on DuckDB (sum) | {Median(raw):N2} s | {raw.Count} |"));
        foreach (var (name, times) in perMetric)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| &nbsp;&nbsp;{name} | {Median(times) * 1000:N0} ms | {times.Count} |"));
    }

    private static double Median(List<double> values) => Distributions.Quantile(values, 0.5);
}
