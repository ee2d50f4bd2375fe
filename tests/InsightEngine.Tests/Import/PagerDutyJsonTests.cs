using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Import;

/// <summary>Golden tests over hand-written PagerDuty REST API v2 dumps (/incidents and /log_entries).</summary>
public class PagerDutyJsonTests
{
    private static ImportResult Import(InsightStore store, string fixture) =>
        new Importer(store).ImportFile(TestSupport.Fixture(fixture));

    [Fact]
    public void Incidents_dump_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = Import(store, "pagerduty/incidents-api.json");

        Assert.Equal(("pagerduty-incidents-json", 4L, 3L, 1L), (r.Format, r.Read, r.Inserted, r.Rejected));
        // Resolved: the API lists no acknowledgements any more; resolve time and resolver from the last status change.
        Golden.Expect(store, "incidents", "Q0RIJJZL24RC6W",
            ("number", "1042"), ("title", "Checkout <b>500s</b> | EU"), ("service", "checkout-api"), ("team", "payments"),
            ("severity", "SEV1"), ("severity_raw", "P1"), ("status", "resolved"), ("status_raw", "resolved"),
            ("created_at", "2026-03-29 00:50:00"), ("acknowledged_at", null), ("resolved_at", "2026-03-29 02:20:00"),
            ("resolved_by", "Ana Silva"), ("auto_resolved", "false"), ("assignee", null), ("escalation_policy", "Checkout on-call"),
            ("fingerprint", "checkout-5xx"), ("alert_count", "3"), ("url", "https://acme.pagerduty.com/incidents/Q0RIJJZL24RC6W"));
        // Acknowledged twice, listed out of order: the earliest counts. No priority: urgency low is SEV4.
        Golden.Expect(store, "incidents", "Q1ACKED0000002",
            ("severity", "SEV4"), ("severity_raw", "low"), ("status", "acknowledged"), ("acknowledged_at", "2026-03-30 08:04:00"),
            ("acknowledged_by", "Ben Novak"), ("assignee", "Ben Novak"), ("resolved_at", null), ("team", null), ("auto_resolved", null));
        // Offsets honoured (+02:00), across local midnight; resolved by the service itself: automatic.
        Golden.Expect(store, "incidents", "Q2AUTO00000003",
            ("created_at", "2026-03-30 21:30:00"), ("resolved_at", "2026-03-30 22:10:00"), ("auto_resolved", "true"),
            ("resolved_by", null), ("severity", "SEV3"));
        var reject = Assert.Single(r.RejectSample);
        Assert.Equal((76L, "created_at", "yesterday"), (reject.Line, reject.Column, reject.RawValue));
    }

    [Fact]
    public void Log_entries_give_resolved_incidents_their_first_acknowledgement_in_either_order()
    {
        using var a = TestSupport.MemoryStore();
        Import(a, "pagerduty/incidents-api.json");
        var events = Import(a, "pagerduty/log-entries-api.json");
        using var b = TestSupport.MemoryStore();
        Import(b, "pagerduty/log-entries-api.json");
        Import(b, "pagerduty/incidents-api.json");

        Assert.Equal(("pagerduty-log-entries-json", "event", 7L, 6L, 1L), (events.Format, events.Entity, events.Read, events.Inserted, events.Rejected));
        Assert.Equal((21L, "created_at"), (events.RejectSample[0].Line, events.RejectSample[0].Column));
        foreach (var store in new[] { a, b })
        {
            Golden.Expect(store, "incidents", "Q0RIJJZL24RC6W",
                ("acknowledged_at", "2026-03-29 00:56:00"), ("acknowledged_by", "Ana Silva"), ("resolved_at", "2026-03-29 02:20:00"));
            Golden.Expect(store, "incidents", "Q1ACKED0000002", ("acknowledged_at", "2026-03-30 08:04:00"), ("acknowledged_by", "Ben Novak"));
        }
        Assert.Equal(TestSupport.Dump(a, "incidents", "external_id", "first_batch_id, last_batch_id"),
            TestSupport.Dump(b, "incidents", "external_id", "first_batch_id, last_batch_id"));
        Golden.Expect(a, "timeline_events", "RLOG02", ("kind", "notify"), ("actor", "Ana Silva"), ("automated", "true"), // paged by the escalation policy
            ("incident_external_id", "Q0RIJJZL24RC6W"), ("occurred_at", "2026-03-29 00:50:30"));
        Golden.Expect(a, "timeline_events", "RLOG06", ("kind", "resolve"), ("kind_raw", "resolve_log_entry"), ("automated", "true"));
    }

    [Fact]
    public void Reimporting_dumps_changes_nothing()
    {
        using var store = TestSupport.MemoryStore();
        Import(store, "pagerduty/incidents-api.json");
        Import(store, "pagerduty/log-entries-api.json");
        var before = TestSupport.Dump(store, "incidents", "external_id", "first_batch_id, last_batch_id");
        var again = Import(store, "pagerduty/incidents-api.json");
        var events = Import(store, "pagerduty/log-entries-api.json");

        Assert.Equal((0L, 0L, 3L), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal((0L, 6L), (events.Inserted, events.Unchanged));
        Assert.Equal(before, TestSupport.Dump(store, "incidents", "external_id", "first_batch_id, last_batch_id"));
    }
}
