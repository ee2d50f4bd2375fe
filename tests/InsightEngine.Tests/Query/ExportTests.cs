using System.Text.Json;
using InsightEngine.Export;
using InsightEngine.Query;
using InsightEngine.Store;

namespace InsightEngine.Tests.Query;

/// <summary><c>insight export</c>: every canonical table round-trips (row counts and values) through Parquet and through formula-safe CSV.</summary>
public sealed class ExportTests(QueryTests.Database database) : IClassFixture<QueryTests.Database>, IDisposable
{
    private readonly TempDir output = new();

    public void Dispose() => output.Dispose();

    [Fact]
    public async Task Parquet_round_trips_every_table_row_for_row()
    {
        var r = await TestSupport.RunCli("export", "--format", "parquet", "--out", output.Path, "--db", database.Db);
        Assert.True(r.Code == 0, r.Err);
        var manifest = Manifest();

        using var reader = InsightStore.Open(":memory:");
        reader.Execute($"ATTACH '{database.Db}' AS original (READ_ONLY)");
        foreach (var table in CanonicalTables.All)
        {
            var entry = manifest.Single(t => t.GetProperty("table").GetString() == table.Name);
            var file = Path.Combine(output.Path, entry.GetProperty("file").GetString()!);
            var columns = string.Join(", ", entry.GetProperty("columns").EnumerateArray().Select(c => $"\"{c.GetProperty("name").GetString()}\""));
            var stored = reader.Scalar<long>($"SELECT count(*) FROM original.{table.Name}");
            Assert.Equal(stored, entry.GetProperty("rows").GetInt64());
            Assert.Equal(stored, reader.Scalar<long>($"SELECT count(*) FROM read_parquet('{file}')"));
            // Same multiset of rows, every value equal (NULLs included), both ways; types too (Parquet keeps them).
            Assert.Equal(0, reader.Scalar<long>($"SELECT count(*) FROM (SELECT {columns} FROM original.{table.Name} EXCEPT ALL SELECT {columns} FROM read_parquet('{file}'))"));
            Assert.Equal(0, reader.Scalar<long>($"SELECT count(*) FROM (SELECT {columns} FROM read_parquet('{file}') EXCEPT ALL SELECT {columns} FROM original.{table.Name})"));
            Assert.Equal(
                reader.Query($"SELECT data_type FROM duckdb_columns() WHERE database_name = 'original' AND table_name = '{table.Name}' AND column_name <> 'row_hash' ORDER BY column_index", x => x.GetString(0)),
                reader.Query($"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{file}'))", x => x.GetString(0)));
        }
        Assert.True(manifest.Single(t => t.GetProperty("table").GetString() == "incidents").GetProperty("rows").GetInt64() > 700);
        Assert.True(manifest.Single(t => t.GetProperty("table").GetString() == "alerts").GetProperty("rows").GetInt64() > 6000);
    }

