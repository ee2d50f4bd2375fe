using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;

namespace InsightEngine.Tests.Analysis;

/// <summary>The lists behind the reports, on hand-made rows: incidents, the load heat map, overdue follow-through, noisy rules by week.</summary>
public sealed class ListMetricTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-03-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Incidents_are_listed_most_severe_first_then_earliest_with_their_times()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "a", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", severity: "SEV3", ack: "2026-03-02T10:05:00Z");
        Seed.Incident(store, "b", "2026-03-03T10:00:00Z", null, severity: "SEV1");
        Seed.Incident(store, "c", "2026-03-01T10:00:00Z", "2026-03-01T09:00:00Z", severity: "SEV3"); // resolved before created
        Seed.Incident(store, "d", "2026-03-04T10:00:00Z", "2026-03-04T10:30:00Z", severity: "unknown");

        var rows = Lists.Incidents(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, Limit = 10 }).Rows;

        Assert.Equal(["b", "c", "a", "d"], rows.Select(r => r.ExternalId));
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.Rank));
        var open = rows[0];
        Assert.True(open.IsOpen);
        Assert.Null(open.TtrSeconds);
        Assert.Equal((AsOf - DateTimeOffset.Parse("2026-03-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).TotalSeconds, open.AgeSeconds);
        Assert.Null(rows[1].TtrSeconds);              // impossible times are left out of every duration
        Assert.Equal(300, rows[2].TtaSeconds);
        Assert.Equal(3600, rows[2].TtrSeconds);
        Assert.Equal(2, Lists.Incidents(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, Limit = 2 }).Rows.Count);
    }

    [Fact]
    public void Pages_by_hour_lists_all_168_cells_in_the_reporting_zone_across_DST()
    {
        using var store = TestSupport.MemoryStore();
        // Sunday 2026-03-29 01:30 UTC is 03:30 CEST (the clocks went forward at 02:00 local that night); Saturday 23:30 UTC is Sunday 00:30 CET.
        Seed.Incident(store, "a", "2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z");
        Seed.Incident(store, "b", "2026-03-28T23:30:00Z", "2026-03-29T00:00:00Z");
        Seed.Alert(store, "x", "2026-03-30T07:10:00Z", "2026-03-30T07:20:00Z");   // Monday 09:10 CEST, not part of an incident

        var rows = Lists.PagesByHour(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, Options = MetricOptions.Default with { TimeZone = "Europe/Berlin" } }).Rows;

        Assert.Equal(168, rows.Count);
        Assert.Equal(3, rows.Sum(r => r.Pages));
        Assert.Equal(1, rows.Single(r => r.Weekday == 7 && r.Hour == 3).Pages);
        Assert.Equal(1, rows.Single(r => r.Weekday == 7 && r.Hour == 0).Pages);
        Assert.Equal(1, rows.Single(r => r.Weekday == 1 && r.Hour == 9).Pages);
        Assert.Equal("business", rows.Single(r => r.Weekday == 1 && r.Hour == 9).Band);
        Assert.Equal("sleep", rows.Single(r => r.Weekday == 7 && r.Hour == 3).Band);
        Assert.Equal("off_hours", rows.Single(r => r.Weekday == 6 && r.Hour == 12).Band);
    }

    [Fact]
    public void Overdue_lists_late_postmortems_and_action_items_as_follow_through_counts_them()
    {
        using var store = TestSupport.MemoryStore();
        // Postmortems are tracked for source "test" (one incident has a status). Due 14 days after the resolve.
        Seed.Incident(store, "late", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", severity: "SEV1", pmStatus: "draft");
        Seed.Incident(store, "done", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", severity: "SEV2", pmStatus: "published");
        Seed.Incident(store, "recent", "2026-03-25T10:00:00Z", "2026-03-25T12:00:00Z", severity: "SEV2");
        Seed.Incident(store, "minor", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", severity: "SEV3");
        Seed.ActionItem(store, "ai-late", "minor", "2026-03-02T00:00:00Z", due: "2026-03-21T00:00:00Z");
        Seed.ActionItem(store, "ai-done", "minor", "2026-03-02T00:00:00Z", due: "2026-03-10T00:00:00Z", status: "done");
        Seed.ActionItem(store, "ai-future", "minor", "2026-03-02T00:00:00Z", due: "2026-04-10T00:00:00Z");

        var request = new MetricRequest { AsOf = AsOf };
        var rows = Lists.Overdue(new AnalysisSession(store), request).Rows;
        var counts = FollowThrough.Compute(new AnalysisSession(store), request with { By = "all" }).Rows.Single();

        Assert.Equal(["postmortem", "action_item"], rows.Select(r => r.Kind));
        Assert.Equal("late", rows[0].IncidentExternalId);
        Assert.Equal(DateTimeOffset.Parse("2026-03-15T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), rows[0].DueAt);
        Assert.Equal(15.5, rows[0].OverdueDays, 6);
        Assert.Equal("Add a pool alarm on checkout-db", rows[1].ItemTitle);
        Assert.Equal("owner", rows[1].Owner);
        Assert.Equal(10, rows[1].OverdueDays, 6);
        Assert.Equal(counts.PostmortemOverdue, rows.Count(r => r.Kind == "postmortem"));
        Assert.Equal(counts.ActionItemsOverdue, rows.Count(r => r.Kind == "action_item"));
    }

    [Fact]
    public void Overdue_is_empty_on_an_empty_store()
    {
        using var store = TestSupport.MemoryStore();
        Assert.Empty(Lists.Overdue(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows);
        Assert.Empty(Lists.Incidents(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows);
        Assert.Empty(Lists.NoisyWeekly(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows);
        Assert.Equal(168, Lists.PagesByHour(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows.Count(r => r.Pages == 0));
    }

    [Fact]
    public void Noisy_rules_by_week_follow_the_noisy_alert_ranking_and_list_empty_weeks()
    {
        using var store = TestSupport.MemoryStore();
        // loud: 3 never-acked alerts in week 10, 1 in week 12; quiet: 1 never-acked alert in week 11; fine: actionable only.
        foreach (var (id, at) in new[] { ("l1", "2026-03-02T10:00:00Z"), ("l2", "2026-03-03T10:00:00Z"), ("l3", "2026-03-04T10:00:00Z"), ("l4", "2026-03-16T10:00:00Z") })
            Seed.Alert(store, id, at, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(30).ToString("O"), rule: "api:Loud");
        Seed.Alert(store, "q1", "2026-03-10T10:00:00Z", "2026-03-10T10:40:00Z", rule: "api:Quiet", service: null);
        Seed.Alert(store, "f1", "2026-03-11T10:00:00Z", "2026-03-11T11:00:00Z", ack: "2026-03-11T10:01:00Z", rule: "api:Fine");

        var request = new MetricRequest { AsOf = AsOf, Limit = 5 };
        var weekly = Lists.NoisyWeekly(new AnalysisSession(store), request).Rows;
        var ranked = Noise.Noisiest(new AnalysisSession(store), request).Rows;

        Assert.Equal(ranked.Select(r => (r.Rank, r.Rule)), weekly.Select(w => (w.Rank, w.Rule)).Distinct());
        var loud = weekly.Where(w => w.Rule == "api:Loud").ToList();
        Assert.Equal(["2026-W10", "2026-W11", "2026-W12"], loud.Select(w => w.Week));
        Assert.Equal([3L, 0, 1], loud.Select(w => w.Noise));
        Assert.Equal(1, weekly.Where(w => w.Rule == "api:Quiet").Sum(w => w.Alerts)); // a rule without a service still counts
        Assert.Equal(ranked.Single(r => r.Rule == "api:Loud").NoisePages, loud.Sum(w => w.Pages));
    }
}
