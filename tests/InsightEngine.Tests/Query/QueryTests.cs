using System.Text.Json;
using DuckDB.NET.Data;
using InsightEngine.Query;
using InsightEngine.Store;
using InsightEngine.Tests.Analysis;

namespace InsightEngine.Tests.Query;

/// <summary>
/// <c>insight query</c> and <c>insight shell</c> over the sample: read-only SQL, the metric views giving the numbers of
/// <c>insight metrics</c>, and every way out of the sandbox refused (files, URLs, other databases, extensions, writes).
/// </summary>
public sealed class QueryTests(QueryTests.Database database) : IClassFixture<QueryTests.Database>
{
    /// <summary>The sample imported into a database file, plus one incident with a hostile title.</summary>
    public sealed class Database : IDisposable
    {
        private readonly TempDir dir = new();

        public Database()
        {
            TestSupport.ImportSample(Db);
            using var store = InsightStore.Open(Db);
            Seed.Incident(store, "HOSTILE-1", "2026-10-30T23:30:00Z", "2026-10-31T00:45:00Z", title: "=HYPERLINK(\"http://evil.example\",\"x\")");
            Incidents = store.Scalar<long>("SELECT count(*) FROM incidents");
        }

        public string Db => Path.Combine(dir.Path, "insight.duckdb");

        public string Folder => dir.Path;

        public long Incidents { get; }

        public void Dispose() => dir.Dispose();
    }

    private string Db => database.Db;

