using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Import;

public class ImporterTests
{
    private const string PdHeader = "id,incident_number,description,status,urgency,priority_name,service_name,team_name,created_at,resolved_at,auto_resolved,seconds_to_first_ack,seconds_to_resolve";

    private static ImportResult Import(InsightStore store, string path, string tz = "UTC") =>
        new Importer(store).ImportFile(path, new ImportOptions { TimeZone = tz });

    private static DateTime Utc(InsightStore store, string sql) => store.Scalar<DateTime>(sql);

    [Fact]
    public void PagerDuty_analytics_csv_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = Import(store, TestSupport.Fixture("pagerduty/analytics-incidents.csv"));

        Assert.Equal((5L, 5L, 0L, 0L, 0L), (r.Read, r.Inserted, r.Updated, r.Unchanged, r.Rejected));
        Assert.Equal("pagerduty-incidents-csv", r.Format);
        var row = store.Query("""
            SELECT external_id, number, title, service, team, severity, severity_raw, status, status_raw, created_at,
                   acknowledged_at, resolved_at, auto_resolved, resolved_by, escalation_policy
            FROM incidents WHERE external_id = 'PABC002'
            """, x => (x.GetString(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4), x.GetString(5),
                x.GetString(6), x.GetString(7), x.GetString(8), x.GetDateTime(9), x.GetDateTime(10), x.GetDateTime(11),
                x.GetBoolean(12), x.GetString(13), x.GetString(14))).Single();
        Assert.Equal(("PABC002", "102", "Search latency, p99 > 2s \"again\"", "search-api", "search", "SEV2", "P2", "resolved", "resolved"),
            (row.Item1, row.Item2, row.Item3, row.Item4, row.Item5, row.Item6, row.Item7, row.Item8, row.Item9));
        // 23:50 at +01:00 is 22:50 UTC; acknowledged 300 s later; resolved an hour later, across local midnight.
        Assert.Equal(new DateTime(2026, 3, 2, 22, 50, 0), row.Item10);
        Assert.Equal(new DateTime(2026, 3, 2, 22, 55, 0), row.Item11);
        Assert.Equal(new DateTime(2026, 3, 2, 23, 50, 0), row.Item12);
        Assert.False(row.Item13);
        Assert.Equal("Ben Novak", row.Item14);
        Assert.Equal("search escalation", row.Item15);
    }

    [Fact]
    public void PagerDuty_multiline_title_offsets_without_colon_open_incidents_and_urgency_fallback()
    {
        using var store = TestSupport.MemoryStore();
        Import(store, TestSupport.Fixture("pagerduty/analytics-incidents.csv"));

        Assert.Equal("Multi-line\nsummary of a disk alert", store.Scalar<string>("SELECT title FROM incidents WHERE external_id = 'PABC003'"));
        // No priority: urgency low maps to SEV4; auto-resolved; no acknowledgement.
        Assert.Equal("SEV4", store.Scalar<string>("SELECT severity FROM incidents WHERE external_id = 'PABC003'"));
        Assert.True(store.Scalar<bool>("SELECT auto_resolved FROM incidents WHERE external_id = 'PABC003'"));
        Assert.Null(store.Scalar<DateTime?>("SELECT acknowledged_at FROM incidents WHERE external_id = 'PABC003'"));
        // +0530 (no colon) is honoured; an acknowledged, unresolved incident is open with an ack time.
        Assert.Equal(new DateTime(2026, 3, 5, 3, 30, 0), Utc(store, "SELECT created_at FROM incidents WHERE external_id = 'PABC004'"));
        Assert.Equal("acknowledged", store.Scalar<string>("SELECT status FROM incidents WHERE external_id = 'PABC004'"));
        Assert.Null(store.Scalar<DateTime?>("SELECT resolved_at FROM incidents WHERE external_id = 'PABC004'"));
        Assert.Equal("open", store.Scalar<string>("SELECT status FROM incidents WHERE external_id = 'PABC005'"));
        Assert.Equal("SEV5", store.Scalar<string>("SELECT severity FROM incidents WHERE external_id = 'PABC005'"));
    }

    [Fact]
    public void Offsets_across_a_dst_change_give_the_true_duration()
    {
        using var store = TestSupport.MemoryStore();
        Import(store, TestSupport.Fixture("pagerduty/analytics-incidents.csv"));
        // 01:30+01:00 to 03:30+02:00 on the night Europe moves its clocks forward is one hour, not two.
        Assert.Equal(3600, store.Scalar<double>("SELECT epoch(resolved_at) - epoch(created_at) FROM incidents WHERE external_id = 'PABC003'"));
    }

    [Fact]
    public void Legacy_raw_incidents_with_naive_times_are_read_in_the_given_zone()
    {
        using var store = TestSupport.MemoryStore();
        var r = Import(store, TestSupport.Fixture("pagerduty/legacy-raw-incidents.csv"), "America/New_York");

        Assert.Equal(2, r.Inserted);
        Assert.Equal(3, r.NaiveTimestamps);
        Assert.Equal("America/New_York", r.TimeZone);
        // 2026-03-08 is the US spring-forward night: 01:30 EST = 06:30Z, 03:30 EDT = 07:30Z.
        Assert.Equal(new DateTime(2026, 3, 8, 6, 30, 0), Utc(store, "SELECT created_at FROM incidents WHERE external_id = '7'"));
        Assert.Equal(new DateTime(2026, 3, 8, 7, 30, 0), Utc(store, "SELECT resolved_at FROM incidents WHERE external_id = '7'"));
        Assert.Equal("Chloe Okafor", store.Scalar<string>("SELECT acknowledged_by FROM incidents WHERE external_id = '7'"));
        Assert.Equal("SEV2", store.Scalar<string>("SELECT severity FROM incidents WHERE external_id = '7'"));
        Assert.Equal("UTC", store.Scalar<string>("SELECT current_setting('TimeZone')"));
        Assert.Equal("America/New_York", store.Scalar<string>("SELECT timezone FROM import_batches"));
    }

    [Fact]
    public void Naive_times_default_to_utc_and_the_summary_counts_them()
    {
        using var store = TestSupport.MemoryStore();
        var r = Import(store, TestSupport.Fixture("pagerduty/legacy-raw-incidents.csv"));
        Assert.Equal("UTC", r.TimeZone);
        Assert.Equal(3, r.NaiveTimestamps);
        Assert.Equal(new DateTime(2026, 3, 8, 1, 30, 0), Utc(store, "SELECT created_at FROM incidents WHERE external_id = '7'"));
    }

    [Fact]
    public void Opsgenie_alerts_csv_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = Import(store, TestSupport.Fixture("opsgenie/alerts.csv"));

        Assert.Equal((4L, 4L, 0L), (r.Read, r.Inserted, r.Rejected));
        Assert.Equal("alert", r.Entity);
        var a1 = store.Query("SELECT fingerprint, service, team, severity, status, resolved_at, resolved_by, resolved_by_kind, dedup_count, acknowledged_at FROM alerts WHERE external_id = 'a-1'",
            x => (x.GetString(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4), x.GetDateTime(5), x.GetString(6), x.GetString(7), x.GetInt32(8), x.IsDBNull(9))).Single();
        Assert.Equal(("search-indexer:DiskUsageHigh", "search-indexer", "search", "SEV3", "resolved", new DateTime(2026, 3, 2, 10, 3, 0), "Prometheus", "auto", 1, true), a1);

        // AckTime/CloseTime are milliseconds after creation; a person closed it.
        Assert.Equal(new DateTime(2026, 3, 2, 11, 5, 0), Utc(store, "SELECT acknowledged_at FROM alerts WHERE external_id = 'a-2'"));
        Assert.Equal(new DateTime(2026, 3, 2, 11, 40, 0), Utc(store, "SELECT resolved_at FROM alerts WHERE external_id = 'a-2'"));
        Assert.Equal("person", store.Scalar<string>("SELECT resolved_by_kind FROM alerts WHERE external_id = 'a-2'"));
        // No service tag: the Entity column; closed by System = a timeout; the source folded 7 occurrences.
        Assert.Equal("checkout-api", store.Scalar<string>("SELECT service FROM alerts WHERE external_id = 'a-2'"));
        Assert.Equal("timeout", store.Scalar<string>("SELECT resolved_by_kind FROM alerts WHERE external_id = 'a-3'"));
        Assert.Equal(7, store.Scalar<int>("SELECT dedup_count FROM alerts WHERE external_id = 'a-3'"));
        Assert.Equal("TLS certificate expires in < 14 days, \"edge\"", store.Scalar<string>("SELECT title FROM alerts WHERE external_id = 'a-3'"));
        // An unknown priority is kept raw and maps to unknown; an open alert has no resolve time.
        Assert.Equal(("unknown", "P9", "open"), store.Query("SELECT severity, severity_raw, status FROM alerts WHERE external_id = 'a-4'",
            x => (x.GetString(0), x.GetString(1), x.GetString(2))).Single());
        Assert.Null(store.Scalar<string>("SELECT service FROM alerts WHERE external_id = 'a-4'"));
    }

    [Fact]
    public void Opsgenie_service_is_the_first_service_tag_wherever_it_stands()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var header = File.ReadLines(TestSupport.Fixture("opsgenie/alerts.csv")).First();
        var path = TestSupport.WriteFile(dir, "alerts.csv", $"""
            {header}
            t-1,1,x,x,open,false,false,false,1,2026-03-02T10:00:00Z,,,src,,P3,core,"service:payments-api,rule:X",entity-1,,,,
            t-2,2,x,x,open,false,false,false,1,2026-03-02T10:00:00Z,,,src,,P3,core,"rule:X, service:search,env:prod",entity-2,,,,
            t-3,3,x,x,open,false,false,false,1,2026-03-02T10:00:00Z,,,src,,P3,core,"myservice:wrong,service:right",entity-3,,,,
            t-4,4,x,x,open,false,false,false,1,2026-03-02T10:00:00Z,,,src,,P3,core,"servicename:x,env:prod",entity-4,,,,
            """);
        Import(store, path);
        Assert.Equal(["payments-api", "search", "right", "entity-4"],
            store.Query("SELECT service FROM alerts ORDER BY external_id", x => x.GetString(0)));
    }

    [Fact]
    public void Reimporting_the_same_file_changes_nothing()
    {
        using var store = TestSupport.MemoryStore();
        var path = TestSupport.Fixture("pagerduty/analytics-incidents.csv");
        Import(store, path);
        var before = TestSupport.Dump(store, "incidents", "external_id");
        var issuesBefore = TestSupport.Dump(store, "data_issues", "external_id, kind");

        var again = Import(store, path);

        Assert.Equal((5L, 0L, 0L, 5L, 0L), (again.Read, again.Inserted, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(before, TestSupport.Dump(store, "incidents", "external_id"));
        Assert.Equal(issuesBefore, TestSupport.Dump(store, "data_issues", "external_id, kind"));
        Assert.Equal(2, store.Scalar<int>("SELECT count(*) FROM import_batches"));
        Assert.Equal(1, store.Scalar<int>("SELECT count(DISTINCT file_sha256) FROM import_batches"));
    }

    [Fact]
    public void A_later_export_updates_changed_rows_in_place_and_adds_new_ones()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var v1 = TestSupport.WriteFile(dir, "v1.csv", $"""
            {PdHeader}
            P1,1,Alpha,triggered,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            P2,2,Beta,resolved,low,P4,api,core,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,false,60,3600
            """);
        var v2 = TestSupport.WriteFile(dir, "v2.csv", $"""
            {PdHeader}
            P1,1,Alpha,resolved,high,P2,api,core,2026-03-02T10:00:00Z,2026-03-02T10:45:00Z,false,120,2700
            P2,2,Beta,resolved,low,P4,api,core,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,false,60,3600
            P3,3,Gamma,triggered,high,P1,web,edge,2026-03-03T09:00:00Z,,,,
            """);
        var first = Import(store, v1);
        var second = Import(store, v2);

        Assert.Equal((2L, 0L, 0L), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((3L, 1L, 1L, 1L), (second.Read, second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(3, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(("resolved", new DateTime(2026, 3, 2, 10, 45, 0)), store.Query(
            "SELECT status, resolved_at FROM incidents WHERE external_id = 'P1'", x => (x.GetString(0), x.GetDateTime(1))).Single());
        Assert.Equal((first.BatchId, second.BatchId), store.Query(
            "SELECT first_batch_id, last_batch_id FROM incidents WHERE external_id = 'P1'", x => (x.GetInt64(0), x.GetInt64(1))).Single());
        Assert.Equal(first.BatchId, store.Scalar<long>("SELECT last_batch_id FROM incidents WHERE external_id = 'P2'"));
    }

    [Fact]
    public void An_exact_copy_of_a_row_is_rejected_and_the_row_lands_once_on_a_first_import_and_on_an_update()
    {
        // The write pass matches records to the checked rows by (id, content hash): an exact copy matches too and must
        // not land twice, neither as a new row nor as an update of a known one.
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var v1 = TestSupport.WriteFile(dir, "v1.csv", $"""
            {PdHeader}
            P1,1,Alpha,triggered,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            P2,2,Beta,triggered,low,P4,api,core,2026-03-02T11:00:00Z,,,,
            P1,1,Alpha,triggered,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            """);
        var v2 = TestSupport.WriteFile(dir, "v2.csv", $"""
            {PdHeader}
            P2,2,Beta,resolved,low,P4,api,core,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,false,60,3600
            P2,2,Beta,resolved,low,P4,api,core,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,false,60,3600
            P3,3,Gamma,triggered,high,P1,web,edge,2026-03-03T09:00:00Z,,,,
            """);

        var first = Import(store, v1);
        Assert.Equal((3L, 2L, 1L), (first.Read, first.Inserted, first.Rejected));
        Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM incidents WHERE external_id = 'P1'"));

        var second = Import(store, v2);
        Assert.Equal((3L, 1L, 1L, 1L), (second.Read, second.Inserted, second.Updated, second.Rejected));
        Assert.Equal(("resolved", first.BatchId, second.BatchId), store.Query(
            "SELECT status, first_batch_id, last_batch_id FROM incidents WHERE external_id = 'P2'", x => (x.GetString(0), x.GetInt64(1), x.GetInt64(2))).Single());
        Assert.Equal(3, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal("duplicate id in this file (first seen on line 2)", store.Scalar<string>(
            "SELECT reason FROM import_rejects WHERE batch_id = $b", ("b", second.BatchId)));
    }

    [Fact]
    public void A_file_that_changes_between_the_check_and_the_write_pass_imports_nothing()
    {
        // An export still being written when the import starts: the write pass must not store rows the checks never saw.
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "growing.csv", $"""
            {PdHeader}
            P1,1,Alpha,triggered,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            """);
        var importer = new Importer(store)
        {
            Progress = new SynchronousProgress(p =>
            {
                if (p.Phase == ImportPhase.Writing)
                    File.AppendAllText(path, "\nP2,2,Beta,triggered,low,P4,api,core,2026-03-02T11:00:00Z,,,,\n");
            }),
        };

        var e = Assert.Throws<ImportException>(() => importer.ImportFile(path));
        Assert.Contains("changed while it was being imported", e.Message);
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM incidents") + store.Scalar<long>("SELECT count(*) FROM import_batches"));

        Assert.Equal(2, new Importer(store).ImportFile(path).Inserted); // once complete, it imports
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Theory]
    [InlineData("2026-03-02T10:00:00", true)]
    [InlineData("2026-03-02 10:00", true)]
    [InlineData("03/02/2026 10:00:00 AM", true)]
    [InlineData("2026-03-02T10:00:00Z", false)]
    [InlineData("2026-03-02T10:00:00.519z", false)]
    [InlineData("2026-03-02 10:00:00 UTC", false)]
    [InlineData("2026-03-02 10:00:00 GMT", false)]
    [InlineData("2026-03-02T10:00:00+02:00", false)]
    [InlineData("2026-03-02T10:00:00-0500", false)]
    [InlineData("2026-03-02T10:00:00+02", false)]
    [InlineData("1772445600", false)]
    [InlineData("1772445600000", false)]
    [InlineData("2026-03-02", false)]
    public void A_timestamp_counts_as_naive_only_without_an_offset_or_zone(string value, bool naive)
    {
        using var store = TestSupport.MemoryStore();
        store.Execute(StagingSql.Macros([]));
        Assert.Equal(naive, store.Scalar<bool>("SELECT ie_naive($v)", ("v", value)));
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("  N/A ", null)]
    [InlineData("-", null)]
    [InlineData("None of the replicas answered", "None of the replicas answered")]
    [InlineData("n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a", "n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a")]
    public void Null_markers_are_whole_values_only(string value, string? expected)
    {
        using var store = TestSupport.MemoryStore();
        store.Execute(StagingSql.Macros([]));
        Assert.Equal(expected, store.Scalar<string?>("SELECT ie_null($v)", ("v", value)));
    }

    [Fact]
    public void Bad_rows_are_rejected_with_line_column_value_and_reason_and_good_rows_still_land()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "bad.csv", $"""
            {PdHeader}
            P1,1,"Title over
            two lines",resolved,high,P2,api,core,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,60,3600
            P2,2,Bad created,resolved,high,P2,api,core,yesterday,2026-03-02T11:00:00Z,false,60,3600
            ,3,No id,resolved,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            P4,4,Bad seconds,resolved,high,P2,api,core,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,soon,3600
            P1,5,Duplicate of the first,resolved,high,P2,api,core,2026-03-02T10:00:00Z,,,,
            P6,6,Duration written as a date,resolved,high,P2,api,core,1970-01-01T00:12:00Z,,,,
            P7,7,Fine,triggered,low,P4,api,core,2026-03-04T10:00:00Z,,,,
            """);
        var r = Import(store, path);

        Assert.Equal(7, r.Read);
        Assert.Equal(2, r.Inserted);
        Assert.Equal(5, r.Rejected);
        Assert.Equal(r.Read, r.Inserted + r.Updated + r.Unchanged + r.Rejected);
        var rejects = store.Query("SELECT line, column_name, raw_value, reason FROM import_rejects ORDER BY line",
            x => (x.GetInt64(0), x.GetString(1), x.IsDBNull(2) ? null : x.GetString(2), x.GetString(3)));
        Assert.Collection(rejects,
            x => Assert.Equal((4L, "created_at", "yesterday"), (x.Item1, x.Item2, x.Item3)),
            x => Assert.Equal((5L, "id", "required value is empty"), (x.Item1, x.Item2, x.Item4)),
            x => Assert.Equal((6L, "seconds_to_first_ack", "soon", "not a number of seconds from 0 to 100 years"), x),
            x => Assert.Equal((7L, "id", "P1", "duplicate id in this file (first seen on line 2)"), x),
            x => Assert.Equal((8L, "created_at", "1970-01-01T00:12:00Z"), (x.Item1, x.Item2, x.Item3)));
        Assert.Contains("not a date and time", rejects[0].Item4);
        Assert.Equal(r.BatchId, store.Scalar<long>("SELECT DISTINCT batch_id FROM import_rejects"));
        Assert.Equal(5, store.Scalar<long>("SELECT rejected FROM import_batches"));
        Assert.Equal(["P1", "P7"], store.Query("SELECT external_id FROM incidents ORDER BY 1", x => x.GetString(0)));
        Assert.Equal(5, r.RejectSample.Count);
    }

    [Fact]
    public void Impossible_durations_are_kept_and_flagged_as_data_issues()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "issues.csv", $"""
            {PdHeader}
            P1,1,Resolved before created,resolved,high,P2,api,core,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,false,,
            P2,2,Resolved without a time,resolved,high,P2,api,core,2026-03-02T10:00:00Z,,false,,
            P3,3,Fine,resolved,high,P2,api,core,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,60,
            """);
        var r = Import(store, path);

        Assert.Equal((3L, 0L, 2L), (r.Inserted, r.Rejected, r.DataIssues));
        var issues = store.Query("SELECT external_id, kind, line FROM data_issues ORDER BY external_id", x => (x.GetString(0), x.GetString(1), x.GetInt64(2)));
        Assert.Equal([("P1", "resolved_before_created", 2L), ("P2", "resolved_without_time", 3L)], issues);

        // Fixing the row in a later export clears its issue.
        var fixedPath = TestSupport.WriteFile(dir, "fixed.csv", $"""
            {PdHeader}
            P1,1,Resolved before created,resolved,high,P2,api,core,2026-03-02T08:00:00Z,2026-03-02T09:00:00Z,false,,
            """);
        Import(store, fixedPath);
        Assert.Equal(["P2"], store.Query("SELECT external_id FROM data_issues", x => x.GetString(0)));
    }

    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        { "truncated.csv", PdHeader + "\nP9,9,ok,resolved,high,P2,api,core,2026-03-02T10:00:00Z,,,,\nP10,10,\"cut off in the middle", "is never closed: the file looks truncated" },
        { "short-row.csv", PdHeader + "\nP9,9,ok,resolved,high,P2,api,core,2026-03-02T10:00:00Z,,,,\nP10,10,short row", "the row is cut short" },
        { "missing-column.csv", "id,description,status\nP9,x,resolved\n", "missing required column 'created_at' or 'created_on'" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_file_that_cannot_be_read_fails_whole_and_leaves_the_database_as_it_was(string name, string content, string expected)
    {
        using var store = TestSupport.MemoryStore();
        Import(store, TestSupport.Fixture("pagerduty/analytics-incidents.csv"));
        var before = TestSupport.Dump(store, "incidents", "external_id");
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, name, content);

        var e = Assert.Throws<ImportException>(() => new Importer(store).ImportFile(path, new ImportOptions { Format = "pagerduty-incidents-csv" }));

        Assert.Contains(name, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.NotNull(e.Line);
        Assert.Equal(before, TestSupport.Dump(store, "incidents", "external_id"));
        Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM import_batches"));
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM import_rejects"));
        Assert.Equal("UTC", store.Scalar<string>("SELECT current_setting('TimeZone')"));
    }

    [Fact]
    public void A_latin1_byte_in_an_otherwise_ascii_file_is_read_as_windows_1252()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "latin1.csv");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(PdHeader + "\nP1,1,caf"), 0xE9, .. ",resolved,high,P2,api,core,2026-03-02T10:00:00Z,,,,\n"u8]);

        var r = new Importer(store).ImportFile(path);

        Assert.Equal(("Windows-1252", 1L), (r.Encoding, r.Inserted));
        Golden.Expect(store, "incidents", "P1", ("title", "café"));
        Assert.Equal("Windows-1252", store.Scalar<string>("SELECT encoding FROM import_batches"));
    }

    [Fact]
    public void A_header_only_file_imports_nothing_and_says_so()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var r = Import(store, TestSupport.WriteFile(dir, "empty.csv", PdHeader + "\n"));
        Assert.Equal((0L, 0L, 0L), (r.Read, r.Inserted, r.Rejected));
    }

    [Fact]
    public void Bad_options_are_refused_before_anything_is_read()
    {
        using var store = TestSupport.MemoryStore();
        var path = TestSupport.Fixture("pagerduty/analytics-incidents.csv");
        var tz = Assert.Throws<ArgumentException>(() => new Importer(store).ImportFile(path, new ImportOptions { TimeZone = "Mars/Olympus" }));
        Assert.Contains("Mars/Olympus", tz.Message);
        var format = Assert.Throws<ArgumentException>(() => new Importer(store).ImportFile(path, new ImportOptions { Format = "nope" }));
        Assert.Contains("pagerduty-incidents-csv", format.Message);
        var missing = Assert.Throws<ImportException>(() => new Importer(store).ImportFile("/no/such/file.csv"));
        Assert.Contains("file not found", missing.Message);
    }
}

public class TimestampFormsTests
{
    [Fact]
    public void Epoch_seconds_and_milliseconds_are_utc_instants_not_naive_times()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "og.csv", """
            Id,TinyId,Alias,Message,Status,Priority,CreatedAt,Count
            e1,1,a,m,open,P1,1772445600000,1
            e2,2,a,m,open,P1,1772445600,1
            e3,3,a,m,open,P1,2026-03-02 10:00:00.000,1
            """);
        var r = new InsightEngine.Import.Importer(store).ImportFile(path, new InsightEngine.Import.ImportOptions { TimeZone = "Asia/Tokyo" });
        Assert.Equal(0, r.Rejected);
        Assert.Equal(1, r.NaiveTimestamps);
        var times = store.Query("SELECT created_at FROM alerts ORDER BY external_id", x => x.GetDateTime(0));
        Assert.Equal([new DateTime(2026, 3, 2, 10, 0, 0), new DateTime(2026, 3, 2, 10, 0, 0), new DateTime(2026, 3, 2, 1, 0, 0)], times);
    }
}
