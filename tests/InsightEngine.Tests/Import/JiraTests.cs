using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>Golden tests over hand-written Jira exports: the all-fields CSV and the REST search JSON with changelog.</summary>
public class JiraTests
{
    [Fact]
    public void All_fields_csv_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        // Jira writes dates in the exporting user's zone without saying so: the user names it.
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/issues-all-fields.csv"), new ImportOptions { TimeZone = "Europe/Berlin" });

        Assert.Equal(("jira-issues-csv", 4L, 3L, 1L), (r.Format, r.Read, r.Inserted, r.Rejected));
        // 01:30 CET and 03:40 CEST on the night clocks go forward: 00:30 and 01:40 UTC. Repeated Component/s: the first.
        Golden.Expect(store, "incidents", "10101",
            ("number", "INC-101"), ("title", "Checkout returns 502 | EU"), ("service", "checkout-api"), ("team", "payments"),
            ("severity", "SEV1"), ("severity_raw", "Sev-1"), ("status", "resolved"), ("created_at", "2026-03-29 00:30:00"),
            ("acknowledged_at", "2026-03-29 00:45:00"), ("resolved_at", "2026-03-29 01:40:00"), ("declared_by", "Mia Support"),
            ("assignee", "Ana Silva"), ("category", "[System] Incident"));
        // No severity field: Priority (Medium). 11:05 PM local on 30 March (CEST) is 21:05 UTC.
        Golden.Expect(store, "incidents", "10102",
            ("severity", "SEV3"), ("severity_raw", "Medium"), ("status", "acknowledged"), ("created_at", "2026-03-30 21:05:00"),
            ("acknowledged_at", "2026-03-30 21:20:00"), ("resolved_at", null), ("service", "search"));
        // A formula-looking summary is kept as text (exports neutralise it); Won't Do closes.
        Golden.Expect(store, "incidents", "10103",
            ("title", "=cmd|' /C calc'!A0"), ("status", "closed"), ("severity", "SEV5"), ("declared_by", "Legal Team"), ("service", null));
        Assert.Equal(9, store.Scalar<long>("SELECT naive_timestamps FROM import_batches")); // every date read (Created, Updated, Resolved, first response) was zone-less
        Assert.Equal(("Created", "the 5th of April"), (r.RejectSample[0].Column, r.RejectSample[0].RawValue));
        Assert.Equal(6L, r.RejectSample[0].Line); // line 1 header, the first record spans lines 2-3
    }

    [Fact]
    public void Search_json_takes_response_times_from_the_changelog()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/search-api.json"));

        Assert.Equal(("jira-search-json", 3L, 3L), (r.Format, r.Read, r.Inserted));
        // Histories out of order; the assignee change is not a status change; no resolutiondate: the move to Done.
        Golden.Expect(store, "incidents", "20001",
            ("number", "OPS-7"), ("title", "Login failures <script>alert(1)</script>"), ("service", "identity-api"),
            ("severity", "SEV1"), ("status", "resolved"), ("created_at", "2026-03-29 00:50:00"),
            ("acknowledged_at", "2026-03-29 01:05:00"), ("acknowledged_by", "Ana Silva"), ("resolved_at", "2026-03-29 02:30:00"),
            ("declared_by", "Mia Support"), ("assignee", "Ana Silva"), ("category", "Incident"),
            ("url", "https://acme.atlassian.net/browse/OPS-7"));
        Golden.Expect(store, "incidents", "20002",
            ("status", "open"), ("acknowledged_at", null), ("resolved_at", null), ("severity", "SEV4"), ("assignee", null), ("service", null));
        Golden.Expect(store, "incidents", "20003",
            ("created_at", "2026-04-02 15:00:00"), ("resolved_at", "2026-04-02 17:30:00"), ("status", "resolved"), ("acknowledged_at", null));
    }
}
