using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>Golden tests over hand-written incident.io (CSV and API v2 JSON) and Grafana OnCall (alert groups JSON) exports.</summary>
public class IncidentIoAndGrafanaTests
{
    [Fact]
    public void IncidentIo_api_dump_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("incidentio/incidents-api.json"));

        // Shares the "incidents" property with PagerDuty's dump: told apart by the record's keys.
        Assert.Equal(("incidentio-incidents-json", 2L, 2L), (r.Format, r.Read, r.Inserted));
        Golden.Expect(store, "incidents", "01FDAG4SAP5TYPT98WGR2N7W91",
            ("number", "INC-123"), ("title", "Checkout failing | 3DS <b>timeout</b> 💳"), ("service", "payments-api, checkout-api"),
            ("team", "payments"), ("severity", "SEV1"), ("severity_raw", "Critical"), ("status", "resolved"), ("status_raw", "learning"),
            ("created_at", "2026-10-25 00:20:00"), ("started_at", "2026-10-25 00:05:00"), ("acknowledged_at", "2026-10-25 00:24:00"),
            ("mitigated_at", "2026-10-25 01:10:00"), ("resolved_at", "2026-10-25 01:40:00"), ("closed_at", null),
            ("declared_by", "Mia Support"), ("created_by_automation", "false"), ("commander", "Ana Silva"), ("category", "Payments"),
            ("postmortem_url", "https://docs.acme.example/pm/inc-123"), ("url", "https://app.incident.io/acme/incidents/123"));
        Golden.Expect(store, "incidents", "01FDAG4SAP5TYPT98WGR2N7W92",
            ("severity", "SEV4"), ("status", "acknowledged"), ("declared_by", null), ("created_by_automation", "true"),
            ("commander", null), ("service", null), ("acknowledged_at", null));
    }

    [Fact]
    public void IncidentIo_csv_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("incidentio/incidents.csv"), new ImportOptions { TimeZone = "Europe/Berlin" });

        Assert.Equal(("incidentio-incidents-csv", 3L, 3L), (r.Format, r.Read, r.Inserted));
        Golden.Expect(store, "incidents", "01GZ0000000000000000000001",
            ("number", "INC-201"), ("title", "Login page blank\nfor Safari users"), ("severity", "SEV2"), ("status", "closed"),
            ("created_at", "2026-03-29 00:30:00"), ("started_at", "2026-03-29 00:10:00"), ("acknowledged_at", "2026-03-29 00:40:00"),
            ("resolved_at", "2026-03-29 02:00:00"), ("closed_at", "2026-03-30 07:00:00"), ("declared_by", "Legal Team"),
            ("commander", "Ana Silva"), ("service", "identity-api"), ("team", "identity"));
        Golden.Expect(store, "incidents", "01GZ0000000000000000000002", ("title", "@SUM(1+1) formula title"), ("status", "open"), ("severity", "SEV3"));
        // An unknown severity is kept raw and counted as unknown, never guessed; an explicit Z ignores --timezone.
        Golden.Expect(store, "incidents", "01GZ0000000000000000000003",
            ("severity", "unknown"), ("severity_raw", "Catastrophic"), ("created_at", "2026-04-02 08:00:00"), ("status", "acknowledged"));
    }

    [Fact]
    public void Grafana_oncall_alert_groups_land_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("grafana/alert-groups-api.json"));

        Assert.Equal(("grafana-oncall-alert-groups-json", "alert", 3L, 3L), (r.Format, r.Entity, r.Read, r.Inserted));
        Golden.Expect(store, "alerts", "I68T24C13IFW1",
            ("fingerprint", "HighMemory"), ("title", "Memory above 90% threshold | node-3"), ("service", "cache"), ("team", "TI73TDU19W48J"),
            ("severity", "SEV3"), ("severity_raw", "warning"), ("status", "resolved"), ("created_at", "2026-10-25 00:37:01"),
            ("acknowledged_at", null), ("resolved_at", "2026-10-25 01:37:01"), ("resolved_by_kind", "auto"), ("dedup_count", "12"),
            ("tags", "alertname:HighMemory, service:cache, severity:warning"), ("url", "https://oncall.acme.example/alert-groups/I68T24C13IFW1"));
        Golden.Expect(store, "alerts", "I68T24C13IFW2",
            ("status", "acknowledged"), ("acknowledged_at", "2026-10-25 02:04:30"), ("acknowledged_by", "U4DNY931HHJS5"),
            ("fingerprint", "Disk full"), ("severity", "unknown"), ("resolved_by_kind", null), ("team", null));
        Golden.Expect(store, "alerts", "I68T24C13IFW3", ("resolved_by_kind", "person"), ("severity", "SEV1"), ("url", null));
    }
}
