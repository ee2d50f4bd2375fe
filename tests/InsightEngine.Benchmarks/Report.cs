using System.Globalization;

namespace InsightEngine.Benchmarks;

/// <summary>Prints the medians per file and the import / read_csv ratio, in the table docs/performance.md records.</summary>
public static class Report
{
    /// <summary>Prints the result table.</summary>
    public static void Print(List<Measurement> results, List<WorkloadFile> files, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine("| file | MiB | rows | read_csv median s | import median s | ratio | read_csv peak RSS MiB | import peak RSS MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        double rawTotal = 0, importTotal = 0;
        foreach (var file in files)
        {
            var raw = results.Where(r => r.Format == file.Format && r.Kind == "read_csv").ToList();
            var imp = results.Where(r => r.Format == file.Format && r.Kind == "insight import").ToList();
            var rawMedian = Median(raw.Select(r => r.Seconds));
            var impMedian = Median(imp.Select(r => r.Seconds));
            rawTotal += rawMedian;
            importTotal += impMedian;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {file.Format} | {new FileInfo(file.Path).Length / 1048576.0:N1} | {imp[0].Rows:N0} | {rawMedian:N2} | {impMedian:N2} | {impMedian / rawMedian:N2}× | {raw.Max(r => r.PeakRssBytes) / 1048576.0:N0} | {imp.Max(r => r.PeakRssBytes) / 1048576.0:N0} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| all files | | | {rawTotal:N2} | {importTotal:N2} | {importTotal / rawTotal:N2}× | | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target: import ≤ 2× read_csv. Measured: {importTotal / rawTotal:N2}× ({Environment.ProcessorCount} cores, {options.Repeat} runs each, medians)."));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
