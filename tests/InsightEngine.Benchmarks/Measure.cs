using System.Diagnostics;
using DuckDB.NET.Data;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Benchmarks;

/// <summary>One timed run: what ran, on which file, how long, the peak resident memory during it, the rows loaded.</summary>
public sealed record Measurement(string Kind, string Format, double Seconds, long PeakRssBytes, long Rows);

/// <summary>
/// The two contenders, in the same process, each into a fresh database file: DuckDB's own <c>read_csv</c> (types
/// sniffed) into a plain table, and the full <c>insight import</c> of the same file (staging, typing, rejects, data
/// issues, upsert, batch record, one transaction). Peak memory is the process's VmHWM, reset before each run.
/// </summary>
public static class Measure
{
    /// <summary>DuckDB's own reader into a plain table.</summary>
    public static Measurement RawReadCsv(WorkloadFile file, BenchOptions options) => Run("read_csv", file, options, db =>
    {
        using var connection = new DuckDBConnection($"Data Source={db}");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"CREATE TABLE raw AS SELECT * FROM read_csv('{Path.GetFullPath(file.Path).Replace("'", "''", StringComparison.Ordinal)}'); SELECT count(*) FROM raw";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The product's import.</summary>
    public static Measurement Import(WorkloadFile file, BenchOptions options) => Run("insight import", file, options, db =>
    {
        using var store = InsightStore.Open(db);
        var result = new Importer(store).ImportFile(file.Path);
        return result.Inserted;
    });

    private static Measurement Run(string kind, WorkloadFile file, BenchOptions options, Func<string, long> body)
    {
        var db = Path.Combine(options.WorkDir, $"{Guid.NewGuid():N}.duckdb");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        PeakMemory.Reset();
        var watch = Stopwatch.StartNew();
        var rows = body(db);
        watch.Stop();
        var peak = PeakMemory.Read();
        File.Delete(db);
        if (File.Exists(db + ".wal")) File.Delete(db + ".wal");
        return new Measurement(kind, file.Format, watch.Elapsed.TotalSeconds, peak, rows);
    }
}
