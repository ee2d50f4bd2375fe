using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Store;
using static InsightEngine.Tests.Analysis.Seed;

namespace InsightEngine.Tests.Analysis;

/// <summary>Every metric on small data sets whose figures are worked out by hand in the comments.</summary>
public sealed class MetricTests : IDisposable
{
    private readonly InsightStore store = TestSupport.MemoryStore();

    public void Dispose() => store.Dispose();

    private static MetricRequest At(string asOf, string? by = null, string tz = "UTC") =>
        new() { By = by, AsOf = DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), Options = MetricOptions.Default with { TimeZone = tz } };

    [Fact]
    public void With_no_data_every_metric_answers_without_inventing_figures()
    {
        var all = MetricCatalog.ComputeAll(store, new MetricRequest());
        Assert.Empty(((MetricReport<ResponseRow>)all["response"]).Rows);
        Assert.Empty(((MetricReport<FrequencyRow>)all["frequency"]).Rows);
        Assert.Empty(((MetricReport<NoisyAlertRow>)all["noisy-alerts"]).Rows);
        var noise = ((MetricReport<NoiseRow>)all["noise"]).Rows.Single();
        Assert.Equal((0L, (double?)null), (noise.Alerts, noise.NoiseRatio));
        var oncall = ((MetricReport<OnCallRow>)all["oncall"]).Rows;
        Assert.All(oncall, r => Assert.Null(r.Top10Share));
        Assert.All(((DeltaReport)all["deltas"]).Rows, r => Assert.Equal("too_few_data", r.Verdict));
    }

    [Fact]
    public void Kaplan_Meier_median_counts_open_incidents_as_censored()
    {
        // TTR 10, 20, 40 min resolved; two open, 15 and 50 min old at as-of. Times: 10 (event), 15 (censored), 20 (event),
        // 40 (event), 50 (censored). S(10) = 4/5 = 0.8; S(20) = 0.8 × 2/3 = 0.533; S(40) = 0.533 × 1/2 = 0.267 ≤ 0.5
        // → KM median 40 min, where the plain median of the resolved ones says 20 min.
        Incident(store, "A", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z");
        Incident(store, "B", "2026-03-02T10:00:00Z", "2026-03-02T10:20:00Z");
        Incident(store, "D", "2026-03-02T10:00:00Z", "2026-03-02T10:40:00Z");
        Incident(store, "C", "2026-03-02T11:35:00Z");
        Incident(store, "E", "2026-03-02T11:00:00Z");
        var all = Response.Compute(new AnalysisSession(store), At("2026-03-02T11:50:00Z")).Rows.Single(r => r.Group == "all");
        Assert.Equal((5L, 2L, 3000.0), (all.Incidents, all.Open, all.OldestOpenAgeSeconds!.Value));
        Assert.Equal(1200, all.TimeToResolve.MedianSeconds);
        Assert.Equal(2400, all.TimeToResolveKaplanMeierMedianSeconds);
    }

    [Fact]
    public void Kaplan_Meier_median_equals_the_median_when_nothing_is_open()
    {
        // 10, 20, 30, 40 min: S(20) = 0.5 exactly → the midpoint to 30 = 25 min, the plain median.
        foreach (var (id, m) in new[] { ("A", 10), ("B", 20), ("C", 30), ("D", 40) })
            Incident(store, id, "2026-03-02T10:00:00Z", $"2026-03-02T10:{m:D2}:00Z");
        var sev3 = Response.Compute(new AnalysisSession(store), At("2026-03-03T00:00:00Z")).Rows.Single(r => r.Group == "SEV3");
        Assert.Equal(1500, sev3.TimeToResolveKaplanMeierMedianSeconds);
        Assert.Equal(sev3.TimeToResolve.MedianSeconds, sev3.TimeToResolveKaplanMeierMedianSeconds);
    }

    [Fact]
    public void Time_to_mitigate_and_detect_use_the_impact_start()
    {
        // Impact 10:00, created 10:05, mitigated 10:35, resolved 11:00: TTD 5 min, TTM 35 min (from impact), TTR 55 min.
        Incident(store, "A", "2026-03-02T10:05:00Z", "2026-03-02T11:00:00Z", started: "2026-03-02T10:00:00Z", mitigated: "2026-03-02T10:35:00Z");
        // No impact start: TTM from creation (20 min); no TTD.
        Incident(store, "B", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", mitigated: "2026-03-02T10:20:00Z");
        var all = Response.Compute(new AnalysisSession(store), At("2026-03-03T00:00:00Z", by: "all")).Rows.Single();
        Assert.Equal(new DurationStats(1, 300, 300, 300), all.TimeToDetect);
        Assert.Equal(new DurationStats(2, 1650, 2010, 1650), all.TimeToMitigate); // 1200, 2100: median 1650, p90 1200 + 0.9 × 900
    }

    [Fact]
    public void Weeks_are_iso_weeks_in_the_reporting_zone_including_week_53()
    {
        // 2027-01-03 23:30 UTC is Sunday of 2026-W53 in UTC, but Monday 00:30 of 2027-W01 in Berlin.
        Incident(store, "A", "2027-01-03T23:30:00Z", "2027-01-04T01:00:00Z");
        Incident(store, "B", "2026-12-31T12:00:00Z", "2026-12-31T13:00:00Z");
        Assert.Equal(["2026-W53", "all"], Response.Compute(new AnalysisSession(store), At("2027-02-01T00:00:00Z", by: "week")).Rows.Select(r => r.Group));
        Assert.Equal(["2026-W53", "2027-W01", "all"],
            Response.Compute(new AnalysisSession(store), At("2027-02-01T00:00:00Z", by: "week", tz: "Europe/Berlin")).Rows.Select(r => r.Group));
    }

    [Fact]
    public void Durations_across_the_dst_change_count_real_elapsed_time_and_filters_combine()
    {
        // 00:30 to 03:30 Berlin time on 2026-03-29 (clocks jump 02:00 → 03:00) is 2 hours: stored UTC 23:30 → 01:30.
        Incident(store, "A", "2026-03-28T23:30:00Z", "2026-03-29T01:30:00Z", service: "pay", team: "money");
        Incident(store, "B", "2026-03-28T23:30:00Z", "2026-03-29T05:30:00Z", service: "web", team: "front");
        Incident(store, "C", "2026-03-28T23:30:00Z", "2026-03-29T07:30:00Z", service: "ops", team: "front", severity: "SEV1");
        var request = At("2026-04-01T00:00:00Z", by: "service", tz: "Europe/Berlin") with { Service = "pay, web", Severity = "SEV3" };
        var rows = Response.Compute(new AnalysisSession(store), request).Rows;
        Assert.Equal(["pay", "web", "all"], rows.Select(r => r.Group));
        Assert.Equal(7200, rows[0].TimeToResolve.MedianSeconds);
        Assert.Single(Response.Compute(new AnalysisSession(store), At("2026-04-01T00:00:00Z", by: "team") with { Team = "money" }).Rows, r => r.Group == "money");
    }

    [Fact]
    public void Frequency_lists_every_week_with_zeros_and_the_low_severity_share()
    {
        // W53 of 2026: a SEV1 and a SEV4 → share 1/2; 2027-W01: none; 2027-W02: a SEV3 and an unknown → share 1/1.
        Incident(store, "A", "2026-12-28T09:00:00Z", severity: "SEV1");
        Incident(store, "B", "2026-12-31T09:00:00Z", severity: "SEV4");
        Incident(store, "C", "2027-01-12T09:00:00Z", severity: "SEV3");
        Incident(store, "D", "2027-01-13T09:00:00Z", severity: "unknown");
        var rows = Frequency.Compute(new AnalysisSession(store), At("2027-02-01T00:00:00Z")).Rows;
        Assert.Equal(["2026-W53", "2027-W01", "2027-W02", "all"], rows.Select(r => r.Week));
        Assert.Equal([2L, 0L, 2L, 4L], rows.Select(r => r.Incidents));
        Assert.Equal([0.5, null, 1.0, 2.0 / 3], rows.Select(r => r.LowSeverityShare));
        Assert.Equal((4.0 / 3, 2L), (rows[^1].WeeklyMean!.Value, rows[^1].WeeklyMax!.Value));
        Assert.Equal(new DateOnly(2026, 12, 28), rows[0].WeekStart);

        var bySeverity = Frequency.Compute(new AnalysisSession(store), At("2027-02-01T00:00:00Z", by: "severity")).Rows;
        Assert.Equal(3, bySeverity.Count(r => r.Group == "SEV1" && r.Week != "all")); // every week, per severity seen
    }

    private void NoiseAlerts()
    {
        // Rule X (5 alerts): actionable (ack 2 min, open 30 min), brief (ack, closed at 3 min), auto_resolved (closed by the
        // integration at 4 min), never_acked (closed by a person after 2 h), duplicate (count 4).
        Alert(store, "x1", "2026-03-03T10:00:00Z", "2026-03-03T10:30:00Z", ack: "2026-03-03T10:02:00Z", rule: "api:X");
        Alert(store, "x2", "2026-03-03T11:00:00Z", "2026-03-03T11:03:00Z", ack: "2026-03-03T11:01:00Z", rule: "api:X");
        Alert(store, "x3", "2026-03-03T12:00:00Z", "2026-03-03T12:04:00Z", rule: "api:X", resolvedByKind: "auto");
        Alert(store, "x4", "2026-03-03T13:00:00Z", "2026-03-03T15:00:00Z", rule: "api:X", resolvedByKind: "person");
        Alert(store, "x5", "2026-03-03T16:00:00Z", "2026-03-03T16:30:00Z", rule: "api:X", dedup: 4);
        // Rule Y: three triggers within the hour (flapping), then a lone one at 13:00 (auto_resolved).
        foreach (var (id, at) in new[] { ("y1", "10:00"), ("y2", "10:20"), ("y3", "10:50"), ("y4", "13:00") })
            Alert(store, id, $"2026-03-03T{at}:00Z", $"2026-03-03T{at[..3]}{int.Parse(at[3..], System.Globalization.CultureInfo.InvariantCulture) + 2:D2}:00Z", rule: "api:Y");
        // Rule Z: one still open and unacknowledged (not classed), one linked to an incident (actionable).
        Alert(store, "z1", "2026-03-03T10:00:00Z", rule: "db:Z", service: "db");
        Alert(store, "z2", "2026-03-03T10:00:00Z", "2026-03-03T10:01:00Z", rule: "db:Z", service: "db", incident: "INC-1");
    }

    [Fact]
    public void Noise_classes_every_alert_by_the_documented_kinds()
    {
        NoiseAlerts();
        var all = Noise.Compute(new AnalysisSession(store), At("2026-03-04T00:00:00Z", by: "all")).Rows.Single();
        // 11 alerts: actionable x1, z2; open z1; noise 8 = brief 1, auto_resolved 2 (x3, y4), never_acked 1, duplicate 1, flapping 3.
        Assert.Equal((11L, 2L, 8L, 1L), (all.Alerts, all.Actionable, all.Noise, all.Open));
        Assert.Equal((3L, 1L, 2L, 1L, 1L), (all.Flapping, all.Duplicate, all.AutoResolved, all.NeverAcked, all.Brief));
        Assert.Equal(0.8, all.NoiseRatio);
        Assert.Equal(0, all.OutOfHoursShare); // every alert at 10:00-16:00 UTC on a Tuesday

        var byRule = Noise.Compute(new AnalysisSession(store), At("2026-03-04T00:00:00Z", by: "rule")).Rows.Select(r => r.Group);
        Assert.Equal(["api / api:X", "api / api:Y", "db / db:Z", "all"], byRule);
    }

    [Fact]
    public void Noisy_alerts_rank_by_noise_then_volume_with_the_dominant_kind()
    {
        NoiseAlerts();
        var rows = Noise.Noisiest(new AnalysisSession(store), At("2026-03-04T00:00:00Z")).Rows;
        // X and Y both have 4 noise alerts; X has 5 alerts → first. X's kinds tie 1-1-1-1 → the documented order picks duplicate.
        Assert.Equal(["api:X", "api:Y"], rows.Select(r => r.Rule));
        Assert.Equal(("duplicate", "flapping"), (rows[0].DominantNoiseKind, rows[1].DominantNoiseKind));
        Assert.Equal((5L, 4L, 0.8), (rows[0].Alerts, rows[0].Noise, rows[0].NoiseShare!.Value));
        Assert.Equal(1800, rows[0].MedianOpenSeconds); // 30, 3, 4, 120, 30 min → 30 min
        // In New York the 10:00-16:00 UTC alerts fall at 05:00-11:00: 05:00 and 07:00 are sleep hours.
        var ny = Noise.Noisiest(new AnalysisSession(store), At("2026-03-04T00:00:00Z", tz: "America/New_York")).Rows[1];
        Assert.Equal((3L, 0.75), (ny.SleepPages, ny.OutOfHoursShare!.Value)); // y1 05:00, y2 05:20, y3 05:50 sleep; y4 08:00 business
    }

    [Fact]
    public void Noise_thresholds_are_options()
    {
        NoiseAlerts();
        var strict = At("2026-03-04T00:00:00Z", by: "all") with { Options = MetricOptions.Default with { FlapCount = 5 } };
        var all = Noise.Compute(new AnalysisSession(store), strict).Rows.Single();
        Assert.Equal((0L, 5L), (all.Flapping, all.AutoResolved)); // Y's triggers close by themselves in 2 min
        var lenient = At("2026-03-04T00:00:00Z", by: "all") with { Options = MetricOptions.Default with { ActionableMinOpen = TimeSpan.FromMinutes(2) } };
        Assert.Equal(3L, Noise.Compute(new AnalysisSession(store), lenient).Rows.Single().Actionable); // x2, open 3 min, now counts
    }

    [Fact]
    public void Recurrence_needs_the_previous_occurrence_resolved_within_the_window()
    {
        const string title = "DB timeout on host-17 (req 4411)";
        Incident(store, "1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", title: title);
        Incident(store, "2", "2026-03-11T10:00:00Z", "2026-03-11T12:00:00Z", title: "DB timeout on host-3 (req 9)"); // 10 days after: recurs
        Incident(store, "3", "2026-03-11T10:30:00Z", "2026-03-11T11:00:00Z", title: title);  // while 2 is open: same outage, not a return
        Incident(store, "4", "2026-05-20T10:00:00Z", "2026-05-20T11:00:00Z", title: title);  // 70 days later: new
        Incident(store, "5", "2026-03-12T10:00:00Z", "2026-03-12T11:00:00Z", title: title, service: "web"); // another service: another problem
        var all = Recurrence.Compute(new AnalysisSession(store), At("2026-06-01T00:00:00Z", by: "all")).Rows.Single();
        Assert.Equal((5L, 1L, 0.2, 2L, 1L), (all.Incidents, all.Recurrences, all.RecurrenceRate!.Value, all.Problems, all.RecurringProblems));

        var wide = At("2026-06-01T00:00:00Z", by: "all") with { Options = MetricOptions.Default with { RecurrenceWindow = TimeSpan.FromDays(90) } };
        Assert.Equal(2L, Recurrence.Compute(new AnalysisSession(store), wide).Rows.Single().Recurrences);

        var top = Recurrence.TopProblems(new AnalysisSession(store), At("2026-06-01T00:00:00Z")).Rows.Single();
        Assert.Equal(("api", "db timeout on host-# (req #)", 3L, 4L, 1L), (top.Service, top.NormalizedTitle, top.DaysSeen, top.Occurrences, top.Recurrences));
        // An earlier occurrence outside the period still makes a recurrence inside it.
        var april = At("2026-06-01T00:00:00Z", by: "all") with { Period = new Period(DateTimeOffset.Parse("2026-03-05T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null) };
        Assert.Equal((4L, 1L), (Recurrence.Compute(new AnalysisSession(store), april).Rows.Single().Incidents, Recurrence.Compute(new AnalysisSession(store), april).Rows.Single().Recurrences));
    }

    [Theory]
    [InlineData("Payment provider timeout on pg-node-7 (txn 819844)")]
    [InlineData("Req 3F2504E0-4F89-11D3-9A0C-0305E82C3301 failed at deadbeef01, e2e 5xx  v2")]
    [InlineData("Disk  full on 10.0.3.7 (sha 9fceb02)")]
    [InlineData("Users in São Paulo | Zürich can't log in 🚨")]
    public void Title_fingerprints_agree_between_the_generator_and_the_sql(string title)
    {
        _ = new AnalysisSession(store);
        Assert.Equal(SampleGenerator.NormalizeTitle(title), store.Scalar<string>("SELECT normalize_title($t)", ("t", title)));
    }

    [Fact]
    public void Follow_through_counts_postmortems_owed_done_late_and_untracked()
    {
        // Source "inc" records postmortems. SEV1 done 3 days after the resolve; SEV2 with only a linked document (no status
        // field: counts as done, by link); SEV2 resolved 30 days before as-of without one (overdue); SEV3 and an open SEV1
        // owe nothing. Source "pd" records none: its resolved SEV1 is untracked, not missing.
        Incident(store, "P1", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z", severity: "SEV1", source: "inc", pmStatus: "Completed", pmCompleted: "2026-03-04T12:00:00Z");
        Incident(store, "P2", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV2", source: "inc", pmUrl: "https://docs/pm-2");
        Incident(store, "P3", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV2", source: "inc");
        Incident(store, "P4", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV3", source: "inc");
        Incident(store, "P5", "2026-03-30T10:00:00Z", severity: "SEV1", source: "inc");
        Incident(store, "Q1", "2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z", severity: "SEV1", source: "pd");
        // Action items: done in 4 days; overdue; not yet due.
        ActionItem(store, "A1", "P1", "2026-03-05T00:00:00Z", due: "2026-03-20T00:00:00Z", completed: "2026-03-09T00:00:00Z", source: "inc");
        ActionItem(store, "A2", "P1", "2026-03-05T00:00:00Z", due: "2026-03-20T00:00:00Z", status: "open", source: "inc");
        ActionItem(store, "A3", "P3", "2026-03-05T00:00:00Z", due: "2026-06-01T00:00:00Z", source: "inc");
        var r = FollowThrough.Compute(new AnalysisSession(store), At("2026-04-01T00:00:00Z")).Rows.Single();
        Assert.Equal((3L, 1L, 2L, 2.0 / 3, 1L), (r.PostmortemDue, r.PostmortemUntracked, r.PostmortemCompleted, r.PostmortemCompletion!.Value, r.CompletedByLink));
        Assert.Equal((1L, 1L, 1L), (r.PostmortemCompletionTimeKnown, r.PostmortemWithinDue, r.PostmortemOverdue));
        Assert.Equal((3L, 1L, 1L, 4.0), (r.ActionItems, r.ActionItemsDone, r.ActionItemsOverdue, r.MedianDaysToComplete!.Value));
    }

    [Fact]
    public void On_call_load_attributes_pages_and_measures_concentration()
    {
        // r1 receives 10 pages (5 alerts acked by e-mail, 5 incidents assigned by name); r2..r10 one alert each; one alert
        // nobody acknowledged; one alert inside an incident (the incident pages, not the alert). 10 responders: the top
        // 10% is 1 person, with 10 of 19 attributed pages.
        for (var i = 0; i < 5; i++)
        {
            Alert(store, $"a{i}", $"2026-03-03T1{i}:00:00Z", $"2026-03-03T1{i}:30:00Z", ack: $"2026-03-03T1{i}:01:00Z", ackBy: "r1.hero@acme.example");
            Incident(store, $"i{i}", $"2026-03-0{3 + i}T23:00:00Z", $"2026-03-0{4 + i}T01:00:00Z", assignee: "R1  Hero");
        }
        for (var i = 2; i <= 10; i++) Alert(store, $"b{i}", "2026-03-07T12:00:00Z", ackBy: $"r{i}@acme.example", ack: "2026-03-07T12:01:00Z");
        Alert(store, "nobody", "2026-03-07T12:00:00Z");
        Alert(store, "linked", "2026-03-07T12:00:00Z", incident: "i0", ackBy: "r2@acme.example");
        var all = OnCall.Compute(new AnalysisSession(store), At("2026-03-10T00:00:00Z")).Rows.Single();
        Assert.Equal((20L, 1L, 10L, 10L), (all.Pages, all.Unattributed, all.Responders, all.MaxResponderPages!.Value));
        Assert.Equal(10.0 / 19, all.Top10Share!.Value, 10);
        // The five incidents at 23:00 UTC are sleep pages; 2026-03-07 is a Saturday: the ten alerts then are off-hours.
        Assert.Equal((15L, 5L), (all.OutOfHoursPages, all.SleepPages));
        var top = OnCall.Responders(new AnalysisSession(store), At("2026-03-10T00:00:00Z")).Rows[0];
        Assert.Equal(("r1 hero", 10L, 5L, 5L), (top.Responder, top.Pages, top.IncidentPages, top.AlertPages));
    }

    [Fact]
    public void The_notified_user_is_the_pages_recipient()
    {
        Incident(store, "i1", "2026-03-03T10:00:00Z", assignee: "Alice");
        Notify(store, "i1", "2026-03-03T10:00:20Z", "Bob");
        Assert.Equal("bob", OnCall.Responders(new AnalysisSession(store), At("2026-03-04T00:00:00Z")).Rows.Single().Responder);
    }

    [Fact]
    public void Declaration_breadth_separates_outside_engineering_and_automation()
    {
        Incident(store, "1", "2026-03-03T10:00:00Z", declaredBy: "Ann Lee");                                  // paged elsewhere: engineering
        Incident(store, "2", "2026-03-03T11:00:00Z", declaredBy: "Bob Support");                              // never paged, no group: outside (proxy)
        Incident(store, "3", "2026-03-03T12:00:00Z", declaredBy: "Cy Counsel", declarerGroup: "legal");       // outside, from the source
        Incident(store, "4", "2026-03-03T13:00:00Z", automation: true);                                       // automatic
        Incident(store, "5", "2026-03-03T14:00:00Z", assignee: "ann.lee@acme.example");
        var r = Declaration.Compute(new AnalysisSession(store), At("2026-03-04T00:00:00Z")).Rows.Single();
        Assert.Equal((5L, 3L, 3L, 1.0), (r.Incidents, r.WithDeclarer, r.Declarers, r.Top3Share!.Value));
        Assert.Equal((2L, 2.0 / 3, 1L), (r.OutsideEngineering, r.OutsideEngineeringShare!.Value, r.OutsideByProxy));
        Assert.Equal((3L, 1L, 1L, 0.75), (r.Human, r.Automatic, r.Unknown, r.HumanShare!.Value));
    }

    [Fact]
    public void Deltas_compare_a_week_with_the_last_and_the_trailing_normal_range()
    {
        // Twelve trailing weeks of 9-11 incidents (10 ± 1, MAD 1 → range 10 ± 3 × 1.48 = 5.6-14.4), then a week of 30.
        var monday = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
        var n = 0;
        for (var w = 0; w < 13; w++)
        {
            var count = w == 12 ? 30 : 9 + w % 3;
            for (var i = 0; i < count; i++)
            {
                var at = monday.AddDays(7 * w).AddMinutes(i);
                Incident(store, $"i{n++}", at.ToString("O"), at.AddMinutes(30).ToString("O"), severity: i < 2 ? "SEV2" : "SEV4");
            }
        }
        var report = Deltas.Compute(new AnalysisSession(store), At("2026-09-01T00:00:00Z") with { Week = "2026-W35" });
        Assert.Equal(("2026-W35", "2026-W34", new DateOnly(2026, 8, 24)), (report.Week, report.PreviousWeek, report.WeekStart));
        var incidents = report.Rows.Single(r => r.Figure == "incidents");
        Assert.Equal((30.0, 11.0, 19.0, 12), (incidents.Value!.Value, incidents.Previous!.Value, incidents.Change!.Value, incidents.TrailingWeeks));
        Assert.Equal(10, incidents.TrailingMedian);
        Assert.Equal("higher", incidents.Verdict); // more incidents is neither better nor worse by itself
        Assert.Equal("normal", report.Rows.Single(r => r.Figure == "high_severity").Verdict); // 2 every week
        Assert.Equal("better", report.Rows.Single(r => r.Figure == "low_severity_share").Verdict); // 28/30 vs 7-9 of 9-11
        Assert.Equal("too_few_data", report.Rows.Single(r => r.Figure == "tta_median_seconds").Verdict); // nothing acknowledged
        Assert.Equal(13, report.Weeks.Count);

        // The default week is the last complete one at as-of.
        Assert.Equal("2026-W35", Deltas.Compute(new AnalysisSession(store), At("2026-09-01T00:00:00Z")).Week);
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2027-W53")]
    [InlineData("last week")]
    public void A_bad_week_names_the_option(string week)
    {
        var e = Assert.Throws<InsightEngine.Settings.InvalidSettingException>(() => Deltas.ParseWeek(week));
        Assert.Equal("week", e.Setting);
        Assert.StartsWith($"--week '{week}' is not an ISO week", e.Worded(InsightEngine.Settings.SettingNames.Flag));
    }

    [Fact]
    public void Ranked_lists_refuse_a_grouping_and_unknown_groupings_are_named()
    {
        Assert.Contains("ranked list", Assert.ThrowsAny<ArgumentException>(() => Noise.Noisiest(new AnalysisSession(store), new MetricRequest { By = "team" })).Message);
        Assert.Contains("'rule' is not a grouping of response", Assert.ThrowsAny<ArgumentException>(() => Response.Compute(new AnalysisSession(store), new MetricRequest { By = "rule" })).Message);
        Assert.Contains("SEV9", Assert.ThrowsAny<ArgumentException>(() => Response.Compute(new AnalysisSession(store), new MetricRequest { Severity = "SEV9" })).Message);
    }
}
