using System.Diagnostics;
using System.Globalization;
using InsightEngine.Benchmarks;

// Import throughput vs DuckDB's own read_csv, on the generator's --scale N organisation (default 100).
// Usage: dotnet run -c Release --project tests/InsightEngine.Benchmarks -- [--scale 100] [--repeat 3] [--data DIR]
// Whole-file runs timed with a stopwatch: an import of hundreds of MB is too long for BenchmarkDotNet's many iterations.
var options = BenchOptions.Parse(args);
if (args.Contains("--learning"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --learning [--scale 100] [--repeat 3]
    LearningBench.Run(options);
    return;
}
if (args.Contains("--service"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --service [--scale 100]
    await ServiceLoadBench.RunAsync(options);
    return;
}
if (args.Contains("--reports"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --reports [--scale 100] [--repeat 3]
    ReportBench.Run(options);
    return;
}
if (args.Contains("--adhoc"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --adhoc [--scale 100] [--repeat 3]
    AdHocBench.Run(options);
    return;
}
if (args.Contains("--large"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --large [--scale 1000]
    LargeBench.Run(options);
    return;
}
if (args.Contains("--path"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --path [--scale 30] [--repeat 3]
    PathBench.Run(options);
    return;
}
if (args.Contains("--metrics"))
{
    // dotnet run -c Release --project tests/InsightEngine.Benchmarks -- --metrics [--scale 100] [--repeat 5]
    MetricsBench.Run(options);
    return;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"InsightEngine import benchmark: scale {options.Scale}, {options.Repeat} runs each, data in {options.DataDir}"));
var files = Workload.Prepare(options);
foreach (var f in files) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Format}: {f.Path} ({new FileInfo(f.Path).Length / 1048576.0:N1} MiB)"));

var results = new List<Measurement>();
foreach (var file in files)
{
    for (var run = 0; run < options.Repeat; run++)
    {
        results.Add(Measure.RawReadCsv(file, options));
        results.Add(Measure.Import(file, options));
    }
}

Report.Print(results, files, options);
