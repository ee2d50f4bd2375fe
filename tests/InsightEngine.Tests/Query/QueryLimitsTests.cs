using InsightEngine.Query;
using InsightEngine.Store;
using InsightEngine.Tests.Store;

namespace InsightEngine.Tests.Query;

/// <summary>
/// Queries cannot run away: the shell's per-statement time limit, the spill space limit, spill files removed when a
/// session ends however it ends, and the process's memory watched beyond DuckDB's own accounting.
/// </summary>
public sealed class QueryLimitsTests : IDisposable
{
    private readonly TempDir dir = new();

    /// <summary>A statement that would run for hours (a cross join of ranges).</summary>
    private const string Endless = "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1";

    /// <summary>A statement that must spill: a window over every row ordered at random, under a small memory limit.</summary>
    private const string Spilling = "SELECT sum(r) FROM (SELECT row_number() OVER (ORDER BY random()) AS r, repeat('x', 40) AS pad FROM range(6000000))";

    private string Db
    {
        get
        {
            var db = Path.Combine(dir.Path, "insight.duckdb");
            if (!File.Exists(db)) TestSupport.ImportSample(db);
            return db;
        }
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task The_shell_stops_a_statement_at_its_time_limit_and_a_script_ends_there()
    {
        var run = await TestSupport.RunCliWithInput($"SELECT 1 AS one;\n{Endless};\nSELECT 2 AS two;\n", "shell", "--db", Db, "--timeout", "1s", "--format", "csv");
        Assert.Equal(1, run.Code);
        Assert.Contains("ran past its time limit of 1s", run.Err);
        Assert.Contains("one", run.Out);
        Assert.DoesNotContain("two", run.Out);   // a script stops at the first error
    }

    [Fact]
    public async Task Spill_files_live_in_the_sessions_own_folder_and_go_when_it_ends_even_after_a_cancel()
    {
        string folder;
        using (var cancel = new CancellationTokenSource())
        {
            using var session = QuerySession.Open(Db, limits: new QueryLimits { MemoryLimit = "64MB" }, cancellation: cancel.Token);
            folder = session.Store.Scalar<string>("SELECT current_setting('temp_directory')")!;
            Assert.StartsWith(Path.GetTempPath(), folder, StringComparison.Ordinal);
            var running = Task.Run(() =>
            {
                using var rows = session.Execute("SELECT i, i::VARCHAR || repeat('x', 30) AS s FROM range(300000000) t(i) ORDER BY random()");
                while (rows.Read()) { }
            });
            // Once the sort has spilled (however long a loaded machine takes to get there), Ctrl-C.
            await OtherProcess.Until(() => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any() || running.IsCompleted,
                "the sort to spill");
            Assert.False(running.IsCompleted);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => running);
        }
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void The_spill_limit_is_the_sessions_and_a_bad_one_is_named()
    {
        using (var session = QuerySession.Open(Db, limits: new QueryLimits { TempLimit = "2MB" }))
            Assert.Equal("1.9 MiB", session.Store.Scalar<string>("SELECT current_setting('max_temp_directory_size')"));
        var e = Assert.Throws<StoreException>(() => QuerySession.Open(Db, limits: new QueryLimits { TempLimit = "plenty" }));
        Assert.Contains(QueryLimits.TempLimitVariable, e.Message);
    }

    [Fact]
    public void Sizes_read_as_duckdb_writes_them()
    {
        Assert.Equal(512_000_000, QueryLimits.Bytes("512MB"));
        Assert.Equal(2L << 30, QueryLimits.Bytes("2 GiB"));
        Assert.Null(QueryLimits.Bytes("80%"));
        Assert.Null(QueryLimits.Bytes("lots"));
        Assert.Equal(3_000_000_000, new QueryLimits { MemoryLimit = "1.5GB" }.ProcessCeilingBytes);
        Assert.Equal(1_000_000_000 + (1L << 30), new QueryLimits().ProcessCeilingBytes);
    }

    [SlowFact]
    public async Task A_value_built_outside_duckdbs_accounting_is_stopped_by_the_memory_guard()
    {
        // One repeat() call builds a 3 GB string no interrupt can stop half-way: the process is stopped with the reason.
        using var query = OtherProcess.Start(new Dictionary<string, string> { ["INSIGHT_MEMORY_LIMIT"] = "128MB" },
            "query", "SELECT length(repeat('x', 3000000000)) AS n", "--db", Db);
        var code = await query.ExitAsync();
        Assert.Equal(1, code);
        Assert.Contains("more than 1.1 GiB of memory", query.Output);
        Assert.Contains("INSIGHT_MEMORY_LIMIT", query.Output);
    }
}
