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
