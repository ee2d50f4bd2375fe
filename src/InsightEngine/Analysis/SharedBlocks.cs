using System.Globalization;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using InsightEngine.Store;

namespace InsightEngine.Analysis;

/// <summary>
/// The building blocks several metrics share, each a table macro over every row whose result depends only on the data
/// and a few arguments: alert classes (two window passes over all alerts), page recipients, recurrence. On each
/// connection a block's macro reads from one of three places:
/// <list type="bullet">
/// <item>live: its definition in <c>Sql/macros/</c> (always correct; the default);</item>
/// <item>the analysis cache: <c>analysis_&lt;block&gt;</c>, written by <see cref="Refresh"/> after an import, used only
/// while its key (data version, as-of instant, thresholds) equals the request's;</item>
/// <item>a TEMP table written by <see cref="Materialize"/> for a run of several metrics over one request.</item>
/// </list>
/// The metric SQL never knows which: it calls the macro.
/// </summary>
public static class SharedBlocks
{
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
    ];

    /// <summary>Per connection: the table each macro currently reads (absent = live), and whether a materialization holds them.</summary>
    private sealed class ConnectionState
    {
        public Dictionary<string, string> Routes { get; } = new(StringComparer.Ordinal);
        public bool Materialized { get; set; }
    }

    private static readonly ConditionalWeakTable<DuckDBConnection, ConnectionState> States = [];

    private static ConnectionState State(InsightStore store) => States.GetValue(store.Connection, _ => new ConnectionState());

    /// <summary>
    /// Recomputes every block into the analysis cache for <paramref name="options"/> at the data's own as-of instant
    /// (what a metrics command uses unless told <c>--as-of</c>), in one transaction. Run after imports.
    /// </summary>
    public static void Refresh(InsightStore store, MetricOptions options)
    {
        // Part of the import job: it runs under the import's memory limit (see InsightStore.DefaultImportMemoryLimit).
        using var memory = store.LimitMemory(InsightStore.ConfiguredMemoryLimit ?? InsightStore.DefaultImportMemoryLimit);
        MetricQueries.Prepare(store);
        var request = new MetricRequest { Options = options };
        var scope = MetricQueries.Scope(store, request, "(analysis cache)");
        PointAt(store, State(store), Blocks.ToDictionary(b => b.Macro, _ => (string?)null));
        store.InTransaction(() =>
        {
            var version = DataVersion(store);
            foreach (var block in Blocks)
            {
                var create = $"CREATE OR REPLACE TABLE analysis_{block.Macro} AS SELECT * FROM {block.Call}";
                store.Execute(create, MetricQueries.Parameters(create, request, scope, "all"));
                store.Execute("""
                    INSERT OR REPLACE INTO analysis_cache (block, cache_key, refreshed_at) VALUES ($block, $key, now())
                    """, ("block", block.Macro), ("key", Key(block, version, request, scope)));
            }
            return 0;
        });
    }

    /// <summary>Before a metric query: points each block at the analysis cache where its key matches the request, else live.</summary>
    internal static void Route(InsightStore store, MetricRequest request, MetricScope scope)
    {
        var state = State(store);
        if (state.Materialized) return;
        var cached = store.Query("SELECT block, cache_key FROM analysis_cache", r => (Block: r.GetString(0), Key: r.GetString(1)))
            .ToDictionary(x => x.Block, x => x.Key, StringComparer.Ordinal);
        var version = cached.Count == 0 ? 0 : DataVersion(store);
        PointAt(store, state, Blocks.ToDictionary(
            b => b.Macro,
            b => cached.TryGetValue(b.Macro, out var key) && key == Key(b, version, request, scope) ? $"analysis_{b.Macro}" : null));
    }

    /// <summary>
    /// For a run of several metrics over one request (<c>metrics all</c>, reports): each block the analysis cache does
    /// not already hold for this request is computed once into a TEMP table. Every query run before disposal must use
    /// this request's as-of instant and thresholds (scope filters and zone may differ: they apply on top). Disposing
    /// drops the tables and returns the macros to live. Not for concurrent use of one connection (no DuckDB
    /// connection is).
    /// </summary>
    public static IDisposable Materialize(InsightStore store, MetricRequest request, MetricScope scope)
    {
        MetricQueries.Prepare(store);
        var state = State(store);
        if (state.Materialized) throw new InvalidOperationException("A materialization is already active on this connection.");
        Route(store, request, scope);
        var routes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var temp = new List<string>();
        try
        {
            foreach (var block in Blocks)
            {
                if (state.Routes.TryGetValue(block.Macro, out var table)) { routes[block.Macro] = table; continue; }
                var create = $"CREATE OR REPLACE TEMP TABLE materialized_{block.Macro} AS SELECT * FROM {block.Call}";
                store.Execute(create, MetricQueries.Parameters(create, request, scope, "all"));
                temp.Add(block.Macro);
                routes[block.Macro] = $"materialized_{block.Macro}";
            }
            PointAt(store, state, routes);
            state.Materialized = true;
        }
        catch
        {
            Release(store, state, temp);
            throw;
        }
        return new Releaser(() => Release(store, state, temp));
    }

    private static void Release(InsightStore store, ConnectionState state, List<string> temp)
    {
        state.Materialized = false;
        PointAt(store, state, Blocks.ToDictionary(b => b.Macro, _ => (string?)null));
        foreach (var macro in temp) store.Execute($"DROP TABLE IF EXISTS materialized_{macro}");
    }

    /// <summary>Redefines the macros whose source changes: a table, or (null) the live definition.</summary>
    private static void PointAt(InsightStore store, ConnectionState state, Dictionary<string, string?> wanted)
    {
        var current = state.Routes;
        if (wanted.All(w => current.GetValueOrDefault(w.Key) == w.Value)) return;
        if (wanted.Any(w => w.Value is null && current.ContainsKey(w.Key)))
        {
            MetricQueries.DefineMacros(store);   // back to live: the definitions, all of them
            current.Clear();
        }
        foreach (var block in Blocks)
        {
            if (wanted.GetValueOrDefault(block.Macro) is not { } table || current.GetValueOrDefault(block.Macro) == table) continue;
            store.Execute($"CREATE OR REPLACE TEMP MACRO {block.Macro}({block.Parameters}) AS TABLE SELECT * FROM {table}");
            current[block.Macro] = table;
        }
    }

    /// <summary>The latest import batch: every change to the canonical tables comes with one.</summary>
    private static long DataVersion(InsightStore store) =>
        store.Scalar<long?>("SELECT max(batch_id) FROM import_batches") ?? 0;

    private static string Key(Block block, long version, MetricRequest request, MetricScope scope) =>
        string.Join('|', MetricQueries.Parameters(block.Arguments, request, scope, "all")
            .Select(p => p.Value switch
            {
                DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v?.ToString() ?? "",
            })
            .Prepend(version.ToString(CultureInfo.InvariantCulture)));

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;
        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
