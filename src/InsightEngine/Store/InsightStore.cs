using System.Data;
using DuckDB.NET.Data;

namespace InsightEngine.Store;

/// <summary>
/// The canonical store: one DuckDB database (a file, or <c>:memory:</c>), migrated to the current schema on open.
/// The session time zone is always UTC, so every date function sees the stored UTC instants.
/// </summary>
public sealed class InsightStore : IDisposable
{
    /// <summary>DuckDB's memory limit unless the settings say otherwise (<c>INSIGHT_MEMORY_LIMIT</c>).</summary>
    public const string DefaultMemoryLimit = "1GB";

    /// <summary>
    /// DuckDB's memory limit for an import job (<c>insight import</c>, <c>insight demo</c>) unless the settings say
    /// otherwise: the import's joins are narrow and its writes stream, so it needs little; measured on a 1 GB export,
    /// 512 MB keeps the import under 900 MiB at the same speed as 1 GB (which peaked at 1.3 GiB). The limit is DuckDB's
    /// for the whole database, so it is chosen when the process opens the store and never switched behind another
    /// connection's back. docs/performance.md.
    /// </summary>
    public const string DefaultImportMemoryLimit = "512MB";

    /// <summary>
    /// DuckDB's memory limit for a command that trains models (<c>insight anomalies</c>, <c>forecast</c>, <c>recurrences</c>,
    /// <c>report weekly</c> with its learning layer) unless the settings say otherwise: the training data lives in .NET
    /// memory beside DuckDB's buffers, which would otherwise keep up to 1 GB cached. Measured at <c>--scale 1000</c>:
    /// the weekly review peaked at 2.19 GB under 1 GB and at 1.93 GB under 768 MB; under 512 MB its incident-features
    /// query ran out of memory. docs/performance.md.
    /// </summary>
    public const string DefaultLearningMemoryLimit = "768MB";

    /// <summary>DuckDB's memory limit on this database, set when it was opened.</summary>
    public string MemoryLimit { get; private set; } = DefaultMemoryLimit;

    /// <summary>Environment variable that sets DuckDB's memory limit (e.g. <c>512MB</c>, <c>4GB</c>).</summary>
    public const string MemoryLimitVariable = "INSIGHT_MEMORY_LIMIT";

    /// <summary>The database a command uses when no <c>--db</c> is given.</summary>
    public const string DefaultPath = "insight.duckdb";

    private InsightStore(DuckDBConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    /// <summary>The open connection. One store, one connection: DuckDB allows a single writer process.</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    public static InsightStore Open(string path = DefaultPath) => Open(path, sandboxed: false, memoryLimit: null);

    /// <summary>Opens like <see cref="Open(string)"/> under DuckDB memory limit <paramref name="memoryLimit"/> (null: <see cref="DefaultMemoryLimit"/>).</summary>
    public static InsightStore Open(string path, string? memoryLimit) => Open(path, sandboxed: false, memoryLimit);

    /// <summary>
    /// Opens an existing database for ad hoc queries (<c>insight query</c>, <c>insight shell</c>): read-only (DuckDB
    /// refuses every write to it) and with DuckDB's external access disabled, so no statement can read or write a file
    /// or URL, attach another database, or install or load an extension. Never migrates: a database of an older
    /// schema is refused with what to run.
    /// </summary>
    public static InsightStore OpenSandboxed(string path = DefaultPath, string? memoryLimit = null, string? tempDirectory = null, string? tempLimit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path == ":memory:" || !File.Exists(path))
            throw new StoreException($"No database at '{path}': import data first (insight import FILE --db {path}).");
        return Open(path, sandboxed: true, memoryLimit, tempDirectory, tempLimit);
    }

