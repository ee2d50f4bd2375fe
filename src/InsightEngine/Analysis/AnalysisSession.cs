using System.Globalization;
using InsightEngine.Settings;
using InsightEngine.Store;

namespace InsightEngine.Analysis;

/// <summary>Where an analysis session may read the shared blocks from besides their live definitions.</summary>
public enum AnalysisCacheUse
{
    /// <summary>
    /// The analysis cache where its key (data version, as-of instant, thresholds) equals the request's. Where it does not,
    /// and the connection fills the cache (<see cref="InsightStore.FillsAnalysisCache"/>), each block the query needs is
    /// computed into the cache first; otherwise the live definition is read.
    /// </summary>
    WhenFresh,

    /// <summary>Always the live definitions (tests, and the cache refresh itself).</summary>
    Never,
}

/// <summary>
/// One caller's analysis over one store connection: the settings it runs with, which cache it may read, and the
/// shared blocks it materialized for a run of several metrics. Every metric query runs through a session, and before
/// each query the session points the connection's block macros (<c>alert_classes</c>, <c>page_recipients</c>,
/// <c>incident_recurrence</c>) at exactly what this query should read — its own materialized tables, the analysis
/// cache when fresh for this request, or the live definition — so no earlier call decides what a later one reads.
/// Sessions hold no static state; a DuckDB connection is used by one thread at a time, and so is a session.
/// Disposing drops the session's materialized tables.
/// </summary>
public sealed class AnalysisSession : IDisposable
{
    private const string MacroFolder = "Analysis/Sql/macros/";

    /// <summary>A block: its macro, the macro's parameter list, and the request parameters it is called with.</summary>
    private sealed record Block(string Macro, string Parameters, string Arguments)
    {
        public string Call => $"{Macro}({Arguments})";
    }

    private static readonly Block[] Blocks =
    [
        new("alert_classes", "p_as_of, p_auto_resolve_window_s, p_actionable_min_open_s, p_flap_count, p_flap_window_s",
            "$as_of, $auto_resolve_window_s, $actionable_min_open_s, $flap_count, $flap_window_s"),
        new("page_recipients", "", ""),
        new("incident_recurrence", "p_window_s", "$recurrence_window_s"),
        // Which postmortem record covers which incident, and which incident each action item is counted under: joins
        // over every key a record is known by, cheap to run but costly to plan inside every incident query (tens of ms
        // per query on a small store), so computed once like the blocks above.
        new("incident_postmortem", "", ""),
        new("action_item_facts", "p_as_of", "$as_of"),
    ];

    private readonly string tag = Guid.NewGuid().ToString("N")[..8];
    private Materialization? materialized;

    /// <summary>Opens a session on <paramref name="store"/>'s connection.</summary>
    public AnalysisSession(InsightStore store, InsightSettings? settings = null, AnalysisCacheUse cache = AnalysisCacheUse.WhenFresh)
    {
        Store = store;
        Settings = settings ?? InsightSettings.Default;
        Cache = cache;
        Prepare();
    }

    /// <summary>The connection.</summary>
    public InsightStore Store { get; }

    /// <summary>The settings the session's default request uses.</summary>
    public InsightSettings Settings { get; }

    /// <summary>Which cache it may read.</summary>
    public AnalysisCacheUse Cache { get; }

    /// <summary>A request over everything with the session's thresholds and zone; narrow it with <c>with</c>.</summary>
    public MetricRequest Request() => new() { Options = Settings.Metrics };

    /// <summary>Creates the metric macros on the connection once (they live and die with it). <c>insight query</c> uses them too.</summary>
    private void Prepare()
    {
        var macros = Store.Macros;
        if (macros.Defined) return;
        DefineMacros(Store);
        macros.Defined = true;
        macros.Routes.Clear();
    }

    private static void DefineMacros(InsightStore store)
    {
        foreach (var path in SqlResources.List(MacroFolder)) store.Execute(SqlResources.Read(path));
    }

