using System.Globalization;
using InsightEngine.Generation;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--large</c>: the user's jobs on a store ten times the benchmark's (<c>--scale 1000</c>: about 7 M alerts across every
/// format), each as the real (published) <c>insight</c> process: import the organisation's folder into a new store,
/// <c>metrics all</c> (twice: the first fills the analysis cache), the weekly review (with its learning layer) and a
/// partitioned Parquet export. Each step's wall time, peak resident set (GNU time) and the most DuckDB spilled to its
/// temporary folder (<c>DB.tmp</c>, watched while the step runs). One run: each step takes minutes at this size.
/// </summary>
public static class LargeBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var data = Path.Combine(options.DataDir, "mixed");
        var truthPath = Path.Combine(data, "TRUTH.json");
        if (!File.Exists(truthPath) || Truth.Load(truthPath).Generator.Scale != options.Scale)
        {
            Console.WriteLine(Inv($"Generating the scale-{options.Scale} organisation into {data} (not timed) ..."));
            SampleGenerator.Generate(new GeneratorOptions { Scale = options.Scale }, data);
        }
        var truth = Truth.Load(truthPath);
        var bytes = Directory.GetFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(Inv($"{data}: {bytes / 1048576.0:N0} MiB of exports"));
        var insight = PathBench.LocateInsight(options);

        var db = Path.Combine(options.WorkDir, "large.duckdb");
        foreach (var f in Directory.GetFiles(options.WorkDir, "large.duckdb*")) File.Delete(f);
        var spillDir = db + ".tmp";
        var steps = new List<(string Step, double Seconds, long PeakKiB, long SpillBytes)>();
        void Step(string name, params string[] args)
        {
            long spill = 0;
            Console.WriteLine($"  {name} ...");
            var (seconds, peak) = PathBench.Run(insight, args, () => spill = Math.Max(spill, SizeOf(spillDir)));
            steps.Add((name, seconds, peak, spill));
        }

        Step("import (every file, new store)", ["import", data, "--db", db, "--timezone", truth.Generator.TimeZone]);
        Step("metrics all (first: fills the analysis cache)", ["metrics", "all", "--format", "json", "--db", db]);
        Step("metrics all (again)", ["metrics", "all", "--format", "json", "--db", db]);
        Step("report weekly (with anomalies and forecast)", ["report", "weekly", "--out", Path.Combine(options.WorkDir, "reports"), "--db", db]);
        Step("export --format parquet --partitioned", ["export", "--format", "parquet", "--partitioned", "--out", Path.Combine(options.WorkDir, "export"), "--db", db]);

        var store = new FileInfo(db).Length;
        var export = SizeOf(Path.Combine(options.WorkDir, "export"));
        Console.WriteLine();
        Console.WriteLine(Inv($"scale {options.Scale}: {bytes / 1048576.0:N0} MiB of exports; the store {store / 1048576.0:N0} MiB; the partitioned Parquet export {export / 1048576.0:N0} MiB"));
        Console.WriteLine();
        Console.WriteLine("| step | s | peak RSS MiB | most spilled to DB.tmp, MiB |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (step, seconds, peak, spill) in steps)
            Console.WriteLine(Inv($"| {step} | {seconds:0.0} | {peak / 1024.0:N0} | {spill / 1048576.0:N0} |"));
    }

    private static long SizeOf(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        }
        catch (IOException)
        {
            return 0;   // a spill file removed while it was being measured
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
