using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using InsightEngine.Analysis;
using InsightEngine.Store;

namespace InsightEngine.Query;

/// <summary>A table or view a query can read, as <c>.tables</c> in the shell lists it.</summary>
/// <param name="Name">Its name in SQL.</param>
/// <param name="Kind"><c>table</c> (canonical data), <c>metric</c> (a metric's query), <c>data</c> (what the data holds) or <c>rows</c> (a building block's rows).</param>
/// <param name="Description">What it holds.</param>
public sealed record QueryObject(string Name, string Kind, string Description);

/// <summary>
/// Ad hoc SQL for power users (<c>insight query</c>, <c>insight shell</c>), over the canonical tables and the metric views,
/// and nothing else. Three locks, each enough on its own for the data: the database is opened read-only; DuckDB's
/// external access is off (no file, URL, other database or extension); and every statement is parsed by DuckDB first
/// and refused unless it is a query. The configuration is then locked, so no statement can undo any of it.
/// </summary>
public sealed partial class QuerySession : IDisposable
{
    private const string RowViewsPath = "Query/Sql/row_views.sql";

    /// <summary>The canonical tables a query is meant to read.</summary>
    public static readonly IReadOnlyList<QueryObject> Tables = CanonicalTables.All.Select(t => new QueryObject(t.Name, "table", t.Description)).ToList();

    private static readonly HashSet<string> QueryKeywords =
        new(["SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE", "EXPLAIN", "("], StringComparer.OrdinalIgnoreCase);

    private readonly SpillFolder spill;
    private MemoryGuard? guard;

    private QuerySession(InsightStore store, IReadOnlyList<QueryObject> views, QueryLimits limits, SpillFolder spill)
    {
        Store = store;
        Views = views;
        Limits = limits;
        this.spill = spill;
    }

    /// <summary>The limits the session runs under.</summary>
    public QueryLimits Limits { get; }

    /// <summary>
    /// Watches the process's memory from now on (<see cref="MemoryGuard"/>): past the ceiling the running statement is
    /// interrupted (<see cref="MemoryExceeded"/> then says why); <paramref name="runaway"/> is called if memory stays over
    /// (a command line prints it and exits).
    /// </summary>
    public void GuardMemory(Action<QueryException>? runaway = null)
    {
        if (guard is not null || Limits.ProcessCeilingBytes is not { } ceiling) return;
        guard = new MemoryGuard(ceiling, Store.Interrupt, runaway is null ? null : _ => runaway(MemoryStop(ceiling)));
    }

