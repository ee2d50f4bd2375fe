using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;

namespace InsightEngine.Tests.Analysis;

/// <summary>
/// Postmortems and action items as records of their own, on hand-made rows with every figure computed by hand: linked
/// postmortems, a problem with two incidents, items without a due date or completed late, cancelled items, the SMART
/// rule, who owes what, and whether the loop closed.
/// </summary>
public sealed class FollowUpMetricTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-03-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static FollowThroughRow Overall(InsightEngine.Store.InsightStore store) =>
        FollowThrough.Compute(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, By = "all" }).Rows.Single();

    [Fact]
    public void An_empty_store_has_no_follow_through_and_no_verdict()
    {
        using var store = TestSupport.MemoryStore();
        var row = Overall(store);
        Assert.Equal(0, row.PostmortemDue);
        Assert.Null(row.PostmortemCompletion);
        Assert.Equal(0, row.ActionItems);
        Assert.Null(row.SmartShare);
        Assert.Null(row.MedianDaysToComplete);
        var loop = FollowThrough.LoopClosed(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows;
        Assert.Equal(["all_done", "open", "none", "open_or_none"], loop.Select(r => r.Group));
        Assert.Equal("too few to compare", loop[0].Verdict);
        Assert.DoesNotContain(FollowThrough.ActionItems(new AnalysisSession(store), new MetricRequest { AsOf = AsOf }).Rows, r => r.Group != "all");
    }

    [Fact]
    public void A_postmortem_that_lives_in_a_linked_record_counts_for_its_incident_with_its_completion_time()
    {
        using var store = TestSupport.MemoryStore();
        // Jira-like: the review names the incident by its key; ServiceNow-like: the incident names the problem.
        Seed.Incident(store, "10001", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV1", number: "OPS-1");
        Seed.Incident(store, "10002", "2026-03-05T10:00:00Z", "2026-03-05T12:00:00Z", severity: "SEV2", number: "OPS-2");
        Seed.Incident(store, "INC9", "2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z", severity: "SEV2", pmRef: "PRB1");
        Seed.Incident(store, "10004", "2026-03-07T10:00:00Z", "2026-03-07T12:00:00Z", severity: "SEV3", number: "OPS-4");
        Seed.Postmortem(store, "20001", "OPS-1", "completed", completed: "2026-03-10T12:00:00Z", number: "OPS-3");   // 8 days: on time
        Seed.Postmortem(store, "PRB1", null, "completed", completed: "2026-03-26T12:00:00Z");                       // 20 days: late
        // OPS-2 has no postmortem record: owed, not done; resolved 26 days before as-of: overdue.

        var row = Overall(store);

        Assert.Equal(3, row.PostmortemDue);                 // SEV1-2, resolved; the source records postmortems
        Assert.Equal(2, row.PostmortemCompleted);
        Assert.Equal(2.0 / 3, row.PostmortemCompletion!.Value, 9);
        Assert.Equal(2, row.PostmortemCompletionTimeKnown);
        Assert.Equal(1, row.PostmortemWithinDue);
        Assert.Equal(1.0 / 3, row.PostmortemWithinDueShare!.Value, 9);
        Assert.Equal(1, row.PostmortemOverdue);
        Assert.Equal(0, row.CompletedByLink);
    }

    [Fact]
    public void A_completed_postmortem_without_a_time_counts_as_completed_but_neither_on_time_nor_late()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "a", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV1");
        Seed.Incident(store, "b", "2026-03-03T10:00:00Z", "2026-03-03T12:00:00Z", severity: "SEV1");
        Seed.Postmortem(store, "pm-a", "a", "completed");
        Seed.Postmortem(store, "pm-b", "b", "in_progress");

        var row = Overall(store);

        Assert.Equal(2, row.PostmortemDue);
        Assert.Equal(1, row.PostmortemCompleted);
        Assert.Equal(0, row.PostmortemCompletionTimeKnown);
        Assert.Equal(0, row.PostmortemWithinDue);
        Assert.Equal(0.0, row.PostmortemWithinDueShare!.Value);   // 0 of the 1 whose timing is known (b: not done, past due)
    }

    [Fact]
    public void Action_items_count_done_open_cancelled_overdue_late_and_undated_by_hand()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "i1", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", severity: "SEV2");
        // done on time after 4 days; done 2 days late after 10 days; open and overdue; open, due later; open without a due date; cancelled.
        Seed.ActionItem(store, "on-time", "i1", "2026-03-02T00:00:00Z", due: "2026-03-10T00:00:00Z", completed: "2026-03-06T00:00:00Z");
        Seed.ActionItem(store, "late", "i1", "2026-03-02T00:00:00Z", due: "2026-03-10T00:00:00Z", completed: "2026-03-12T00:00:00Z");
        Seed.ActionItem(store, "overdue", "i1", "2026-03-02T00:00:00Z", due: "2026-03-20T00:00:00Z");
        Seed.ActionItem(store, "future", "i1", "2026-03-02T00:00:00Z", due: "2026-04-20T00:00:00Z");
        Seed.ActionItem(store, "undated", "i1", "2026-03-02T00:00:00Z");
        Seed.ActionItem(store, "dropped", "i1", "2026-03-02T00:00:00Z", due: "2026-03-05T00:00:00Z", status: "cancelled");

        var row = Overall(store);

        Assert.Equal(6, row.ActionItems);
        Assert.Equal(2, row.ActionItemsDone);
        Assert.Equal(3, row.ActionItemsOpen);
        Assert.Equal(1, row.ActionItemsCancelled);
        Assert.Equal(1, row.ActionItemsOverdue);          // the cancelled one is past its due date but owed by no one
        Assert.Equal(1, row.ActionItemsDoneLate);
        Assert.Equal(1, row.ActionItemsNoDueDate);
        Assert.Equal(7, row.MedianDaysToComplete!.Value, 9);   // median of 4 and 10 days
    }

    [Fact]
    public void A_problem_with_two_incidents_covers_both_and_its_tasks_count_once_under_the_first()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "INC1", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", severity: "SEV1", pmRef: "PRB7", team: "dba");
        Seed.Incident(store, "INC2", "2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z", severity: "SEV2", pmRef: "PRB7", team: "dba");
        Seed.Postmortem(store, "PRB7", null, "completed", completed: "2026-03-12T15:00:00Z", owner: "Cy");
        Seed.ActionItem(store, "T1", incident: null!, created: "2026-03-12T15:00:00Z", due: "2026-03-20T00:00:00Z", completed: "2026-03-18T10:00:00Z", postmortem: "PRB7");
        Seed.ActionItem(store, "T2", incident: null!, created: "2026-03-12T15:00:00Z", due: "2026-03-25T00:00:00Z", postmortem: "PRB7", owner: "Eve");

        var session = new AnalysisSession(store);
        var overall = Overall(store);
        var bySeverity = FollowThrough.Compute(session, new MetricRequest { AsOf = AsOf, By = "severity" }).Rows;

        Assert.Equal(2, overall.PostmortemDue);
        Assert.Equal(2, overall.PostmortemCompleted);     // one problem record, two incidents
        Assert.Equal(2, overall.PostmortemWithinDue);     // 10 days and 3 days after their resolves
        Assert.Equal(2, overall.ActionItems);             // not 4
        Assert.Equal(2, bySeverity.Single(r => r.Group == "SEV1").ActionItems);
        Assert.Equal(0, bySeverity.Single(r => r.Group == "SEV2").ActionItems);
        var eve = FollowThrough.ActionItems(session, new MetricRequest { AsOf = AsOf }).Rows.Single(r => r.Group == "Eve");
        Assert.Equal(1, eve.Overdue);
        Assert.Equal(6, eve.OldestOverdueDays!.Value, 9);
        var byTeam = FollowThrough.ActionItems(session, new MetricRequest { AsOf = AsOf, By = "team" }).Rows;
        Assert.Equal(2, byTeam.Single(r => r.Group == "dba").Items);   // the incident's team where the item names none
    }

    [Fact]
    public void Followups_due_lists_what_falls_due_in_the_period_whatever_the_incidents_period_and_not_what_is_done()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "old", "2026-01-05T10:00:00Z", "2026-01-05T12:00:00Z", severity: "SEV1", commander: "Lead Lee");
        Seed.Postmortem(store, "pm-x", "x", "completed");   // postmortems are tracked for the source
        Seed.ActionItem(store, "due-in", "old", "2026-01-06T00:00:00Z", due: "2026-03-18T00:00:00Z", owner: "Ann");
        Seed.ActionItem(store, "done-in", "old", "2026-01-06T00:00:00Z", due: "2026-03-19T00:00:00Z", completed: "2026-03-01T00:00:00Z");
        Seed.ActionItem(store, "due-after", "old", "2026-01-06T00:00:00Z", due: "2026-03-30T00:00:00Z");
        Seed.Incident(store, "recent", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV2");   // postmortem due 2026-03-16 12:00

        var rows = Lists.Due(new AnalysisSession(store), new MetricRequest
        {
            AsOf = AsOf,
            Period = new Period(DateTimeOffset.Parse("2026-03-16T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                                DateTimeOffset.Parse("2026-03-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        }).Rows;

        Assert.Equal(["postmortem|recent|", "action_item|old|Ann"], rows.Select(r => $"{r.Kind}|{r.IncidentExternalId}|{r.Owner}"));
        Assert.All(rows, r => Assert.True(r.Overdue));   // both fell due before as-of (2026-03-31)
    }

    [Fact]
    public void The_SMART_share_judges_measurability_only_where_the_source_records_acceptance_criteria()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "i1", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z");
        Seed.ActionItem(store, "smart", "i1", "2026-03-02T00:00:00Z", due: "2026-04-10T00:00:00Z", acceptance: "Alarm fires in staging");
        Seed.ActionItem(store, "no-criterion", "i1", "2026-03-02T00:00:00Z", due: "2026-04-10T00:00:00Z");      // acceptance recorded? only via batch_fields
        Seed.ActionItem(store, "vague", "i1", "2026-03-02T00:00:00Z", due: "2026-04-10T00:00:00Z", title: "Look into the outage");
        Seed.ActionItem(store, "nobody", "i1", "2026-03-02T00:00:00Z", due: "2026-04-10T00:00:00Z", owner: null);
        Seed.ActionItem(store, "undated", "i1", "2026-03-02T00:00:00Z");
        Seed.ActionItem(store, "dropped", "i1", "2026-03-02T00:00:00Z", title: "Look into it", status: "cancelled");

        var row = Overall(store);

        // Batch 1 records no acceptance field, so only the item that fills it is judged on it; "no-criterion" is not held
        // to a field its source may not have. SMART: smart, no-criterion. Not: vague, nobody, undated. Cancelled: left out.
        Assert.Equal(2, row.SmartItems);
        Assert.Equal(0.4, row.SmartShare!.Value, 9);
        Assert.Equal(1, row.MeasurableJudged);

        // Once the batch records acceptance criteria, the item without one is not measurable.
        store.Execute("INSERT INTO batch_fields VALUES (1, 'acceptance', 'Acceptance Criteria', 'column')");
        var judged = Overall(store);
        Assert.Equal(1, judged.SmartItems);
        Assert.Equal(5, judged.MeasurableJudged);
    }

    [Theory]
    [InlineData("Add a pool-exhaustion alarm on checkout-db", true)]
    [InlineData("Investigate why checkout-db pool is exhausted", true)]
    [InlineData("Fix the flaky checkout test", true)]
    [InlineData("Raise the pool limit to 200", true)]
    [InlineData("Investigate", false)]
    [InlineData("Look into the outage", false)]
    [InlineData("Follow up on this issue", false)]
    [InlineData("Improve monitoring", false)]
    [InlineData("Review alerting and monitoring", false)]
    [InlineData("TBD", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Añadir alarma de saturación en checkout-db", true)]
    public void An_action_item_is_specific_when_it_names_a_concrete_change(string? title, bool specific)
    {
        lock (MacroStore.Value) Assert.Equal(specific, MacroStore.Value.Scalar<bool>("SELECT action_item_specific($t)", ("t", title)));
    }

    /// <summary>One store with the metric macros defined, for the rule's cases (a class's tests run one at a time).</summary>
    private static readonly Lazy<InsightEngine.Store.InsightStore> MacroStore = new(() =>
    {
        var store = TestSupport.MemoryStore();
        _ = Overall(store);   // defines the metric macros on the store's connection
        return store;
    });

    [Fact]
    public void The_loop_closed_comparison_counts_returns_after_each_follow_up_and_needs_ten_a_side()
    {
        using var store = TestSupport.MemoryStore();
        // 12 problems whose items were all done, 1 of which came back within 30 days; 12 with an open item, 6 of which came back.
        var start = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        static string Iso(DateTimeOffset t) => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        for (var p = 0; p < 24; p++)
        {
            var closed = p < 12;
            var first = start.AddDays(p);
            var title = $"Problem {(char)('a' + p)} broke";
            Seed.Incident(store, $"p{p}-1", Iso(first), Iso(first.AddHours(1)), title: title, service: "svc");
            Seed.ActionItem(store, $"ai{p}", $"p{p}-1", Iso(first.AddHours(2)), due: "2026-03-20T00:00:00Z", completed: closed ? Iso(first.AddHours(8)) : null);
            if ((closed && p == 0) || (!closed && p % 2 == 0))
                Seed.Incident(store, $"p{p}-2", Iso(first.AddDays(20)), Iso(first.AddDays(20).AddHours(1)), title: title, service: "svc");
        }
        // One problem with no items at all, settled, did not return.
        Seed.Incident(store, "lone", "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z", title: "Lonely problem", service: "svc");

        var rows = FollowThrough.LoopClosed(new AnalysisSession(store), new MetricRequest { AsOf = DateTimeOffset.Parse("2026-04-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) }).Rows;
        var done = rows.Single(r => r.Group == "all_done");
        var open = rows.Single(r => r.Group == "open");

        Assert.Equal(12, done.Occurrences);
        Assert.Equal(1, done.Recurred);
        Assert.Equal(1.0 / 12, done.RecurrenceRate!.Value, 9);
        // The second occurrences are settled too (as-of is months later) and did not return: they have no items.
        Assert.Equal(12, open.Occurrences);
        Assert.Equal(6, open.Recurred);
        Assert.Equal(1 + 7, rows.Single(r => r.Group == "none").Occurrences);
        Assert.Equal(20, rows.Single(r => r.Group == "open_or_none").Occurrences);
        // 1 of 12 (Wilson 95 %: 1.5 %..35.4 %) against 6 of 20 (14.5 %..51.9 %): the intervals overlap, so no winner is declared.
        Assert.Equal(0.0149, done.RateLow!.Value, 3);
        Assert.Equal(0.3539, done.RateHigh!.Value, 3);
        Assert.Equal("no clear difference", done.Verdict);
    }
}
