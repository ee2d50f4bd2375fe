using InsightEngine.Store;

namespace InsightEngine.Tests.Store;

public class MigrationsTests
{
    [Fact]
    public void Open_memory_creates_every_canonical_table_and_records_the_version()
    {
        using var store = TestSupport.MemoryStore();
        var tables = store.Query("SELECT table_name FROM information_schema.tables ORDER BY 1", r => r.GetString(0));
        Assert.Superset(new HashSet<string> { "schema_version", "import_batches", "incidents", "alerts", "assignments",
            "action_items", "timeline_events", "import_rejects", "data_issues" }, tables.ToHashSet());
        Assert.Equal(Migrations.LatestVersion, store.Scalar<int>("SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public void Reopening_a_file_database_applies_nothing_twice_and_keeps_data()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "x.duckdb");
        using (var store = InsightStore.Open(path))
            store.Execute("INSERT INTO import_rejects VALUES (1, 2, 'c', 'v', 'r')");
        using (var store = InsightStore.Open(path))
        {
            Assert.Equal(Migrations.All.Count, store.Scalar<int>("SELECT count(*) FROM schema_version"));
            Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM import_rejects"));
        }
    }

    [Fact]
    public void Version_5_keeps_hand_written_action_items_of_version_1_with_their_incident_and_status()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "v4.duckdb");
        using (var old = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL);";
            cmd.ExecuteNonQuery();
            foreach (var (version, name, sql) in Migrations.All.Where(m => m.Version <= 4))
            {
                cmd.CommandText = sql + $";\nINSERT INTO schema_version VALUES ({version}, '{name}', now());";
                cmd.ExecuteNonQuery();
            }
            cmd.CommandText = """
                INSERT INTO action_items VALUES ('test', 'ai-1', 'INC1', 'Add a pool alarm', 'Done', '2026-03-01', '2026-03-10', NULL, 1),
                                                ('test', 'ai-2', 'INC1', 'Raise the limit', 'open', '2026-03-01', NULL, NULL, 1)
                """;
            cmd.ExecuteNonQuery();
        }

        using var store = InsightStore.Open(path);

        Assert.Equal(Migrations.LatestVersion, store.Scalar<int>("SELECT max(version) FROM schema_version"));
        Assert.Equal(["ai-1|INC1|done|Done", "ai-2|INC1|open|open"],
            store.Query("SELECT external_id || '|' || incident_refs || '|' || status || '|' || status_raw FROM action_items ORDER BY 1", r => r.GetString(0)));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_with_both_versions()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "x.duckdb");
        using (var store = InsightStore.Open(path))
            store.Execute("INSERT INTO schema_version VALUES (999, '999_future.sql', now())");
        var e = Assert.Throws<StoreException>(() => InsightStore.Open(path));
        Assert.Contains("999", e.Message);
        Assert.Contains(Migrations.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void A_database_in_a_missing_folder_is_a_clear_error()
    {
        var e = Assert.Throws<StoreException>(() => InsightStore.Open("/nonexistent-folder-xyz/insight.duckdb"));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void The_session_time_zone_is_utc()
    {
        using var store = TestSupport.MemoryStore();
        Assert.Equal("UTC", store.Scalar<string>("SELECT current_setting('TimeZone')"));
    }
}

public class StoreSettingsTests
{
    [Fact]
    public void The_memory_limit_defaults_to_one_gigabyte()
    {
        // The store takes its limit from the caller (the settings: INSIGHT_MEMORY_LIMIT), never from the environment itself.
        using var store = TestSupport.MemoryStore();
        Assert.Equal("953.6 MiB", store.Scalar<string>("SELECT current_setting('memory_limit')")); // 1 GB = 10^9 bytes
        using var small = InsightStore.Open(":memory:", "256MB");
        Assert.Equal("244.1 MiB", small.Scalar<string>("SELECT current_setting('memory_limit')"));
    }
}