    private static InsightStore Open(string path, bool sandboxed, string? memoryLimit, string? tempDirectory = null, string? tempLimit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path != ":memory:")
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (dir is not null && !Directory.Exists(dir))
                throw new StoreException($"Cannot open database '{path}': the folder '{dir}' does not exist.");
        }

        DuckDBConnection connection;
        try
        {
            // The sandbox is set when the database opens: external access can only be switched off, never back on.
            var builder = new DuckDBConnectionStringBuilder { DataSource = path };
            if (sandboxed)
            {
                // Where and how much a query may spill: set as the database opens, before external access is switched off
                // (which forbids changing it).
                if (tempDirectory is not null) builder["temp_directory"] = tempDirectory;
                if (tempLimit is not null) builder["max_temp_directory_size"] = tempLimit;
                builder["access_mode"] = "READ_ONLY";
                builder["enable_external_access"] = "false";
            }
            // Built, not concatenated: a path holding ';' or '=' stays one path.
            connection = new DuckDBConnection(builder.ConnectionString);
            connection.Open();
        }
        catch (DuckDBException e) when (StoreBusyException.IsLockConflict(e.Message))
        {
            throw StoreBusyException.From(path, e.Message, e);
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"Cannot open database '{path}': {FirstLine(e.Message)}", e);
        }

        var store = new InsightStore(connection, path) { ReadOnly = sandboxed };
        try
        {
            store.Execute("SET TimeZone = 'UTC'");
            // The importer numbers records by insertion order to report line numbers: DuckDB's default, never switched off
            // (the setting is the database's, not this connection's).
            // DuckDB would take 80 % of RAM; a limit makes large imports spill their staging data to disk instead
            // (measured: the same speed, peak RSS 1.5 GiB → 1.1 GiB on a 269 MiB file). docs/performance.md.
            var limit = (memoryLimit ?? DefaultMemoryLimit).Replace("'", "", StringComparison.Ordinal);
            try
            {
                store.Execute($"SET memory_limit = '{limit}'");
                store.MemoryLimit = limit;
            }
            catch (DuckDBException e)
            {
                throw new StoreException($"{MemoryLimitVariable}='{limit}' is not a memory size (use e.g. 512MB, 2GB): {FirstLine(e.Message)}", e);
            }
            if (sandboxed) Migrations.Require(store);
            else Migrations.Apply(store);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What this connection's TEMP macros are: defined or not, and which shared block reads which table (absent = its
    /// live definition). They live and die with the connection; <see cref="Analysis.AnalysisSession"/> keeps this
    /// current before every query it runs.
    /// </summary>
    internal ConnectionMacros Macros { get; } = new();

    internal sealed class ConnectionMacros
    {
        public bool Defined { get; set; }

        public Dictionary<string, string> Routes { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Opened by <see cref="OpenSandboxed"/>: read-only, no external access.</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>Runs a statement that returns no rows; parameters are bound by name (<c>$name</c>).</summary>
    public long Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var n = Guard(cmd.ExecuteNonQuery);
        Trace(sql, sw);
        return n;
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    public T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var value = Guard(cmd.ExecuteScalar);
        Trace(sql, sw);
        if (value is System.Numerics.BigInteger big) value = (decimal)big; // DuckDB's HUGEINT (sum of BIGINT)
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<IDataRecord, T> map, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = Guard(() =>
        {
            using var reader = cmd.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                rows.Add(map(reader));
            }
            return rows;
        });
        Trace(sql, sw);
        return result;
    }

    /// <summary>
    /// <c>INSIGHT_TRACE=1</c>: each statement's time and first line on stderr, with the time since the process started
    /// (so start-up and the gaps between statements show); <c>=2</c>: the whole statement.
    /// </summary>
    private static void Trace(string sql, System.Diagnostics.Stopwatch sw)
    {
        var level = Environment.GetEnvironmentVariable("INSIGHT_TRACE");
        if (level is not ("1" or "2")) return;
        var sinceStart = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.Error.WriteLine($"TRACE {sw.ElapsedMilliseconds,6} ms  at {sinceStart,7:0} ms  {(level == "1" ? sql.Trim().Split('\n')[0] : sql)}");
    }

    /// <summary>
    /// Until disposed, <paramref name="token"/> interrupts whatever statement this connection is running (DuckDB stops
    /// it and the statement throws; a transaction around it rolls back), and no further statement starts: a dropped HTTP
    /// request, a shutdown or Ctrl-C stops the work instead of letting it run to the end. One scope at a time.
    /// </summary>
    public IDisposable CancelWith(CancellationToken token)
    {
        if (cancellation.CanBeCanceled) throw new InvalidOperationException("This connection already has a cancellation scope.");
        token.ThrowIfCancellationRequested();
        cancellation = token;
        registration = token.Register(Interrupt);
        return new Restore(EndCancellation);
    }

    /// <summary>Ends the cancellation scope (also when the store is disposed: a later cancel must not reach a closed connection).</summary>
    private void EndCancellation()
    {
        registration.Dispose();
        registration = default;
        cancellation = CancellationToken.None;
    }

    private CancellationToken cancellation = CancellationToken.None;
    private CancellationTokenRegistration registration;

    /// <summary>True once this connection's cancellation scope was cancelled.</summary>
    public bool CancellationRequested => cancellation.IsCancellationRequested;

    /// <summary>duckdb_interrupt on this connection: whatever statement it runs (a streaming reader's included) stops.</summary>
    internal void Interrupt()
    {
        try
        {
            using var command = Connection.CreateCommand();
            command.Cancel();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or NullReferenceException or DuckDBException)
        {
            // the connection closed meanwhile: nothing runs (a cancellation callback must never throw)
        }
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the work was cancelled (an interrupted statement included).</summary>
    private T Guard<T>(Func<T> run)
    {
        cancellation.ThrowIfCancellationRequested();
        try
        {
            return run();
        }
        catch (DuckDBException e) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("The statement was interrupted: the work was cancelled.", e, cancellation);
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>A command with named parameters bound.</summary>
    public DuckDBCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return cmd;
    }

    /// <summary>
    /// The version of the data: the latest import batch that wrote a record (inserted or updated one; every import that
    /// changes the canonical tables comes with such a batch), the schema version, and each analysed table's row count
    /// and highest row id (rows written any other way: a migration carrying old rows over, a test's own inserts; every
    /// insert raises the row id). A re-import that changes nothing, a rejected file or an empty API page leaves it as it
    /// was, so nothing keyed on it (the analysis cache, the service's results, the models' results) is recomputed.
    /// </summary>
    public string DataVersion() =>
        Scalar<string>("""
            SELECT concat_ws('.',
                (SELECT coalesce(max(batch_id), 0) FROM import_batches WHERE inserted + updated > 0),
                (SELECT coalesce(max(version), 0) FROM schema_version),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM incidents),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM alerts),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM timeline_events),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM postmortems),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM action_items),
                (SELECT count(*) || ':' || coalesce(max(rowid), -1) FROM assignments))
            """) ?? "0";

    /// <summary>
    /// Whether analysis sessions on this connection may fill the analysis cache when it is stale for their request
    /// (computing each block a query needs once, for the next query and the next command). True for a command's own
    /// connection; the service's read connections (one snapshot each, the cache refreshed by its writer) and read-only
    /// connections never write it.
    /// </summary>
    public bool FillsAnalysisCache { get; set; } = true;

    /// <summary>Runs <paramref name="work"/> in one transaction: committed if it returns, rolled back if it throws.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        using var tx = Connection.BeginTransaction();
        TransactionOpen = true;
        try
        {
            var result = work();
            tx.Commit();
            return result;
        }
        catch
        {
            tx.Rollback();
            if (settingsToRestore is { } restore)
            {
                // A failed BulkWrite could not restore its settings inside the aborted transaction.
                Execute(restore);
                settingsToRestore = null;
            }
            throw;
        }
        finally
        {
            TransactionOpen = false;
        }
    }

    /// <summary>
    /// Runs a bulk write (an import's write pass, an analysis-cache block) under two DuckDB settings, restored after:
    /// <list type="bullet">
    /// <item>preserve_insertion_order off: the rows' order means nothing, and DuckDB then writes from both threads
    /// without re-ordering, ~20 % faster on 200 k alerts (docs/performance.md);</item>
    /// <item>the build_side_probe_side optimizer off: a join keeps its right side (the store's own rows) as the hash
    /// table. DuckDB guesses a CSV file at a few dozen rows and would otherwise build the table from the file's
    /// millions of converted rows, past the memory limit (a 1.3 GB export into a store already holding 1.6 M records of
    /// the source ran out of memory at 512 MB).</item>
    /// </list>
    /// Both are the database's settings, seen by every connection while the write runs: only statements without ORDER BY,
    /// and join plans, notice, and the one step that numbers records by insertion order (the import's check pass) never
    /// runs beside this one (imports take turns: in the service behind one writer; a CLI process is the only user).
    /// </summary>
    public void BulkWrite(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var optimizers = Scalar<string>("SELECT current_setting('disabled_optimizers')") ?? "";
        var bulk = string.Join(',', optimizers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("build_side_probe_side").Distinct());
        Execute($"SET preserve_insertion_order = false; SET disabled_optimizers = '{bulk}'");
        settingsToRestore = $"SET preserve_insertion_order = true; SET disabled_optimizers = '{optimizers.Replace("'", "", StringComparison.Ordinal)}'";
        try
        {
            work();
        }
        finally
        {
            // In a transaction the failure aborted, no statement runs until the rollback: InTransaction restores them then.
            try
            {
                using var cmd = Command(settingsToRestore);
                cmd.ExecuteNonQuery();
                settingsToRestore = null;
            }
            catch (DuckDBException) when (TransactionOpen)
            {
            }
        }
    }

    private string? settingsToRestore;

    /// <summary>Inside <see cref="InTransaction{T}"/>: work that commits on its own (the analysis cache's fill) waits.</summary>
    public bool TransactionOpen { get; private set; }

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// Runs a clean-up statement (resetting a connection setting, dropping temporary tables) even after the work was
    /// cancelled: it must not replace the cancellation with a second one.
    /// </summary>
    public void ExecuteCleanup(string sql)
    {
        using var cmd = Command(sql);
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (DuckDBException) when (cancellation.IsCancellationRequested)
        {
            // DuckDB may still report the interrupt here: the work is being given up, and so is this clean-up.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        EndCancellation();
        Connection.Dispose();
    }
}