    [Fact]
    public async Task Query_prints_a_table_csv_and_json()
    {
        const string sql = "SELECT severity, count(*) AS n FROM incidents GROUP BY severity ORDER BY severity";
        var table = await TestSupport.RunCli("query", sql, "--db", Db);
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("│ SEV1     │", table.Out);
        Assert.Contains("rows.", table.Out);

        var csv = await TestSupport.RunCli("query", sql, "--db", Db, "--format", "csv");
        Assert.Equal(0, csv.Code);
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.Equal("severity,n", lines[0]);

        var json = await TestSupport.RunCli("query", sql, "--db", Db, "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(database.Incidents, doc.RootElement.EnumerateArray().Sum(r => r.GetProperty("n").GetInt64()));
        Assert.Equal(lines.Length - 1, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Instants_are_iso_utc_and_the_table_says_how_many_rows_it_left_out()
    {
        var json = await TestSupport.RunCli("query", "SELECT created_at FROM incidents WHERE external_id = 'HOSTILE-1'", "--db", Db, "--format", "json");
        Assert.Contains("\"created_at\": \"2026-10-30T23:30:00Z\"", json.Out);

        var table = await TestSupport.RunCli("query", "SELECT external_id FROM incidents", "--db", Db, "--max-rows", "3");
        Assert.Equal(0, table.Code);
        Assert.Contains($"{database.Incidents:N0} rows, the first 3 shown", table.Out);
    }

    [Fact]
    public async Task Metric_views_give_the_numbers_of_insight_metrics()
    {
        var viaQuery = await TestSupport.RunCli("query", """SELECT "group", incidents, ttr_median_s, ttr_p90_s, tta_mean_s FROM metric_response ORDER BY "group" """,
            "--db", Db, "--format", "json", "--timezone", "Europe/Berlin");
        Assert.True(viaQuery.Code == 0, viaQuery.Err);
        var viaMetrics = await TestSupport.RunCli("metrics", "response", "--by", "severity", "--db", Db, "--format", "json", "--timezone", "Europe/Berlin");
        using var q = JsonDocument.Parse(viaQuery.Out);
        using var m = JsonDocument.Parse(viaMetrics.Out);
        var metricRows = m.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("group").GetString()!);
        Assert.Equal(metricRows.Count, q.RootElement.GetArrayLength());
        foreach (var row in q.RootElement.EnumerateArray())
        {
            var expected = metricRows[row.GetProperty("group").GetString()!];
            Assert.Equal(expected.GetProperty("incidents").GetInt64(), row.GetProperty("incidents").GetInt64());
            Assert.Equal(expected.GetProperty("time_to_resolve").GetProperty("median_seconds").GetDouble(), row.GetProperty("ttr_median_s").GetDouble());
            Assert.Equal(expected.GetProperty("time_to_resolve").GetProperty("p90_seconds").GetDouble(), row.GetProperty("ttr_p90_s").GetDouble());
            Assert.Equal(expected.GetProperty("time_to_acknowledge").GetProperty("mean_seconds").GetDouble(), row.GetProperty("tta_mean_s").GetDouble());
        }

        // A threshold given to both moves both the same way (the views are built with the options, not with defaults).
        var noisyQuery = await TestSupport.RunCli("query", "SELECT rule, alerts, noise FROM metric_noisy_alerts ORDER BY rank LIMIT 5",
            "--db", Db, "--format", "json", "--flap-count", "5");
        var noisyMetrics = await TestSupport.RunCli("metrics", "noisy-alerts", "--top", "5", "--db", Db, "--format", "json", "--flap-count", "5");
        using var nq = JsonDocument.Parse(noisyQuery.Out);
        using var nm = JsonDocument.Parse(noisyMetrics.Out);
        var expectedRules = nm.RootElement.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("alerts").GetInt64(), r.GetProperty("noise").GetInt64()));
        var actualRules = nq.RootElement.EnumerateArray().Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("alerts").GetInt64(), r.GetProperty("noise").GetInt64()));
        Assert.Equal(expectedRules, actualRules);
    }

    [Fact]
    public async Task Row_views_hold_every_row()
    {
        var r = await TestSupport.RunCli("query", "SELECT count(*) AS n, count(*) FILTER (WHERE is_open) AS open FROM all_incident_facts", "--db", Db, "--format", "json");
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(database.Incidents, doc.RootElement[0].GetProperty("n").GetInt64());
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "COPY incidents TO '{dir}/stolen.csv'", "Refused: COPY reads or writes files" },
        { "COPY (SELECT title FROM incidents) TO '{dir}/stolen.parquet' (FORMAT parquet)", "Refused: COPY" },
        { "SELECT * FROM read_csv('/etc/passwd')", "external access is disabled" },
        { "SELECT * FROM read_text('/etc/passwd')", "external access is disabled" },
        { "SELECT * FROM read_parquet('https://example.com/data.parquet')", "external access is disabled" },
        { "SELECT * FROM glob('/etc/*')", "external access is disabled" },
        { "ATTACH '{dir}/other.duckdb' AS other", "Refused: ATTACH would attach or switch databases" },
        { "INSTALL httpfs", "Refused: INSTALL would install or load an extension" },
        { "LOAD httpfs", "Refused: LOAD would install or load an extension" },
        { "INSERT INTO incidents SELECT * FROM incidents LIMIT 1", "Refused: INSERT would change data" },
        { "UPDATE incidents SET title = 'x'", "Refused: UPDATE would change data" },
        { "DELETE FROM incidents", "Refused: DELETE would change data" },
        { "DROP TABLE incidents", "Refused: DROP would change the database" },
        { "CREATE TABLE copy AS SELECT * FROM incidents", "Refused: CREATE would change the database" },
        { "CREATE TEMP TABLE scratch AS SELECT 1", "Refused: CREATE" },
        { "ALTER TABLE incidents ADD COLUMN x INTEGER", "Refused: ALTER" },
        { "EXPORT DATABASE '{dir}/dump'", "Refused: EXPORT reads or writes files" },
        { "SET enable_external_access = true", "Refused: SET would change settings" },
        { "PRAGMA enable_profiling", "Refused: PRAGMA would change settings" },
        { "SELECT 1; DELETE FROM incidents", "Refused: DELETE would change data" },
        { "/* harmless */ -- really\n  DELETE FROM alerts", "Refused: DELETE" },
        { "WITH doomed AS (SELECT 1) DELETE FROM incidents", "Refused: the statement is not a query" },
        { "/* /* */ EXPLAIN SELECT 1 */ DELETE FROM incidents", "Refused: DELETE would change data" },   // comments nest
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Query_refuses_everything_but_reading_the_database(string statement, string expected)
    {
        var sql = statement.Replace("{dir}", database.Folder, StringComparison.Ordinal);
        var before = Directory.GetFileSystemEntries(database.Folder).Order(StringComparer.Ordinal).ToList();

        var r = await TestSupport.RunCli("query", sql, "--db", Db);

        Assert.Equal(1, r.Code);
        Assert.Contains(expected, r.Err);
        Assert.Equal(before, Directory.GetFileSystemEntries(database.Folder).Order(StringComparer.Ordinal).ToList());
        using var store = InsightStore.OpenSandboxed(Db);
        Assert.Equal(database.Incidents, store.Scalar<long>("SELECT count(*) FROM incidents"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM incidents WHERE title = 'x'"));
    }

    [Fact]
    public void The_sandbox_holds_even_for_a_statement_that_skips_the_parser_check()
    {
        using var session = QuerySession.Open(Db);
        var store = session.Store;
        string Fails(string sql) => Assert.ThrowsAny<DuckDBException>(() => store.Execute(sql)).Message;

        Assert.Contains("read-only", Fails("DELETE FROM incidents"));
        Assert.Contains("disabled by configuration", Fails($"COPY incidents TO '{database.Folder}/x.csv'"));
        Assert.Contains("locked", Fails("SET enable_external_access = true"));
        Assert.Contains("locked", Fails("SET TimeZone = 'Europe/Berlin'"));
        Assert.False(File.Exists(Path.Combine(database.Folder, "x.csv")));
    }

    [Fact]
    public async Task Bad_sql_says_where_and_what()
    {
        var syntax = await TestSupport.RunCli("query", "SELECT count(*)\nFROM incidents\nWHER severity = 'SEV1'", "--db", Db);
        Assert.Equal(1, syntax.Code);
        Assert.Contains("SQL syntax error at or near \"severity\" (line 3, column 6)", syntax.Err);

        var column = await TestSupport.RunCli("query", "SELECT nope FROM incidents", "--db", Db);
        Assert.Equal(1, column.Code);
        Assert.Contains("Referenced column \"nope\" not found", column.Err);

        var empty = await TestSupport.RunCli("query", "-- nothing", "--db", Db);
        Assert.Contains("no statement to run", empty.Err);

        var two = await TestSupport.RunCli("query", "SELECT 1; SELECT 2", "--db", Db);
        Assert.Contains("one statement at a time", two.Err);

        var missing = await TestSupport.RunCli("query", "SELECT 1", "--db", Path.Combine(database.Folder, "nope.duckdb"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("No database at", missing.Err);
        Assert.False(File.Exists(Path.Combine(database.Folder, "nope.duckdb")));
    }

    [Fact]
    public async Task Query_reads_sql_from_a_file_or_standard_input()
    {
        var file = Path.Combine(database.Folder, "q.sql");
        await File.WriteAllTextAsync(file, "SELECT count(*) AS n FROM incidents");
        var fromFile = await TestSupport.RunCli("query", "--file", file, "--db", Db, "--format", "csv");
        Assert.Equal($"n\n{database.Incidents}\n", fromFile.Out);

        var fromStdin = await TestSupport.RunCliWithInput("SELECT count(*) AS n FROM incidents", "query", "-", "--db", Db, "--format", "csv");
        Assert.Equal($"n\n{database.Incidents}\n", fromStdin.Out);
    }

    [Fact]
    public async Task Shell_runs_a_script_with_dot_commands_and_stops_at_the_first_error()
    {
        const string script = """
            .tables
            SELECT count(*) AS n
              FROM incidents;
            .mode csv
            SELECT 'a' AS x; SELECT 'b' AS y;
            DELETE FROM incidents;
            SELECT 'never reached' AS z;
            """;
        var r = await TestSupport.RunCliWithInput(script, "shell", "--db", Db);

        Assert.Equal(1, r.Code);
        Assert.Contains("metric_noisy_alerts", r.Out);
        Assert.Contains("all_incident_facts", r.Out);
        Assert.Contains($"│ {database.Incidents} │", r.Out);
        Assert.Contains("x\na\n", r.Out);
        Assert.Contains("y\nb\n", r.Out);
        Assert.Contains("Refused: DELETE", r.Err);
        Assert.DoesNotContain("never reached", r.Out);

        var ok = await TestSupport.RunCliWithInput(".schema incidents\nSELECT 42 AS answer", "shell", "--db", Db, "--format", "csv");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Contains("created_at", ok.Out);
        Assert.Contains("answer\n42\n", ok.Out);

        var unknown = await TestSupport.RunCliWithInput(".frobnicate", "shell", "--db", Db);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("not a shell command", unknown.Err);
    }

    [Fact]
    public async Task Csv_output_neutralises_formulas_in_text_and_leaves_numbers_alone()
    {
        var r = await TestSupport.RunCli("query", "SELECT title, -5 AS n, -1.25::DOUBLE AS d, '-5' AS t FROM incidents WHERE external_id = 'HOSTILE-1'",
            "--db", Db, "--format", "csv");
        Assert.Equal("title,n,d,t\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-5,-1.25,\"'-5\"\n", r.Out);
    }
}