    /// <summary>
    /// Before a query (the metrics, and any SQL of the caller over the macros): points each block at what this request
    /// reads (this session's materialization, a fresh cache, else live). The blocks the query reads (<paramref name="sql"/>,
    /// directly or through other macros; every block when null) that the cache is stale for are computed into the cache
    /// first, where the connection fills it and the request is the settings' own (<see cref="IsSettingsRequest"/>): the
    /// first query after an import pays for the blocks it needs, never for the others, and the next ones read them.
    /// </summary>
    public void Route(MetricRequest request, MetricScope scope, string? sql = null)
    {
        if (materialized is { } m)
        {
            if (!m.Covers(request, scope))
                throw new InvalidOperationException("A materialized run serves one as-of instant and one set of thresholds: open another session.");
            PointAt(m.Routes);
            return;
        }
        Dictionary<string, string>? cached = null;
        if (Cache == AnalysisCacheUse.WhenFresh)
            cached = Store.Query("SELECT block, cache_key FROM analysis_cache", r => (Block: r.GetString(0), Key: r.GetString(1)))
                .ToDictionary(x => x.Block, x => x.Key, StringComparer.Ordinal);
        var fill = Cache == AnalysisCacheUse.WhenFresh && Store.FillsAnalysisCache && !Store.ReadOnly && !Store.TransactionOpen;
        var version = cached is { Count: > 0 } || fill ? DataVersion(Store) : "";
        bool Fresh(Block b) => cached is not null && cached.TryGetValue(b.Macro, out var key) && key == Key(b, version, request, scope);
        var needed = fill ? BlocksRead(sql).Where(b => !Fresh(b)).ToHashSet() : [];
        if (needed.Count > 0 && !IsSettingsRequest(request)) needed.Clear();
        if (needed.Count > 0)
        {
            // Computed in block order (a block may read an earlier one), each from the live definitions or the cache
            // already filled, in one transaction with its cache row.
            PointAt(Blocks.ToDictionary(b => b.Macro, b => Fresh(b) ? $"analysis_{b.Macro}" : null));
            Store.InTransaction(() =>
            {
                foreach (var block in Blocks.Where(needed.Contains))
                {
                    Compute(Store, block, version, request, scope);
                    cached![block.Macro] = Key(block, version, request, scope);
                }
                return 0;
            });
        }
        PointAt(Blocks.ToDictionary(b => b.Macro, b => Fresh(b) ? $"analysis_{b.Macro}" : null));
    }

    /// <summary>
    /// Whether the cache may be filled for <paramref name="request"/>: it asks with the settings' own thresholds at the
    /// data's own as-of instant (what users ask for unless they override either). The cache holds one version of each
    /// block, so other requests are answered live and never replace it: two sessions with different thresholds cannot
    /// overwrite the tables the other reads.
    /// </summary>
    private bool IsSettingsRequest(MetricRequest request)
    {
        var ownScope = MetricQueries.Scope(Store, request with { AsOf = null }, "(analysis cache)");
        if (request.AsOf is { } asOf && asOf != ownScope.AsOf) return false;
        var settingsRequest = request with { Options = Settings.Metrics };
        return Blocks.All(b => Key(b, "", request, ownScope) == Key(b, "", settingsRequest, ownScope));
    }

