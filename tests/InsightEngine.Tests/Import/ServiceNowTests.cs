using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>Golden tests over hand-written ServiceNow exports: the incident list CSV and the Table API JSON.</summary>
public class ServiceNowTests
{
    [Fact]
    public void Csv_with_display_values_and_audit_rows_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("servicenow/incidents.csv"), new ImportOptions { TimeZone = "Europe/Berlin" });

        // 7 rows: INC0010001 three versions (two superseded); INC0010004 twice at the same sys_mod_count, the second updated
        // five minutes later by sys_updated_on: the newer wins and the first is superseded, not rejected.
        Assert.Equal(("servicenow-incidents-csv", 7L, 4L, 3L, 0L), (r.Format, r.Read, r.Inserted, r.Superseded, r.Rejected));
        Assert.Equal(r.Read, r.Inserted + r.Updated + r.Unchanged + r.Rejected + r.Superseded);
        // The latest version wins even though an older one follows it in the file.
        Golden.Expect(store, "incidents", "INC0010001",
            ("number", "INC0010001"), ("title", "VPN down for \"remote\" staff"), ("service", "Remote Access"), ("team", "Network"),
            ("severity", "SEV2"), ("severity_raw", "2 - High"), ("status", "resolved"), ("status_raw", "Resolved"),
            ("created_at", "2026-03-02 08:00:00"), ("resolved_at", "2026-03-02 10:15:00"), ("declared_by", "Mia Support"),
            ("assignee", "Ana Silva"), ("category", "network"), ("detection_source", "phone"));
        // Opened 01:30 CEST, resolved 04:30 CET on the night clocks go back; no business service: the CI.
        Golden.Expect(store, "incidents", "INC0010002",
            ("created_at", "2026-10-24 23:30:00"), ("resolved_at", "2026-10-25 03:30:00"), ("closed_at", "2026-10-26 09:00:00"),
            ("status", "closed"), ("severity", "SEV3"), ("service", "printer-3"), ("title", "Printer queue stuck, floor 3"));
        // Raw values: priority 1, state 7.
        Golden.Expect(store, "incidents", "INC0010003", ("severity", "SEV1"), ("status", "closed"), ("service", "Orders"));
        Golden.Expect(store, "incidents", "INC0010004", ("status", "acknowledged"), ("status_raw", "In Progress"), ("updated_at", "2026-04-02 06:05:00"));
    }

    [Fact]
    public void Table_api_json_reads_display_value_objects_and_raw_strings()
    {
        using var store = TestSupport.MemoryStore();
        // The zone is for plain strings; the objects' raw dates are UTC whatever it says.
        var r = new Importer(store).ImportFile(TestSupport.Fixture("servicenow/table-api.json"), new ImportOptions { TimeZone = "UTC" });

        Assert.Equal(("servicenow-table-json", 2L, 2L), (r.Format, r.Read, r.Inserted));
        Golden.Expect(store, "incidents", "INC0020001",
            ("title", "Email delays <img src=x onerror=alert(1)>"), ("service", "Email"), ("team", "Messaging"), ("assignee", "Chen Wu"),
            ("severity", "SEV1"), ("severity_raw", "1 - Critical"), ("status", "resolved"), ("created_at", "2026-03-29 01:10:00"),
            ("resolved_at", "2026-03-29 03:00:00"), ("closed_at", null), ("declared_by", "Mia Support"), ("detection_source", "Monitoring"));
        // Raw strings and bare references: the reference gives only its sys_id.
        Golden.Expect(store, "incidents", "INC0020002",
            ("severity", "SEV4"), ("status", "acknowledged"), ("team", "a8f98bb0eb32010045e1a5115206fe3a"), ("assignee", null),
            ("declared_by", "681ccaf9c0a8016400b98a06818d57c7"), ("created_at", "2026-04-03 10:00:00"));
    }
}