    [Fact]
    public async Task Csv_round_trips_values_as_text_with_formulas_neutralised()
    {
        var r = await TestSupport.RunCli("export", "--format", "csv", "--out", output.Path, "--db", database.Db, "--tables", "incidents,alerts,import_batches");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal<string[]>(["alerts.csv", "import_batches.csv", "incidents.csv", "manifest.json"],
            Directory.GetFiles(output.Path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());

        using var store = InsightStore.Open(database.Db);
        using var reader = InsightStore.Open(":memory:");
        foreach (var entry in Manifest())
        {
            var table = CanonicalTables.All.Single(t => t.Name == entry.GetProperty("table").GetString());
            var columns = entry.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            var expected = store.Query($"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {table.Name} ORDER BY {table.Key}",
                x => Enumerable.Range(0, x.FieldCount).Select(i => x.IsDBNull(i) ? "" : x.GetValue(i) is string text ? Spreadsheet(text) : ValueText.Of(x.GetValue(i), x.GetDataTypeName(i))).ToArray());
            var file = Path.Combine(output.Path, entry.GetProperty("file").GetString()!);
            var actual = reader.Query($"SELECT * FROM read_csv('{file}', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')",
                x => Enumerable.Range(0, x.FieldCount).Select(i => x.IsDBNull(i) ? "" : x.GetString(i)).ToArray());

            Assert.Equal(expected.Count, entry.GetProperty("rows").GetInt64());
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        }

        var incidents = await File.ReadAllTextAsync(Path.Combine(output.Path, "incidents.csv"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", incidents);
        Assert.DoesNotContain(",=HYPERLINK", incidents);
        Assert.DoesNotContain("row_hash", incidents.Split('\n')[0]);
    }

    /// <summary>What a spreadsheet-safe cell holds: text a spreadsheet would run as a formula gets a leading quote (numbers stay numbers).</summary>
    private static string Spreadsheet(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    [Fact]
    public async Task A_second_export_replaces_the_first_and_bad_input_is_refused_clearly()
    {
        var first = await TestSupport.RunCli("export", "--format", "csv", "--out", output.Path, "--db", database.Db, "--tables", "import_batches");
        var second = await TestSupport.RunCli("export", "--format", "csv", "--out", output.Path, "--db", database.Db, "--tables", "import_batches");
        Assert.Equal(0, first.Code + second.Code);
        Assert.Empty(Directory.GetFiles(output.Path, "*.partial"));

        var table = await TestSupport.RunCli("export", "--format", "csv", "--out", output.Path, "--db", database.Db, "--tables", "incidents,secrets");
        Assert.Equal(1, table.Code);
        Assert.Contains("'secrets' is not a canonical table", table.Err);

        var format = await TestSupport.RunCli("export", "--format", "xlsx", "--out", output.Path, "--db", database.Db);
        Assert.Equal(2, format.Code);

        var file = Path.Combine(output.Path, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var notAFolder = await TestSupport.RunCli("export", "--out", file, "--db", database.Db);
        Assert.Equal(1, notAFolder.Code);
        Assert.StartsWith("error:", notAFolder.Err);
    }

    [Fact]
    public void A_failed_export_leaves_the_earlier_files_as_they_were()
    {
        using var store = InsightStore.Open(database.Db);
        TableExport.Write(store, output.Path, "csv", ["import_batches"]);
        var before = File.ReadAllText(Path.Combine(output.Path, "import_batches.csv"));

        // The second table's file cannot be written (a folder sits where the temporary file goes): nothing is replaced.
        Directory.CreateDirectory(Path.Combine(output.Path, "incidents.csv.partial"));
        Assert.ThrowsAny<Exception>(() => TableExport.Write(store, output.Path, "csv", ["import_batches", "incidents"]));

        Assert.Equal(before, File.ReadAllText(Path.Combine(output.Path, "import_batches.csv")));
        Assert.False(File.Exists(Path.Combine(output.Path, "incidents.csv")));
        Assert.False(File.Exists(Path.Combine(output.Path, "import_batches.csv.partial")));
    }

    [Fact]
    public async Task A_partitioned_export_is_one_hive_dataset_per_table_by_source_and_month()
    {
        var r = await TestSupport.RunCli("export", "--format", "parquet", "--partitioned", "--out", output.Path, "--db", database.Db);
        Assert.True(r.Code == 0, r.Err);
        var manifest = Manifest();
        using var reader = InsightStore.Open(":memory:");
        reader.Execute($"ATTACH '{database.Db}' AS original (READ_ONLY)");

        // alerts/source=opsgenie/month=2026-05/data_0.parquet: the keys in the paths, read back as columns.
        var alerts = Path.Combine(output.Path, "alerts");
        Assert.Contains(Directory.GetDirectories(alerts), d => Path.GetFileName(d).StartsWith("source=", StringComparison.Ordinal));
        Assert.All(Directory.GetDirectories(alerts).SelectMany(Directory.GetDirectories), d => Assert.Matches(@"month=\d{4}-\d{2}$", d));
        var dataset = $"read_parquet('{alerts}/**/*.parquet', hive_partitioning = true)";
        Assert.Equal(
            reader.Query("SELECT source, strftime(created_at, '%Y-%m'), count(*) FROM original.alerts GROUP BY ALL ORDER BY ALL", x => (x.GetString(0), x.GetString(1), x.GetInt64(2))),
            reader.Query($"SELECT source, month, count(*) FROM {dataset} GROUP BY ALL ORDER BY ALL", x => (x.GetString(0), x.GetString(1), x.GetInt64(2))));
        foreach (var table in CanonicalTables.All)
        {
            var entry = manifest.Single(t => t.GetProperty("table").GetString() == table.Name);
            var stored = reader.Scalar<long>($"SELECT count(*) FROM original.{table.Name}");
            Assert.Equal(stored, entry.GetProperty("rows").GetInt64());
            var file = entry.GetProperty("file").GetString()!;
            if (!file.EndsWith('/')) continue;   // import_rejects names no source and no time: one file
            var columns = string.Join(", ", entry.GetProperty("columns").EnumerateArray().Select(c => $"\"{c.GetProperty("name").GetString()}\"").Append("source"));
            var read = $"read_parquet('{Path.Combine(output.Path, table.Name)}/**/*.parquet', hive_partitioning = true)";
            // Every row and value (the source from the path), both ways.
            Assert.Equal(0, reader.Scalar<long>($"SELECT count(*) FROM (SELECT {columns} FROM original.{table.Name} EXCEPT ALL SELECT {columns} FROM {read})"));
            Assert.Equal(0, reader.Scalar<long>($"SELECT count(*) FROM (SELECT {columns} FROM {read} EXCEPT ALL SELECT {columns} FROM original.{table.Name})"));
        }

        var csv = await TestSupport.RunCli("export", "--format", "csv", "--partitioned", "--out", output.Path, "--db", database.Db);
        Assert.Equal(1, csv.Code);
        Assert.Contains("--partitioned writes Parquet", csv.Err);
    }

    [Fact]
    public async Task Facts_are_the_query_views_rows_with_the_settings_named_in_the_manifest()
    {
        var config = Path.Combine(output.Path, "team.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  timezone: America/New_York\n  flap_count: 2\n");
        var folder = Path.Combine(output.Path, "facts");
        var r = await TestSupport.RunCli("export", "--format", "parquet", "--facts", "--config", config, "--tables", "incidents", "--out", folder, "--db", database.Db);
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, TableExport.ManifestName)));
        var facts = doc.RootElement.GetProperty("facts");
        Assert.Equal("America/New_York", facts.GetProperty("settings").GetProperty("timezone").GetString());
        Assert.Equal("2", facts.GetProperty("settings").GetProperty("flap_count").GetString());
        Assert.Equal(["incidents", .. TableExport.FactNames],
            doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("table").GetString()!).ToList());

        // Each file holds exactly the rows of insight query's view under the same settings (EXCEPT ALL both ways).
        var settings = InsightEngine.Settings.SettingsLoader.Load(config);
        using var session = QuerySession.Open(database.Db, settings.Metrics);
        foreach (var (name, view) in new[] { ("incident_facts", "all_incident_facts"), ("alert_noise", "all_alert_noise"), ("pages", "all_pages"), ("recurrences", "all_recurrences") })
        {
            var file = Path.Combine(folder, name + ".parquet").Replace("'", "''", StringComparison.Ordinal);
            var columns = string.Join(", ", session.Store.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM {view}) WHERE column_name <> 'row_hash'", x => "\"" + x.GetString(0) + "\""));
            Assert.True(session.Store.Scalar<long>($"SELECT count(*) FROM {view}") > 0, view);
            using var reader = InsightStore.Open(":memory:");
            var rows = reader.Scalar<long>($"SELECT count(*) FROM read_parquet('{file}')");
            Assert.Equal(session.Store.Scalar<long>($"SELECT count(*) FROM {view}"), rows);
            var exported = reader.Query($"SELECT * FROM read_parquet('{file}') ORDER BY ALL", Row);
            var viewed = session.Store.Query($"SELECT {columns} FROM {view} ORDER BY ALL", Row);
            Assert.Equal(viewed, exported);
        }
        Assert.Equal(0, session.Store.Scalar<long>("SELECT count(*) FROM all_alert_noise WHERE class IS NULL"));
    }

    private static string Row(System.Data.IDataRecord r) =>
        string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));

    private List<JsonElement> Manifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, TableExport.ManifestName)));
        return doc.RootElement.GetProperty("tables").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
