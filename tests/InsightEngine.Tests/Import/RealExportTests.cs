using System.Globalization;
using System.Text;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Import.Files;

namespace InsightEngine.Tests.Import;

/// <summary>
/// Quirks of real third-party exports (issue 19), each its own case with hand-computed figures: encodings and line ends,
/// ServiceNow list views without resolved_at, Jira exports in Spanish, newest version wins, absent fields stay unknown.
/// </summary>
public class RealExportTests
{
    private static readonly Encoding Cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void A_windows_1252_servicenow_list_without_resolved_at_gives_ttr_from_calendar_duration()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("servicenow/list-windows1252.csv"), new ImportOptions { TimeZone = "UTC" });

        Assert.Equal(("servicenow-incidents-csv", "Windows-1252", @"\r\r\n"), (r.Format, r.Encoding, r.LineEnds));
        Assert.Equal((6L, 6L, 0L), (r.Read, r.Inserted, r.Rejected));
        Assert.Equal(4L, r.DerivedResolutions);
        Assert.Equal("calendar_duration", r.DerivedFrom["resolved_at"]);
        // Text decoded from Windows-1252 (ü, en dash, curly quotes); the \r\r\n inside a quoted cell stays one line break.
        Golden.Expect(store, "incidents", "INC0001001", ("title", "Kühlung ausgefallen – Rechenzentrum"), ("resolved_by", "Jürgen Müller"),
            ("status", "closed"), ("resolved_at", "2026-03-02 10:05:00"));
        Golden.Expect(store, "incidents", "INC0001002", ("title", "VPN down\r\nfor “remote” staff"), ("status", "acknowledged"), ("resolved_at", null));
        // A custom state ServiceNow's table does not know falls back to incident_state (Active): open, not resolved.
        Golden.Expect(store, "incidents", "INC0001003", ("status", "acknowledged"), ("status_raw", "Working On Case"));

        // TTR over every closed or resolved incident, equal to the durations in the file: 7500 s, 86,400 s (thousands
        // separator), 1 Day 2 Hours 3 Minutes = 93,780 s, 1970-01-01 00:30:00 = 1,800 s. The two Active ones stay open.
        var all = Response.Compute(new AnalysisSession(store), new MetricRequest { By = "all" }).Rows.Single();
        Assert.Equal((6L, 2L), (all.Incidents, all.Open));
        Assert.Equal(4L, all.TimeToResolve.N);
        Assert.Equal((7500 + 86400 + 93780 + 1800) / 4.0, all.TimeToResolve.MeanSeconds);
        Assert.Equal((7500 + 86400) / 2.0, all.TimeToResolve.MedianSeconds);
        // The list view has no acknowledgement field: never acknowledged is unknown, not 6 of 6.
        Assert.Null(all.NeverAcknowledged);
        Assert.Equal(0L, all.AcknowledgementRecorded);
        Assert.Contains("acknowledgement (TTA, never acknowledged) not recorded by servicenow-incidents-csv (6 of 6 incidents)", all.Unknown);
        Assert.Contains("impact start (TTD)", all.Unknown);
    }

    [Fact]
    public async Task The_cli_names_the_encoding_and_the_derived_resolve_times()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "t.duckdb");
        var (code, output, _) = await TestSupport.RunCli("import", TestSupport.Fixture("servicenow/list-windows1252.csv"), "--db", db);
        Assert.Equal(0, code);
        Assert.Contains(@"read as Windows-1252 with \r\r\n line ends", output);
        Assert.Contains("4 resolve times were derived from 'calendar_duration'", output);
        var (_, json, _) = await TestSupport.RunCli("metrics", "response", "--by", "all", "--format", "json", "--db", db);
        Assert.Contains("\"never_acknowledged\": null", json);
        Assert.Contains("\"unknown\": \"acknowledgement (TTA, never acknowledged) not recorded by servicenow-incidents-csv", json);
    }

    [Fact]
    public void Users_map_their_own_states_in_the_status_table()
    {
        using var store = TestSupport.MemoryStore();
        var options = new ImportOptions
        {
            TimeZone = "UTC",
            Statuses = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["servicenow"] = new Dictionary<string, string> { ["Working On Case"] = "resolved" },
            },
        };
        new Importer(store).ImportFile(TestSupport.Fixture("servicenow/list-windows1252.csv"), options);
        // Resolved by the user's table, but without a resolve time: kept, flagged, left out of TTR.
        Golden.Expect(store, "incidents", "INC0001003", ("status", "resolved"));
        Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM data_issues WHERE external_id = 'INC0001003' AND kind = 'resolved_without_time'"));

        var bad = options with { Statuses = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["servicenow"] = new Dictionary<string, string> { ["x"] = "fixed" } } };
        Assert.Contains("use one of open, acknowledged, resolved, closed", Assert.Throws<ArgumentException>(bad.Validate).Message);
    }

    [Fact]
    public async Task The_status_table_comes_from_insight_yaml_and_bad_values_name_the_line()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "t.duckdb");
        var config = TestSupport.WriteFile(dir, "insight.yaml", "metrics:\n  flap_count: 3\nimport:\n  statuses:\n    servicenow:\n      Working On Case: Resolved\n");
        var (code, _, err) = await TestSupport.RunCli("import", TestSupport.Fixture("servicenow/list-windows1252.csv"), "--db", db, "--config", config);
        Assert.True(code == 0, err);
        using (var store = InsightEngine.Store.InsightStore.Open(db))
            Assert.Equal("resolved", store.Scalar<string>("SELECT status FROM incidents WHERE external_id = 'INC0001003'"));

        var bad = TestSupport.WriteFile(dir, "bad.yaml", "import:\n  statuses:\n    servicenow:\n      Working On Case: fixed\n");
        (code, _, err) = await TestSupport.RunCli("import", TestSupport.Fixture("servicenow/list-windows1252.csv"), "--db", db, "--config", bad);
        Assert.Equal(1, code);
        Assert.Contains("line 4: import.statuses.servicenow: 'Working On Case' maps to 'fixed'", err);
    }

    [Theory]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-8-bom")]
    [InlineData("cr-only")]
    public void Every_common_encoding_and_line_end_imports_the_same_rows(string kind)
    {
        const string csv = "id,description,status,priority_name,service_name,created_at,resolved_at\n" +
                           "P1,Café – kaputt,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\n" +
                           "P2,\"two\nlines\",triggered,P2,api,2026-03-02T12:00:00Z,\n";
        byte[] bytes = kind switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)],
            "utf-16le" => Encoding.Unicode.GetBytes(csv),
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(csv)],
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            _ => Encoding.UTF8.GetBytes(csv.Replace('\n', '\r')),
        };
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "pd.csv");
        File.WriteAllBytes(path, bytes);
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path);

        Assert.Equal(("pagerduty-incidents-csv", 2L, 2L), (r.Format, r.Read, r.Inserted));
        Assert.Equal(kind switch { "utf-16le-bom" or "utf-16le" => "UTF-16 LE", "utf-16be-bom" => "UTF-16 BE", "utf-8-bom" => "UTF-8 (BOM)", _ => "UTF-8" }, r.Encoding);
        Golden.Expect(store, "incidents", "P1", ("title", "Café – kaputt"), ("resolved_at", "2026-03-02 11:00:00"));
        Assert.Equal(2, store.Scalar<int>("SELECT count(*) FROM incidents WHERE title IN ('Café – kaputt') OR title LIKE 'two%lines'"));
    }

    [Fact]
    public void A_file_mixing_utf8_and_windows_1252_is_refused_at_the_physical_line_of_the_first_bad_byte()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "mixed.csv");
        // Four UTF-8 characters on line 2, two Windows-1252 bytes later: mixed, not a Windows-1252 file. Record 2 spans
        // lines 3-4; the first bad byte (0x96, a Windows-1252 en dash) is on physical line 5, column 12.
        var head = Encoding.UTF8.GetBytes("id,description,status,priority_name,service_name,created_at,resolved_at\n" +
                                          "P1,Café – déjà vu,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\n" +
                                          "P2,\"two\nlines\",triggered,P2,api,2026-03-02T12:00:00Z,\n" +
                                          "P3,Printer ");
        File.WriteAllBytes(path, [.. head, 0x96, .. " 3,triggered,P3,api,2026-03-02T12:00:00Z,\nP4,x"u8, 0x96, .. ",triggered,P3,api,2026-03-02T12:00:00Z,\n"u8]);
        using var store = TestSupport.MemoryStore();

        var e = Assert.Throws<ImportException>(() => new Importer(store).ImportFile(path));

        Assert.Equal(5, e.Line);
        Assert.Contains("byte 0x96 at line 5, column 12", e.Message);
        Assert.Contains("2 such bytes beside 4 UTF-8 characters", e.Message);
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM import_batches"));
    }

    [Fact]
    public void A_windows_1252_byte_past_the_first_mebibyte_is_found_and_the_file_read_again_transcoded()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "late.csv");
        var sb = new StringBuilder("id,description,status,priority_name,service_name,created_at,resolved_at\n");
        for (var i = 0; sb.Length < (1 << 20) + 4096; i++)
            sb.Append(CultureInfo.InvariantCulture, $"P{i},plain ascii row {i},resolved,P3,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\n");
        sb.Append("LATE,Caf\u00e9 \u2013 late,resolved,P3,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\n");
        File.WriteAllBytes(path, Cp1252.GetBytes(sb.ToString()));
        Assert.True(ExportText.LooksPlainUtf8(path));   // the head alone looks like UTF-8

        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path);

        Assert.Equal(("Windows-1252", 0L), (r.Encoding, r.Rejected));
        Assert.Equal(r.Read, r.Inserted);
        Golden.Expect(store, "incidents", "LATE", ("title", "Café – late"));
        Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM import_batches"));   // the optimistic attempt left nothing
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "ZIP archive")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "gzip")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "PNG image")]
    [InlineData(new byte[] { 0x69, 0x64, 0x2C, 0x78, 0x0A, 0x41, 0x00, 0x42, 0x0A }, "NUL byte at line 2, column 2")]
    public void A_file_that_is_not_text_is_refused_with_its_reason(byte[] bytes, string expected)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "export.csv");
        File.WriteAllBytes(path, [.. bytes, .. new byte[64]]);
        var e = Assert.Throws<ImportException>(() => ExportText.Inspect(path, "export.csv"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_spanish_jira_export_is_detected_and_read_done_issues_without_resuelta_included()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/issues-es.csv"), new ImportOptions { TimeZone = "UTC" });

        Assert.Equal(("jira-issues-csv", 4L, 4L, 0L), (r.Format, r.Read, r.Inserted, r.Rejected));
        Golden.Expect(store, "incidents", "10001", ("number", "OPS-1"), ("title", "Pagos caídos"), ("severity", "SEV1"), ("status", "resolved"),
            ("created_at", "2026-03-02 10:00:00"), ("resolved_at", "2026-03-02 12:30:00"), ("assignee", "Ana"), ("declared_by", "Luis"),
            ("updated_at", "2026-03-02 13:00:00"));
        // A custom status: its category (Listo = Done) says resolved; Resuelta is empty, so the time it entered Done.
        Golden.Expect(store, "incidents", "10002", ("status", "resolved"), ("resolved_at", "2026-03-03 10:45:00"));
        // Category "En curso": in progress, not resolved, although its status category changed.
        Golden.Expect(store, "incidents", "10003", ("status", "acknowledged"), ("resolved_at", null), ("created_at", "2026-03-04 23:00:00"));
        Golden.Expect(store, "incidents", "10004", ("created_at", "2026-12-10 10:00:00"), ("resolved_at", "2026-12-10 10:30:00"));
        Assert.Equal(1L, r.DerivedResolutions);
    }

    [Fact]
    public void Within_a_file_the_newest_row_by_updated_time_wins_wherever_it_stands()
    {
        const string header = "Summary,Issue key,Issue id,Issue Type,Status,Priority,Created,Updated,Resolved";
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "jira.csv", header + "\n" +
            "Checkout down,OPS-9,900,Incident,Open,High,02/Mar/26 10:00 AM,02/Mar/26 10:05 AM,\n" +
            "Checkout down,OPS-9,900,Incident,Done,High,02/Mar/26 10:00 AM,02/Mar/26 11:00 AM,02/Mar/26 11:00 AM\n" +
            "Checkout down,OPS-9,900,Incident,In Progress,High,02/Mar/26 10:00 AM,02/Mar/26 10:30 AM,\n");
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path, new ImportOptions { TimeZone = "UTC" });

        Assert.Equal((3L, 1L, 2L, 0L), (r.Read, r.Inserted, r.Superseded, r.Rejected));
        Golden.Expect(store, "incidents", "900", ("status", "resolved"), ("resolved_at", "2026-03-02 11:00:00"));
    }

    [Fact]
    public void An_older_export_imported_after_a_newer_one_never_reverts_rows()
    {
        const string header = "number,short_description,priority,state,opened_at,resolved_at,sys_updated_on,sys_mod_count";
        using var dir = new TempDir();
        var newer = TestSupport.WriteFile(dir, "newer.csv", header + "\n" +
            "INC1,Disk full,2 - High,Resolved,2026-03-02 10:00:00,2026-03-02 12:00:00,2026-03-02 12:00:00,4\n" +
            "INC2,Slow,3 - Moderate,New,2026-03-02 10:00:00,,2026-03-02 10:00:00,0\n");
        var older = TestSupport.WriteFile(dir, "older.csv", header + "\n" +
            "INC1,Disk full,2 - High,In Progress,2026-03-02 10:00:00,,2026-03-02 11:00:00,2\n" +
            "INC2,Slow,3 - Moderate,In Progress,2026-03-02 10:00:00,,2026-03-02 10:30:00,1\n");
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        importer.ImportFile(newer, new ImportOptions { TimeZone = "UTC" });
        var r = importer.ImportFile(older, new ImportOptions { TimeZone = "UTC" });

        // INC1 is stale (version 2 < 4): left as stored. INC2's row in the "older" file is in fact newer: updated.
        Assert.Equal((2L, 1L, 1L, 0L), (r.Read, r.Stale, r.Updated, r.Unchanged));
        Assert.Equal(r.Read, r.Inserted + r.Updated + r.Unchanged + r.Stale + r.Rejected + r.Superseded);
        Golden.Expect(store, "incidents", "INC1", ("status", "resolved"), ("resolved_at", "2026-03-02 12:00:00"), ("version", "4"));
        Golden.Expect(store, "incidents", "INC2", ("status", "acknowledged"), ("version", "1"));
        Assert.Equal(1L, store.Scalar<long>("SELECT stale FROM import_batches WHERE batch_id = $b", ("b", r.BatchId)));
    }
}
