using System.Data;
using DuckDB.NET.Data;

namespace InsightEngine.Store;

/// <summary>
/// The canonical store: one DuckDB database (a file, or <c>:memory:</c>), migrated to the current schema on open.
/// The session time zone is always UTC, so every date function sees the stored UTC instants.
/// </summary>
public sealed class InsightStore : IDisposable
{
    /// <summary>DuckDB's memory limit unless <see cref="MemoryLimitVariable"/> says otherwise.</summary>
    public const string DefaultMemoryLimit = "1GB";

    /// <summary>
    /// DuckDB's memory limit while a file imports and while the analysis cache refreshes after it, unless
    /// <see cref="MemoryLimitVariable"/> says otherwise: the import's joins are narrow and its writes stream, so it needs
    /// little; measured on a 1 GB export, 512 MB keeps the import under 900 MiB at the same speed as 1 GB (which peaked
    /// at 1.3 GiB), and the refresh that follows under 850 MiB (2 s slower than at 1 GB). docs/performance.md.
    /// </summary>
    public const string DefaultImportMemoryLimit = "512MB";

    /// <summary>The memory limit the user set with <see cref="MemoryLimitVariable"/>, if any.</summary>
    public static string? ConfiguredMemoryLimit =>
        Environment.GetEnvironmentVariable(MemoryLimitVariable) is { Length: > 0 } v ? v.Replace("'", "", StringComparison.Ordinal) : null;

    /// <summary>DuckDB's memory limit on this connection outside imports.</summary>
    public string MemoryLimit { get; private set; } = DefaultMemoryLimit;

    /// <summary>Runs under another DuckDB memory limit until disposed, then restores <see cref="MemoryLimit"/>.</summary>
    public IDisposable LimitMemory(string limit)
    {
        Execute($"SET memory_limit = '{limit.Replace("'", "", StringComparison.Ordinal)}'");
        return new Restore(() => Execute($"SET memory_limit = '{MemoryLimit}'"));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

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
    public static InsightStore Open(string path = DefaultPath) => Open(path, sandboxed: false);

    /// <summary>
    /// Opens an existing database for ad hoc queries (<c>insight query</c>, <c>insight shell</c>): read-only (DuckDB
    /// refuses every write to it) and with DuckDB's external access disabled, so no statement can read or write a file
    /// or URL, attach another database, or install or load an extension. Never migrates: a database of an older
    /// schema is refused with what to run.
    /// </summary>
    public static InsightStore OpenSandboxed(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path == ":memory:" || !File.Exists(path))
            throw new StoreException($"No database at '{path}': import data first (insight import FILE --db {path}).");
        return Open(path, sandboxed: true);
    }

    private static InsightStore Open(string path, bool sandboxed)
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
            var options = sandboxed ? ";access_mode=READ_ONLY;enable_external_access=false" : "";
            connection = new DuckDBConnection($"Data Source={path}{options}");
            connection.Open();
        }
        catch (DuckDBException e)
        {
            throw new StoreException($"Cannot open database '{path}': {FirstLine(e.Message)}", e);
        }

        var store = new InsightStore(connection, path) { ReadOnly = sandboxed };
        try
        {
            store.Execute("SET TimeZone = 'UTC'");
            // The importer numbers records by insertion order to report line numbers: keep DuckDB's default explicit.
            store.Execute("SET preserve_insertion_order = true");
            // DuckDB would take 80 % of RAM; a limit makes large imports spill their staging data to disk instead
            // (measured: the same speed, peak RSS 1.5 GiB → 1.1 GiB on a 269 MiB file). docs/performance.md.
            var limit = ConfiguredMemoryLimit ?? DefaultMemoryLimit;
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

    /// <summary>Opened by <see cref="OpenSandboxed"/>: read-only, no external access.</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>Runs a statement that returns no rows; parameters are bound by name (<c>$name</c>).</summary>
    public long Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var n = cmd.ExecuteNonQuery();
        if (Environment.GetEnvironmentVariable("INSIGHT_TRACE") == "1") Console.Error.WriteLine($"TRACE {sw.ElapsedMilliseconds,6} ms  {sql.Trim().Split('\n')[0]}");
        if (Environment.GetEnvironmentVariable("INSIGHT_TRACE") == "2") Console.Error.WriteLine($"TRACE {sw.ElapsedMilliseconds,6} ms  {sql}");
        return n;
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    public T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        var value = cmd.ExecuteScalar();
        if (value is System.Numerics.BigInteger big) value = (decimal)big; // DuckDB's HUGEINT (sum of BIGINT)
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<IDataRecord, T> map, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
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

    /// <summary>Runs <paramref name="work"/> in one transaction: committed if it returns, rolled back if it throws.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        using var tx = Connection.BeginTransaction();
        try
        {
            var result = work();
            tx.Commit();
            return result;
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();
}
