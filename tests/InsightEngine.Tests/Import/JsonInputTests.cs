using InsightEngine.Import;
using InsightEngine.Import.Json;

namespace InsightEngine.Tests.Import;

/// <summary>The JSON side of the import seam: streaming, line numbers, detection and every kind of bad JSON.</summary>
public class JsonInputTests
{
    private const string Incident = """{"id": "P1", "incident_number": 1, "title": "t", "status": "triggered", "urgency": "high", "created_at": "2026-01-01T00:00:00Z", "service": {"summary": "api"}}""";

    private static ImportException Fails(string json, string? source = null)
    {
        using var dir = new TempDir();
        using var store = TestSupport.MemoryStore();
        var path = TestSupport.WriteFile(dir, "dump.json", json);
        var e = Assert.Throws<ImportException>(() => new Importer(store).ImportFile(path, new ImportOptions { Format = source }));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM incidents") + store.Scalar<long>("SELECT count(*) FROM import_batches"));
        return e;
    }

    [Fact]
    public void Invalid_json_names_the_line_and_imports_nothing()
    {
        var e = Fails("{\"incidents\": [\n" + Incident + ",\n{\"id\": \"P2\", \"title\": oops}\n]}");
        Assert.Contains("not valid JSON", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_truncated_dump_is_refused_whole()
    {
        var e = Fails("{\"incidents\": [\n" + Incident + ",\n" + Incident.Replace("P1", "P2", StringComparison.Ordinal)[..40]);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void An_object_without_records_lists_its_keys() =>
        Assert.Contains("limit, more", Fails("{\"limit\": 25, \"more\": false}").Message);

    [Fact]
    public void Records_of_no_known_shape_list_their_keys()
    {
        var e = Fails("[{\"foo\": 1, \"bar\": 2}]");
        Assert.Contains("bar, foo", e.Message);
        Assert.Contains("pagerduty-incidents-json", e.Message);
    }

    [Fact]
    public void A_json_file_given_a_csv_format_is_refused() =>
        Assert.Contains("reads CSV", Fails("{\"incidents\": [" + Incident + "]}", "pagerduty-incidents-csv").Message);

    [Fact]
    public void An_empty_record_array_imports_nothing_when_its_property_is_unambiguous()
    {
        using var dir = new TempDir();
        using var store = TestSupport.MemoryStore();
        var path = TestSupport.WriteFile(dir, "empty.json", "{\"log_entries\": [], \"more\": false}");
        var r = new Importer(store).ImportFile(path);
        Assert.Equal(("pagerduty-log-entries-json", 0L), (r.Format, r.Read));
    }

    [Fact]
    public void Duplicate_ids_and_resolved_before_created_in_a_dump_are_rejected_and_flagged_with_lines()
    {
        using var dir = new TempDir();
        using var store = TestSupport.MemoryStore();
        var resolvedEarly = Incident.Replace("\"P1\"", "\"P3\"", StringComparison.Ordinal)
            .Replace("\"triggered\"", "\"resolved\", \"resolved_at\": \"2025-12-31T23:00:00Z\"", StringComparison.Ordinal);
        var path = TestSupport.WriteFile(dir, "dump.json",
            "{\"incidents\": [\n" + Incident + ",\n" + Incident.Replace("\"t\"", "\"again\"", StringComparison.Ordinal) + ",\n" + resolvedEarly + "\n]}");

        var r = new Importer(store).ImportFile(path);

        Assert.Equal((3L, 2L, 1L, 1L), (r.Read, r.Inserted, r.Rejected, r.DataIssues));
        Assert.Equal((3L, "id", "P1", "duplicate id in this file (first seen on line 2)"),
            (r.RejectSample[0].Line, r.RejectSample[0].Column, r.RejectSample[0].RawValue, r.RejectSample[0].Reason));
        Assert.Equal(("resolved_before_created", 4L), store.Query("SELECT kind, line FROM data_issues", x => (x.GetString(0), x.GetInt64(1))).Single());
    }

    [Fact]
    public void Records_stream_across_buffer_refills_with_their_lines()
    {
        // Far more than one 64 KiB buffer, one record per line after the opening line, a record larger than the buffer.
        using var dir = new TempDir();
        var big = new string('x', 100_000);
        var lines = new List<string> { "{\"incidents\": [" };
        for (var i = 0; i < 3000; i++) lines.Add(Incident.Replace("\"P1\"", $"\"P{i}\"", StringComparison.Ordinal).Replace("\"t\"", i == 1500 ? $"\"{big}\"" : "\"t\"", StringComparison.Ordinal) + (i < 2999 ? "," : ""));
        lines.Add("], \"more\": false}");
        var path = TestSupport.WriteFile(dir, "big.json", string.Join("\r\n", lines));

        var seen = new List<(string Id, long Line, int TitleLength)>();
        JsonRecords.Read(path, "big.json", "incidents", (e, line) =>
            seen.Add((e.GetProperty("id").GetString()!, line, e.GetProperty("title").GetString()!.Length)));

        Assert.Equal(3000, seen.Count);
        Assert.All(seen.Select((s, i) => (s, i)), x => Assert.Equal(($"P{x.i}", x.i + 2L), (x.s.Id, x.s.Line)));
        Assert.Equal(100_000, seen[1500].TitleLength);
    }
}

/// <summary>An import that exhausts DuckDB's memory limit is a clear, all-or-nothing import error, not a crash.</summary>
public class OutOfMemoryTests
{
    [Fact]
    public void Running_out_of_memory_names_the_limit_and_imports_nothing()
    {
        // The limit is the database's, chosen when the store opens (never switched behind another connection's back).
        using var store = InsightEngine.Store.InsightStore.Open(":memory:", "24MB");
        var alerts = Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data", "opsgenie", "alerts.csv");
        var e = Assert.Throws<ImportException>(() => new Importer(store).ImportFile(alerts, new ImportOptions()));
        Assert.Contains("ran out of memory at DuckDB's limit of 24MB", e.Message);
        Assert.Contains("INSIGHT_MEMORY_LIMIT", e.Message);
        // The import changed no database-wide setting.
        Assert.Equal(store.Scalar<string>("SELECT current_setting('memory_limit')"), MemoryOf(store.MemoryLimit));
        Assert.True(store.Scalar<bool>("SELECT current_setting('preserve_insertion_order')"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM alerts") + store.Scalar<long>("SELECT count(*) FROM import_batches"));
    }

    private static string MemoryOf(string limit)
    {
        using var other = TestSupport.MemoryStore();
        other.Execute($"SET memory_limit = '{limit}'");
        return other.Scalar<string>("SELECT current_setting('memory_limit')")!;
    }
}
