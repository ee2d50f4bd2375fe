using InsightEngine.Generation;

namespace InsightEngine.Benchmarks;

/// <summary>One export file of the workload.</summary>
public sealed record WorkloadFile(string Format, string Path);

/// <summary>The generator's organisation at the requested scale, generated once and reused while its TRUTH.json matches.</summary>
public static class Workload
{
    /// <summary>Generates the data set if it is missing or was made with other options; returns its files.</summary>
    public static List<WorkloadFile> Prepare(BenchOptions options)
    {
        // One tool for everything: the benchmark measures CSV import against DuckDB's read_csv on the largest files.
        var generator = new GeneratorOptions { Scale = options.Scale, SingleTool = true };
        var truthPath = Path.Combine(options.DataDir, "TRUTH.json");
        var current = File.Exists(truthPath) ? Truth.Load(truthPath).Generator : null;
        var stale = !File.Exists(Path.Combine(options.DataDir, SampleGenerator.Files["grafana-oncall-alert-groups-json"])); // made by an older generator
        if (stale || current is null || current.Scale != generator.Scale || current.Seed != generator.Seed || current.Weeks != generator.Weeks)
        {
            Console.WriteLine($"Generating the scale-{options.Scale} organisation into {options.DataDir} ...");
            SampleGenerator.Generate(generator, options.DataDir);
        }
        return SampleGenerator.Files.Where(kv => kv.Key is "pagerduty-incidents-csv" or "opsgenie-alerts-csv")
            .Select(kv => new WorkloadFile(kv.Key, Path.Combine(options.DataDir, kv.Value))).ToList();
    }
}
