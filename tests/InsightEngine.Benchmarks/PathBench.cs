using System.Diagnostics;
using System.Globalization;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--path</c>: the user's first path against the peer they would write instead. In one run, on the same two files of
/// the --scale N organisation (PagerDuty incidents CSV, Opsgenie alerts CSV): the real <c>insight</c> process three times
/// (import both files into a new store, <c>metrics response --by severity</c>, <c>metrics noisy-alerts</c>), an
/// unchanged re-import, and <c>peer/pandas_path.py</c> under Debian's python3-pandas. Prints medians and the ratio.
/// </summary>
public static class PathBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var files = Workload.Prepare(options);
        var incidents = files.Single(f => f.Format == "pagerduty-incidents-csv").Path;
        var alerts = files.Single(f => f.Format == "opsgenie-alerts-csv").Path;
        var insight = LocateInsight(options);
        var python = Environment.GetEnvironmentVariable("INSIGHT_BENCH_PYTHON") ?? "/usr/bin/python3";
        var script = Path.Combine(AppContext.BaseDirectory, "peer", "pandas_path.py");
        try
        {
            Run(python, ["-c", "import pandas"]);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"the peer needs Python with pandas at {python} (Debian: sudo apt-get install python3-pandas; or set INSIGHT_BENCH_PYTHON)", e);
        }
        Console.WriteLine(Inv($"insight: {insight}"));
        Console.WriteLine(Inv($"files: {new FileInfo(incidents).Length / 1048576.0:N1} MiB incidents, {new FileInfo(alerts).Length / 1048576.0:N1} MiB alerts"));

        var steps = new Dictionary<string, List<(double Seconds, long PeakKiB)>>(StringComparer.Ordinal);
        void Add(string step, (double, long) r) => (steps.TryGetValue(step, out var l) ? l : steps[step] = []).Add(r);
        for (var run = 0; run < options.Repeat; run++)
        {
            var db = Path.Combine(options.WorkDir, Inv($"path-{run}.duckdb"));
            foreach (var f in Directory.GetFiles(options.WorkDir, Path.GetFileName(db) + "*")) File.Delete(f);
            Add("insight import (both files, new store)", Run(insight, ["import", incidents, alerts, "--db", db]));
            Add("insight metrics response --by severity", Run(insight, ["metrics", "response", "--by", "severity", "--db", db]));
            Add("insight metrics noisy-alerts", Run(insight, ["metrics", "noisy-alerts", "--db", db]));
            Add("insight import again (unchanged)", Run(insight, ["import", incidents, alerts, "--db", db]));
            Add("pandas script (peer)", Run(python, [script, incidents, alerts]));
            // The floor of any import into DuckDB: its own read_csv of both files into plain tables (types sniffed, no
            // conversion, no checks), in this process (no start-up).
            var floor = files.Select(f => Measure.RawReadCsv(f, options)).ToList();
            Add("floor: DuckDB read_csv of both files into tables", (floor.Sum(m => m.Seconds), floor.Max(m => m.PeakRssBytes) / 1024));
        }

        double Median(string step) => steps[step].Select(s => s.Seconds).Order().ElementAt(steps[step].Count / 2);
        Console.WriteLine();
        Console.WriteLine(Inv($"scale {options.Scale}, medians of {options.Repeat} runs"));
        Console.WriteLine();
        Console.WriteLine("| step | median s | peak RSS MiB |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (step, list) in steps)
            Console.WriteLine(Inv($"| {step} | {Median(step):0.00} | {list.Max(s => s.PeakKiB) / 1024.0:N0} |"));
        var path = Median("insight import (both files, new store)") + Median("insight metrics response --by severity") + Median("insight metrics noisy-alerts");
        var peer = Median("pandas script (peer)");
        Console.WriteLine();
        Console.WriteLine(Inv($"path (import + two metrics): {path:0.00} s; pandas: {peer:0.00} s; ratio insight/pandas: {path / peer:0.00}"));
        Console.WriteLine(Inv($"unchanged re-import: {Median("insight import again (unchanged)") / Median("insight import (both files, new store)") * 100:0} % of the first import"));
        Console.WriteLine(Inv($"floor (DuckDB's read_csv into tables) / pandas: {Median("floor: DuckDB read_csv of both files into tables") / peer:0.00}"));
    }

    /// <summary>
    /// $INSIGHT_BIN, else insight published as a user installs it for speed (README: <c>dotnet publish -c Release -r RID</c>,
    /// precompiled with ReadyToRun) into the benchmark's work folder.
    /// </summary>
    internal static string LocateInsight(BenchOptions options)
    {
        var env = Environment.GetEnvironmentVariable("INSIGHT_BIN");
        if (!string.IsNullOrEmpty(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InsightEngine.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("run the benchmark from the repository, or set INSIGHT_BIN");
        var output = Path.Combine(options.WorkDir, "insight-published");
        Console.WriteLine($"publishing insight (Release, {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}, ReadyToRun) into {output} ...");
        var publish = Run("dotnet", ["publish", Path.Combine(dir.FullName, "src", "InsightEngine.Cli"), "-c", "Release",
            "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", output, "-v", "q"]);
        Console.WriteLine(Inv($"  published in {publish.Seconds:0} s"));
        return Path.Combine(output, OperatingSystem.IsWindows() ? "insight.exe" : "insight");
    }

    /// <summary>Runs a process to its end: wall seconds and peak resident set (GNU time's %M, where installed).</summary>
    internal static (double Seconds, long PeakKiB) Run(string file, string[] args, Action? whileRunning = null)
    {
        var timeFile = Path.GetTempFileName();
        var useTime = File.Exists("/usr/bin/time");
        var info = new ProcessStartInfo(useTime ? "/usr/bin/time" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (useTime) foreach (var a in new[] { "-f", "%M", "-o", timeFile, file }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        while (!process.WaitForExit(250)) whileRunning?.Invoke();
        var seconds = sw.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        var peak = useTime && long.TryParse(File.ReadAllText(timeFile).Trim().Split('\n')[^1], CultureInfo.InvariantCulture, out var k) ? k : 0;
        File.Delete(timeFile);
        return (seconds, peak);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
