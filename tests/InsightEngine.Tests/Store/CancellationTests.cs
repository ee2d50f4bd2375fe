using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Store;

/// <summary>Cancellation reaches DuckDB: a running statement is interrupted, the store is left as it was, Ctrl-C exits 130.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>A statement that would run for minutes.</summary>
    private const string Endless = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range = -1";

    [Fact]
    public void A_cancelled_token_interrupts_the_running_statement_and_the_connection_stays_usable()
    {
        using var store = TestSupport.MemoryStore();
        using var cancel = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        using (store.CancelWith(cancel.Token))
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            Assert.Throws<OperationCanceledException>(() => store.Scalar<long>(Endless));
        }
        // Generous: the point is "stopped", not "fast"; uninterrupted this runs far longer than a minute.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60));
        Assert.Equal(1, store.Scalar<int>("SELECT 1"));
        using var again = new CancellationTokenSource();
        using (store.CancelWith(again.Token)) Assert.Equal(2, store.Scalar<int>("SELECT 2"));
    }

    [Fact]
    public void A_cancelled_import_rolls_back_and_leaves_the_store_as_it_was()
    {
        using var store = TestSupport.MemoryStore();
        var before = TestSupport.Dump(store, "import_batches", "batch_id");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => store.CancelWith(cancel.Token));
        using var later = new CancellationTokenSource();
        using (store.CancelWith(later.Token))
        {
            var alerts = Path.Combine(Generation.SampleDataTests.RepositoryRoot(), "sample-data", "opsgenie", "alerts.csv");
            // Ctrl-C arrives once the checks are done, just before the write pass: deterministic, no timer.
            var importer = new Importer(store) { Progress = new Now<ImportProgress>(p => { if (p.Phase == ImportPhase.Writing) later.Cancel(); }) };
            Assert.ThrowsAny<OperationCanceledException>(() => importer.ImportFile(alerts));
        }
        Assert.Equal(before, TestSupport.Dump(store, "import_batches", "batch_id"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM alerts"));
    }

    [Fact]
    public async Task Ctrl_c_on_insight_query_interrupts_it_and_exits_130()
    {
        var db = Path.Combine(dir.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await InsightEngine.Cli.InsightCli.RunAsync(["query", Endless, "--db", db], output, error, cancel.Token);
        Assert.Equal(InsightEngine.Cli.InsightCli.Cancelled, code);
        Assert.Contains("cancelled", error.ToString());
        // The store is as it was: the next command reads it.
        var next = await TestSupport.RunCli("query", "SELECT count(*) AS n FROM incidents", "--db", db, "--format", "csv");
        Assert.Equal(0, next.Code);
    }

    [Fact]
    public async Task Insight_query_stops_at_its_time_limit_and_says_how_to_raise_it()
    {
        var db = Path.Combine(dir.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        // The statement would run for hours: the limit decides the outcome, not this machine's speed.
        var run = await TestSupport.RunCli("query", Endless, "--db", db, "--timeout", "1s");
        Assert.Equal(InsightEngine.Cli.InsightCli.Failed, run.Code);
        Assert.Contains("ran past its time limit of 1s", run.Err);
        Assert.Contains("--timeout 5m", run.Err);
        var bad = await TestSupport.RunCli("query", "SELECT 1", "--db", db, "--timeout", "soon");
        Assert.Contains("--timeout 'soon' is not a duration", bad.Err);
    }

    /// <summary>Reports on the caller's thread, at once (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Now<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