    /// <summary>
    /// A time limit for the statements run until the returned scope is disposed: past <paramref name="limit"/> the
    /// running statement is interrupted and <see cref="DeadlinePassed"/> turns true. Starts a new statement's watch
    /// (the memory guard's verdict on the last one is cleared).
    /// </summary>
    public IDisposable Deadline(TimeSpan limit)
    {
        DeadlinePassed = false;
        guard?.Reset();
        return new Timer(_ =>
        {
            DeadlinePassed = true;
            Store.Interrupt();
        }, null, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when the statement under the last <see cref="Deadline"/> ran past it.</summary>
    public bool DeadlinePassed { get; private set; }

    /// <summary>Why the last statement was stopped for memory, once the guard has tripped; else null.</summary>
    public QueryException? MemoryExceeded => guard is { Tripped: true } g ? MemoryStop(g.CeilingBytes) : null;

    private QueryException MemoryStop(long ceiling) => new(
        $"The query made the process use more than {ceiling / (double)(1L << 30):0.#} GiB of memory (DuckDB's limit of " +
        $"{Limits.MemoryLimit ?? InsightStore.DefaultMemoryLimit} plus room for the program) and was stopped. Narrow it (fewer rows or columns, " +
        $"no huge strings or lists), or raise {InsightStore.MemoryLimitVariable} (e.g. 4GB).");

    /// <summary>The sandboxed store (read-only, no external access).</summary>
    public InsightStore Store { get; }

    /// <summary>The metric views and row views this session defined.</summary>
    public IReadOnlyList<QueryObject> Views { get; }

    /// <summary>Everything a query can read: <see cref="Tables"/>, then <see cref="Views"/>.</summary>
    public IEnumerable<QueryObject> Objects => Tables.Concat(Views);

    /// <summary>
    /// Opens the database at <paramref name="path"/> sandboxed, defines the metric macros and views (with
    /// <paramref name="options"/>' thresholds and zone, at the data's as-of instant) and locks the configuration, under
    /// <paramref name="limits"/> (memory, spill space in a folder of its own, the wait for a held database).
    /// </summary>
    public static QuerySession Open(string path, MetricOptions? options = null, QueryLimits? limits = null, CancellationToken cancellation = default)
    {
        limits ??= QueryLimits.Default;
        var temp = (limits.TempLimit ?? QueryLimits.DefaultTempLimit).Trim();
        if (QueryLimits.Bytes(temp) is null)
            throw new StoreException($"{QueryLimits.TempLimitVariable}='{temp}' is not a disk size (use e.g. 2GB, 20GB).");
        var spill = SpillFolder.Create();
        InsightStore store;
        try
        {
            store = StoreOpening.Retry(() => InsightStore.OpenSandboxed(path, limits.MemoryLimit, spill.Path, temp), limits.Wait, cancellationToken: cancellation);
        }
        catch
        {
            spill.Dispose();
            throw;
        }
        try
        {
            store.CancelWith(cancellation);   // Ctrl-C interrupts the running statement
            var views = DefineViews(store, options ?? MetricOptions.Default);
            store.Execute("SET lock_configuration = true");
            return new QuerySession(store, views, limits with { TempLimit = temp }, spill);
        }
        catch
        {
            store.Dispose();
            spill.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One TEMP view per metric (<c>metric_response</c>, <c>metric_noisy_alerts</c>, ...): the metric's own embedded
    /// query over the whole store with its default grouping, so a view gives the numbers <c>insight metrics NAME</c>
    /// gives; plus the row-level building blocks (<c>all_incident_facts</c>, ...). Views take no parameters, so the
    /// request's values are written in as SQL literals.
    /// </summary>
    private static List<QueryObject> DefineViews(InsightStore store, MetricOptions options)
    {
        var session = new AnalysisSession(store);   // lives as long as the connection: the views call its macros
        var request = new MetricRequest { Options = options, Limit = int.MaxValue };
        var scope = MetricQueries.Scope(store, request, "(insight query)");
        session.Route(request, scope);   // read the analysis cache when it is fresh

        var views = new List<QueryObject>();
        foreach (var metric in MetricCatalog.All.Where(m => m.Name != "deltas"))   // deltas composes other metrics: no query of its own
        {
            var (name, description) = ViewOf(metric);
            var sql = SqlResources.Read(metric.QueryPath);
            store.Execute($"CREATE OR REPLACE TEMP VIEW {name} AS\n{Inline(sql, MetricQueries.Parameters(sql, request, scope, metric.DefaultBy))}");
            views.Add(new QueryObject(name, "metric", description));
        }

        store.Execute($"CREATE OR REPLACE TEMP VIEW field_coverage AS\n{SqlResources.Read(DataCoverage.QueryPath)}");
        views.Add(new QueryObject("field_coverage", "data", "Per source and entity: how many rows fill each canonical field"));

        views.AddRange(DefineRowViews(store, request, scope));
        return views;
    }

    /// <summary>
    /// The row-level building blocks of the metrics as TEMP views on <paramref name="store"/>'s connection
    /// (<c>all_incident_facts</c>, <c>all_alert_noise</c>, <c>all_pages</c>, <c>all_recurrences</c>): every row of the
    /// store with <paramref name="options"/>' thresholds and zone, at the data's as-of instant. <c>insight export --facts</c>
    /// writes them; <c>insight query</c> reads them.
    /// </summary>
    public static IReadOnlyList<QueryObject> DefineRowViews(InsightStore store, MetricOptions options)
    {
        var session = new AnalysisSession(store);   // lives as long as the connection: the views call its macros
        var request = new MetricRequest { Options = options, Limit = int.MaxValue };
        var scope = MetricQueries.Scope(store, request, "(insight export)");
        session.Route(request, scope);
        return DefineRowViews(store, request, scope);
    }

    private static List<QueryObject> DefineRowViews(InsightStore store, MetricRequest request, MetricScope scope)
    {
        var rowViews = SqlResources.Read(RowViewsPath);
        store.Execute(Inline(rowViews, MetricQueries.Parameters(rowViews, request, scope, "all")));
        return RowViewComment().Matches(rowViews)
            .Select(m => new QueryObject(m.Groups["name"].Value, "rows", Capitalized(m.Groups["text"].Value.Trim().TrimEnd('.'))))
            .ToList();
    }

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A metric's view name: <c>metric_</c> + its name.</summary>
    private static (string Name, string Description) ViewOf(MetricDefinition metric) =>
        ("metric_" + metric.Name.Replace('-', '_'), metric.Summary);

    /// <summary>Writes each <c>$name</c> of <paramref name="sql"/> as the SQL literal of its value.</summary>
    internal static string Inline(string sql, (string Name, object? Value)[] parameters)
    {
        var values = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        // A name without a value (in a comment, say) stays as it is: in live SQL DuckDB would refuse it anyway.
        return ParameterName().Replace(sql, m => values.TryGetValue(m.Groups[1].Value, out var v) ? Literal(v) : m.Value);
    }

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime t => "TIMESTAMP '" + t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"No SQL literal for a {value.GetType().Name}."),
    };

    /// <summary>
    /// Checks <paramref name="sql"/> and returns how many statements it holds: DuckDB's own parser must read every one
    /// as a query (<c>json_serialize_sql</c> serializes SELECT statements only; DESCRIBE, SHOW, SUMMARIZE, FROM-first
    /// and VALUES parse as SELECT). <c>EXPLAIN [ANALYZE]</c> of a query is allowed. Throws <see cref="QueryException"/>
    /// with the reason otherwise.
    /// </summary>
    public int Check(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var explained = Explain().Match(sql, LeadingComments(sql));
        var body = explained.Success ? explained.Groups["query"].Value : sql;
        var json = Store.Scalar<string>("SELECT json_serialize_sql($sql::VARCHAR)", ("sql", body))!;
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        if (!root.GetProperty("error").GetBoolean())
        {
            var count = root.GetProperty("statements").GetArrayLength();
            if (count == 0) throw new QueryException("There is no statement to run (only blanks or comments).");
            if (explained.Success && count > 1) throw new QueryException("EXPLAIN takes one query.");
            return count;
        }
        var type = root.GetProperty("error_type").GetString();
        var message = root.GetProperty("error_message").GetString();
        if (type == "parser")
            throw new QueryException($"SQL {message}{Position(body, root)}");
        throw new QueryException(Refusal(body));
    }

    /// <summary>Runs one checked query; the result streams (read it before running another).</summary>
    public QueryResult Execute(string sql)
    {
        if (Check(sql) > 1) throw new QueryException("Run one statement at a time here (insight shell runs several).");
        return ExecuteChecked(sql);
    }

    /// <summary>Runs every statement of checked <paramref name="sql"/>; the results come one after another (<see cref="QueryResult.NextResult"/>).</summary>
    public QueryResult ExecuteAll(string sql)
    {
        Check(sql);
        return ExecuteChecked(sql);
    }

    private QueryResult ExecuteChecked(string sql)
    {
        var command = Store.Command(sql);
        command.UseStreamingMode = true;
        try
        {
            return new QueryResult(command, command.ExecuteReader());
        }
        catch (DuckDBException e)
        {
            command.Dispose();
            if (Store.CancellationRequested) throw new OperationCanceledException("The query was interrupted.", e);
            throw Translate(e);
        }
    }

    /// <summary>Turns DuckDB's error into what the user did and what to do instead.</summary>
    public static QueryException Translate(DuckDBException e)
    {
        var message = e.Message.Trim();
        var first = message.Split('\n', 2)[0];
        if (first.Contains("disabled by configuration", StringComparison.OrdinalIgnoreCase)
            || first.Contains("disabled through configuration", StringComparison.OrdinalIgnoreCase))
            return new QueryException(
                $"Queries read only the database: files, URLs, other databases and extensions are out of their reach (DuckDB's external access is disabled). " +
                $"Bring files in with insight import; write the tables out with insight export. ({first})", e);
        if (first.Contains("max_temp_directory_size", StringComparison.Ordinal))
            return new QueryException(
                $"The query needed more temporary disk space than its limit and was stopped. Narrow it, or raise {QueryLimits.TempLimitVariable} (e.g. 20GB). ({first})", e);
        if (first.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
            return new QueryException(
                $"The query ran out of memory at DuckDB's limit and was stopped. Narrow it, or raise {InsightStore.MemoryLimitVariable} (e.g. 4GB). ({first})", e);
        if (first.Contains("read-only mode", StringComparison.OrdinalIgnoreCase) || first.Contains("configuration has been locked", StringComparison.OrdinalIgnoreCase))
            return new QueryException($"The database is open read-only here: nothing can be changed from a query. ({first})", e);
        return new QueryException($"Query failed: {message}", e);
    }

    /// <summary>Why a parsed, non-query statement is refused, naming the first such statement's kind.</summary>
    private static string Refusal(string sql)
    {
        // Naming the statement is for the message only (the parser decided): a write inside a WITH gets no name.
        var keyword = StatementStarts(sql)
            .Select(LeadingKeyword)
            .FirstOrDefault(k => k.Length > 0 && !QueryKeywords.Contains(k), "");
        var what = keyword switch
        {
            "INSERT" or "UPDATE" or "DELETE" or "MERGE" or "UPSERT" or "TRUNCATE" => "would change data",
            "CREATE" or "DROP" or "ALTER" or "COMMENT" or "VACUUM" or "CHECKPOINT" => "would change the database",
            "COPY" or "EXPORT" or "IMPORT" => "reads or writes files (to write the tables out, use insight export)",
            "ATTACH" or "DETACH" or "USE" => "would attach or switch databases",
            "INSTALL" or "LOAD" or "FORCE" => "would install or load an extension",
            "SET" or "RESET" or "PRAGMA" => "would change settings",
            "CALL" => "calls a procedure (select from a table function instead: SELECT * FROM duckdb_tables())",
            "PIVOT" or "UNPIVOT" => "is a statement form not allowed here (write it as a subquery: SELECT * FROM (PIVOT ...))",
            "BEGIN" or "COMMIT" or "ROLLBACK" or "ABORT" or "START" or "END" => "controls transactions",
            _ => "is not a query",
        };
        return $"Refused: {(keyword.Length > 0 ? keyword : "the statement")} {what}. Queries here are read-only: " +
               "SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN. The data changes only through insight import.";
    }

    /// <summary>Each statement's text from its first token (the comments before it, nested ones included, skipped): for naming a refusal only.</summary>
    private static IEnumerable<string> StatementStarts(string sql)
    {
        var start = LeadingComments(sql);
        while (start < sql.Length)
        {
            var end = sql.IndexOf(';', start);
            yield return sql[start..(end < 0 ? sql.Length : end)];
            if (end < 0) yield break;
            start = end + 1 + LeadingComments(sql[(end + 1)..]);
        }
    }

    private static string LeadingKeyword(string sql)
    {
        var m = Keyword().Match(sql);
        return m.Success ? m.Groups["kw"].Value.ToUpperInvariant() : "";
    }

    private static string Position(string sql, JsonElement root)
    {
        if (!root.TryGetProperty("position", out var p) || !int.TryParse(p.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            || at < 0 || at > sql.Length)
            return "";
        var lineStart = sql.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var lineEnd = sql.IndexOf('\n', at);
        var line = sql[lineStart..(lineEnd < 0 ? sql.Length : lineEnd)];
        var lineNumber = sql[..lineStart].Count(c => c == '\n') + 1;
        return $" (line {lineNumber}, column {at - lineStart + 1})\n  {line}\n  {new string(' ', at - lineStart)}^";
    }

    [GeneratedRegex(@"\$([a-z_0-9]+)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*(?<kw>[A-Za-z]+|\()", RegexOptions.Singleline)]
    private static partial Regex Keyword();

    /// <summary>
    /// Where the first token starts: past blanks, <c>--</c> line comments and <c>/* */</c> block comments, which nest
    /// in DuckDB (<c>/* /* */ EXPLAIN SELECT 1 */ DELETE ...</c> is one comment, then a DELETE: a non-nesting skipper
    /// would see the EXPLAIN and check the wrong statement).
    /// </summary>
    internal static int LeadingComments(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i])) { i++; continue; }
            if (sql.AsSpan(i).StartsWith("--"))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }
            if (!sql.AsSpan(i).StartsWith("/*")) break;
            var depth = 0;
            do
            {
                if (sql.AsSpan(i).StartsWith("/*")) { depth++; i += 2; }
                else if (sql.AsSpan(i).StartsWith("*/")) { depth--; i += 2; }
                else i++;
            }
            while (depth > 0 && i < sql.Length);
        }
        return i;
    }

    [GeneratedRegex(@"\GEXPLAIN(?:\s+ANALY[SZ]E)?\s(?<query>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Explain();

    [GeneratedRegex(@"^-- (?<name>all_[a-z_]+): (?<text>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex RowViewComment();

    /// <inheritdoc />
    public void Dispose()
    {
        guard?.Dispose();
        Store.Dispose();
        spill.Dispose();   // after the connection: DuckDB's spill files are gone with it, even after an interrupt
    }
}
