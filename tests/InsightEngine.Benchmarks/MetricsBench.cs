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
/// generated organisation at --scale N with every format mixed: with the analysis cache fresh (as after
/// <c>insight import</c>) and without it, plus each metric alone both ways and the cache refresh itself.
/// Target (issue 5): under 2 s at --scale 100.
/// </summary>
public static class MetricsBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var (db, truth) = MixedWorkload.Prepare(options);

        var request = new MetricRequest { Options = MetricOptions.Default with { TimeZone = truth.Generator.TimeZone } };
        var cached = new List<double>();
        var live = new List<double>();
        var refresh = new List<double>();
        var perMetric = new Dictionary<string, (List<double> Cached, List<double> Live)>();
        long bytes = 0;
        for (var run = 0; run < options.Repeat + 1; run++) // the first run warms up (JIT, file cache) and is not counted
        {
            using var store = InsightStore.Open(db);
            // What `insight import` does after the files: refresh the analysis cache for the thresholds in force.
            var sw = Stopwatch.StartNew();
            AnalysisSession.Refresh(store, request.Options);
            var refreshSeconds = sw.Elapsed.TotalSeconds;

            sw.Restart();
            var all = MetricCatalog.ComputeAll(store, request);
            bytes = JsonSerializer.SerializeToUtf8Bytes(all.ToDictionary(r => r.Key, r => (object)r.Value)).Length;
            var cachedSeconds = sw.Elapsed.TotalSeconds;
            var singleCached = MetricCatalog.All.ToDictionary(m => m.Name, m => Time(() => m.Compute(new AnalysisSession(store), request)));

            // No cache (other thresholds than the cache's, or data imported without the CLI): the run materializes.
            store.Execute("DELETE FROM analysis_cache");
            sw.Restart();
            MetricCatalog.ComputeAll(store, request);
            var liveSeconds = sw.Elapsed.TotalSeconds;
            var singleLive = MetricCatalog.All.ToDictionary(m => m.Name, m => Time(() => m.Compute(new AnalysisSession(store), request)));
            if (run == 0) continue;
            cached.Add(cachedSeconds);
            live.Add(liveSeconds);
            refresh.Add(refreshSeconds);
            foreach (var m in MetricCatalog.All)
            {
                if (!perMetric.TryGetValue(m.Name, out var l)) perMetric[m.Name] = l = ([], []);
                l.Cached.Add(singleCached[m.Name]);
                l.Live.Add(singleLive[m.Name]);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| what | median of runs | runs |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| metrics all, analysis cache fresh (as after `insight import`; JSON {bytes / 1024.0:N0} KiB) | {Median(cached):N2} s | {cached.Count} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| metrics all, no cache (shared blocks materialized for the run) | {Median(live):N2} s | {live.Count} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| analysis cache refresh (part of `insight import`) | {Median(refresh):N2} s | {refresh.Count} |"));
        Console.WriteLine();
        Console.WriteLine("| one metric (`insight metrics NAME`) | with the cache | without |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, times) in perMetric)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(times.Cached) * 1000:N0} ms | {Median(times.Live) * 1000:N0} ms |"));
    }

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => Distributions.Quantile(values, 0.5);
}

/// <summary>The generated organisation at --scale N, every format mixed, imported once into DIR/mixed.duckdb and reused.</summary>
public static class MixedWorkload
{
    /// <summary>The database (imported if missing) and the organisation's truth.</summary>
    public static (string Db, Truth Truth) Prepare(BenchOptions options)
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
        return (db, truth);
    }
}
