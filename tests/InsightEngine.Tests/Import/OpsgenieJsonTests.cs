using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>Golden tests over hand-written Opsgenie API dumps (/v2/alerts and /v1/incidents, which share "data").</summary>
public class OpsgenieJsonTests
{
    [Fact]
    public void Alerts_dump_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts-api.json"));

        Assert.Equal(("opsgenie-alerts-json", "alert", 3L, 2L, 1L), (r.Format, r.Entity, r.Read, r.Inserted, r.Rejected));
        // ackTime/closeTime are milliseconds after createdAt; "System" closing is the auto-close timeout; DST night (25 Oct).
        Golden.Expect(store, "alerts", "70413a06-38d6-4c85-92b8-5ebc900d42e2",
            ("number", "1791"), ("fingerprint", "event_573 🔥"), ("title", "=HYPERLINK(\"http://x\") CPU > 90% on web-3"),
            ("service", "web-frontend"), ("team", "web"), ("severity", "SEV2"), ("status", "resolved"), ("status_raw", "closed"),
            ("created_at", "2026-10-25 00:30:00"), ("acknowledged_at", "2026-10-25 00:30:15"), ("resolved_at", "2026-10-25 02:00:00"),
            ("last_occurred_at", "2026-10-25 01:40:00"), ("acknowledged_by", "morpheus@opsgenie.com"), ("resolved_by", "System"),
            ("resolved_by_kind", "timeout"), ("dedup_count", "17"), ("alert_source", "Alertmanager"),
            ("tags", "env:prod, service:web-frontend, rule:cpu-high"));
        // Open, never acknowledged; a team given only by id; an empty report.
        Golden.Expect(store, "alerts", "8a9b0c1d-0000-4000-8000-000000000002",
            ("status", "open"), ("acknowledged_at", null), ("resolved_at", null), ("team", "team-db-id"), ("service", null),
            ("severity", "SEV4"), ("tags", null), ("alert_source", "Grafana"));
        var reject = Assert.Single(r.RejectSample);
        Assert.Equal(("count", "many"), (reject.Column, reject.RawValue));
    }

    [Fact]
    public void Incidents_dump_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/incidents-api.json"));

        Assert.Equal(("opsgenie-incidents-json", 3L, 3L), (r.Format, r.Read, r.Inserted));
        Golden.Expect(store, "incidents", "4e6b2a10-2a5b-4c58-9c8c-6c5c0b2f0c01",
            ("number", "58"), ("title", "Payments degraded: card auth | 3DS"), ("service", "payments-api"), ("team", "payments"),
            ("severity", "SEV1"), ("status", "resolved"), ("started_at", "2026-10-25 00:41:00"), ("created_at", "2026-10-25 00:50:00"),
            ("acknowledged_at", null), ("resolved_at", "2026-10-25 02:10:00"), ("declared_by", "support@acme.example"),
            ("commander", "Ana Silva"), ("postmortem_url", "https://wiki.acme.example/pm/58"), ("category", "payments, customer-facing"),
            ("url", "https://acme.app.opsgenie.com/incident/detail/4e6b2a10"));
        Golden.Expect(store, "incidents", "4e6b2a10-2a5b-4c58-9c8c-6c5c0b2f0c02",
            ("status", "open"), ("service", "svc-search-id"), ("created_at", "2026-10-26 08:00:00"), ("started_at", "2026-10-26 07:55:00"), ("resolved_at", null));
        // Closed without an impact end: the last update stands in for the resolve time.
        Golden.Expect(store, "incidents", "4e6b2a10-2a5b-4c58-9c8c-6c5c0b2f0c03",
            ("status", "closed"), ("resolved_at", "2026-10-27 10:30:00"), ("severity", "SEV5"), ("service", null), ("url", null));
    }
}
