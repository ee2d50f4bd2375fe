using System.Globalization;

namespace InsightEngine.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions(int Scale, int Repeat, string DataDir, string WorkDir)
{
    /// <summary>Parses <c>--scale N --repeat N --data DIR</c>.</summary>
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var scale = int.Parse(Value("--scale") ?? "100", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Value("--repeat") ?? "3", CultureInfo.InvariantCulture);
        var data = Value("--data") ?? Path.Combine("bench-data", $"scale-{scale}");
        var work = Path.Combine(Path.GetTempPath(), "insight-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        return new BenchOptions(scale, repeat, data, work);
    }
}
