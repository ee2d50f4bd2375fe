using System.Globalization;

namespace InsightEngine.Store;

/// <summary>
/// Ordered schema migrations kept as <c>Store/Sql/schema/NNN_name.sql</c>. Each runs once, in its own
/// transaction, and is recorded in <c>schema_version</c>; a database newer than this build is refused.
/// </summary>
public static class Migrations
{
    private const string Folder = "Store/Sql/schema/";

    /// <summary>The migrations this build knows, as (version, name, sql).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => All[^1].Version;

    private static List<(int, string, string)> Load() =>
        SqlResources.List(Folder)
            .Select(path =>
            {
                var file = path[Folder.Length..];
                var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                return (version, file, SqlResources.Read(path));
            })
            .OrderBy(m => m.version)
            .ToList();

    /// <summary>For a read-only store: refuses a database whose schema is not this build's (it cannot be migrated here).</summary>
    public static void Require(InsightStore store)
    {
        var current = store.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' AND NOT temporary") == 0
            ? 0
            : store.Scalar<int?>("SELECT max(version) FROM schema_version") ?? 0;
        if (current == LatestVersion) return;
        throw new StoreException(current > LatestVersion
            ? $"Database '{store.Path}' has schema version {current}, newer than this build's {LatestVersion}. Use a newer insight."
            : current == 0
                ? $"'{store.Path}' is not an insight database (no schema_version table): import data first (insight import FILE --db {store.Path})."
                : $"Database '{store.Path}' has schema version {current}, older than this build's {LatestVersion}: run any other insight command on it once (e.g. insight metrics response --db {store.Path}) to upgrade it.");
    }

    /// <summary>Creates the version table if needed and applies every migration not yet applied.</summary>
    public static void Apply(InsightStore store)
    {
        store.Execute("""
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                name       VARCHAR NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL
            )
            """);
        var current = store.Scalar<int?>("SELECT max(version) FROM schema_version") ?? 0;
        if (current > LatestVersion)
            throw new StoreException(
                $"Database '{store.Path}' has schema version {current}, newer than this build's {LatestVersion}. Use a newer insight.");

        foreach (var (version, name, sql) in All.Where(m => m.Version > current))
        {
            store.InTransaction(() =>
            {
                store.Execute(sql);
                return store.Execute("INSERT INTO schema_version VALUES ($v, $n, now())", ("v", version), ("n", name));
            });
        }
    }
}
