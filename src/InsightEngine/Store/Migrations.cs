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