    /// <summary>
    /// The blocks <paramref name="sql"/> reads, directly or through the macros it calls (every block when null): found
    /// by name in the query and in the macros' own definitions, so a new macro needs no list kept by hand.
    /// </summary>
    private static HashSet<Block> BlocksRead(string? sql)
    {
        if (sql is null) return [.. Blocks];
        var graph = MacroGraph.Value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(graph.Keys.Where(name => Calls(sql, name)));
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name)) continue;
            foreach (var callee in graph[name]) queue.Enqueue(callee);
        }
        return Blocks.Where(b => seen.Contains(b.Macro)).ToHashSet();
    }

    /// <summary>Every metric macro and the macros its definition calls (from the embedded macro files).</summary>
    private static readonly Lazy<Dictionary<string, List<string>>> MacroGraph = new(() =>
    {
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in SqlResources.List(MacroFolder))
        {
            var parts = System.Text.RegularExpressions.Regex.Split(SqlResources.Read(path), @"CREATE OR REPLACE TEMP MACRO\s+");
            foreach (var part in parts.Skip(1))
            {
                var name = part[..part.IndexOf('(', StringComparison.Ordinal)].Trim();
                bodies[name] = bodies.GetValueOrDefault(name, "") + part[name.Length..];
            }
        }
        return bodies.ToDictionary(b => b.Key, b => bodies.Keys.Where(other => other != b.Key && Calls(b.Value, other)).ToList(), StringComparer.Ordinal);
    });

    private static bool Calls(string sql, string macro) =>
        System.Text.RegularExpressions.Regex.IsMatch(sql, $@"\b{macro}\s*\(");

    /// <summary>Computes one block into its cache table and records the key it holds.</summary>
    private static void Compute(InsightStore store, Block block, string version, MetricRequest request, MetricScope scope)
    {
        var create = $"CREATE OR REPLACE TABLE analysis_{block.Macro} AS SELECT * FROM {block.Call}";
        store.BulkWrite(() => store.Execute(create, MetricQueries.Parameters(create, request, scope, "all")));
        store.Execute("""
            INSERT OR REPLACE INTO analysis_cache (block, cache_key, refreshed_at) VALUES ($block, $key, now())
            """, ("block", block.Macro), ("key", Key(block, version, request, scope)));
    }

    /// <summary>
    /// For a run of several metrics over one request (<c>metrics all</c>, reports): each block the analysis cache does
    /// not already hold for this request is computed once into a TEMP table of this session. Every query of the session
    /// until disposal must use this request's as-of instant and thresholds (scope filters and zone may differ: they
    /// apply on top). Disposing the result drops the tables.
    /// </summary>
    public IDisposable Materialize(MetricRequest request, MetricScope scope)
    {
        if (materialized is not null) throw new InvalidOperationException("This session already holds a materialized run.");
        Route(request, scope);
        var routes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var temp = new List<string>();
        try
        {
            foreach (var block in Blocks)
            {
                if (Store.Macros.Routes.TryGetValue(block.Macro, out var table)) { routes[block.Macro] = table; continue; }
                var name = $"materialized_{block.Macro}_{tag}";
                var create = $"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {block.Call}";
                Store.Execute(create, MetricQueries.Parameters(create, request, scope, "all"));
                temp.Add(name);
                routes[block.Macro] = name;
            }
        }
        catch
        {
            Drop(temp);
            throw;
        }
        materialized = new Materialization(routes, temp, Key(Blocks[0], "", request, scope) + "|" + Key(Blocks[2], "", request, scope));
        PointAt(routes);
        return new Releaser(Release);
    }

    private void Release()
    {
        if (materialized is not { } m) return;
        materialized = null;
        if (Store.CancellationRequested)
        {
            // The work was cancelled: no more statements through the cancelled scope. The macros are redefined from
            // scratch by the next session on this connection, if any.
            Store.Macros.Defined = false;
            Store.Macros.Routes.Clear();
        }
        else PointAt(Blocks.ToDictionary(b => b.Macro, _ => (string?)null));
        Drop(m.Tables);
    }

    private void Drop(IEnumerable<string> tables)
    {
        foreach (var t in tables) Store.ExecuteCleanup($"DROP TABLE IF EXISTS {t}");
    }

    /// <summary>
    /// Recomputes every block into the analysis cache for <paramref name="options"/> at the data's own as-of instant
    /// (what a metrics command uses unless told <c>--as-of</c>), in one transaction. Run after imports, with the
    /// thresholds the settings name, so the cache serves what users ask for.
    /// </summary>
    public static void Refresh(InsightStore store, MetricOptions options)
    {
        using var session = new AnalysisSession(store, cache: AnalysisCacheUse.Never);
        var request = new MetricRequest { Options = options };
        var scope = MetricQueries.Scope(store, request, "(analysis cache)");
        session.PointAt(Blocks.ToDictionary(b => b.Macro, _ => (string?)null));
        store.InTransaction(() =>
        {
            var version = DataVersion(store);
            foreach (var block in Blocks) Compute(store, block, version, request, scope);
            return 0;
        });
    }

    /// <summary>Redefines the macros whose source changes: a table, or (null) the live definition.</summary>
    private void PointAt(IReadOnlyDictionary<string, string?> wanted)
    {
        var current = Store.Macros.Routes;
        if (wanted.All(w => current.GetValueOrDefault(w.Key) == w.Value)) return;
        if (wanted.Any(w => w.Value is null && current.ContainsKey(w.Key)))
        {
            DefineMacros(Store);   // back to live: the definitions, all of them
            current.Clear();
        }
        foreach (var block in Blocks)
        {
            if (wanted.GetValueOrDefault(block.Macro) is not { } table || current.GetValueOrDefault(block.Macro) == table) continue;
            Store.Execute($"CREATE OR REPLACE TEMP MACRO {block.Macro}({block.Parameters}) AS TABLE SELECT * FROM {table}");
            current[block.Macro] = table;
        }
    }

    /// <summary>
    /// What a cached block was computed from: the store's data version (<see cref="InsightStore.DataVersion"/>) and the
    /// block definitions of this build (an upgrade that changes a macro must not read a table the old one wrote).
    /// </summary>
    private static string DataVersion(InsightStore store) => store.DataVersion() + "." + MacroHash.Value;

    private static readonly Lazy<string> MacroHash = new(() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Concat(SqlResources.List(MacroFolder).Select(SqlResources.Read)))))[..16]);

    private static string Key(Block block, string version, MetricRequest request, MetricScope scope) =>
        string.Join('|', MetricQueries.Parameters(block.Arguments, request, scope, "all")
            .Select(p => p.Value switch
            {
                DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v?.ToString() ?? "",
            })
            .Prepend(version));

    /// <inheritdoc />
    public void Dispose() => Release();

    private sealed record Materialization(IReadOnlyDictionary<string, string?> Routes, List<string> Tables, string Key)
    {
        public bool Covers(MetricRequest request, MetricScope scope) =>
            Key == AnalysisSession.Key(Blocks[0], "", request, scope) + "|" + AnalysisSession.Key(Blocks[2], "", request, scope);
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;
        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
