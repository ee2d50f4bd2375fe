using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using static InsightEngine.Reports.Document.Cells;

namespace InsightEngine.Reports;

/// <summary>Lays the weekly review out as a document: summary, trends, incidents, response, noise, load, follow-through, learning.</summary>
public static class WeeklyReviewDocument
{
    /// <summary>The review as a document.</summary>
    public static ReportDocument Create(WeeklyReview r)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        var filters = ScopeText.Filters(r.Service, r.Team, r.Severity);
        var subtitle = $"{r.Week}: {Date(r.From, zone)} to {Date(r.To.AddSeconds(-1), zone)} ({r.TimeZone}){filters}. Data as of {DateTime(r.AsOf, zone)}.";
        return new ReportDocument($"weekly-review-{r.Week}", $"Weekly operational review {r.Week}", subtitle,
        [
            new Section("Summary", [new BulletList(r.Summary.Select(s => (IReadOnlyList<Inline>)[new Text(s)]).ToList()), HeadlineCards(r)], WeeklySections.Summary),
            new Section("Trends", Trends(r), WeeklySections.Trends),
            new Section("Incidents of the week", IncidentsOfWeek(r, zone), WeeklySections.Incidents),
            new Section("Response times by severity", ResponseTimes(r), WeeklySections.Response),
            new Section("Noisiest alert rules", NoisyRules(r), WeeklySections.NoisyRules),
            new Section("Recurring problems", RecurringProblems(r, zone), WeeklySections.Recurring),
            new Section("On-call load", OnCallLoad(r), WeeklySections.OnCall),
            new Section("Postmortems and action items", FollowThroughBlocks(r, zone), WeeklySections.FollowThrough),
            new Section("Anomalies and forecast", LearningBlocks(r), WeeklySections.Learning),
            new Section("About these figures", About(r), WeeklySections.About),
        ]);
    }

    private static Cards HeadlineCards(WeeklyReview r) => new(r.Headline.Rows.Select(f =>
    {
        var tone = f.Verdict switch { "better" => Tone.Good, "worse" => Tone.Bad, "too_few_data" => Tone.Muted, _ => Tone.Neutral };
        var vsLast = f.Previous is null ? "no data last week" : $"last week {WeeklySummary.Value(f.Unit, f.Previous)}";
        var verdict = f.Verdict switch
        {
            "too_few_data" => "too few data to judge",
            "normal" => "within normal range",
            var v => $"{v} than usual",
        };
        var range = f.NormalLow is null ? "" : $" ({WeeklySummary.Range(f)})";
        return new Card(f.Label, WeeklySummary.Value(f.Unit, f.Value), $"{vsLast}; {verdict}{range}", tone);
    }).ToList());

    private static List<Block> Trends(WeeklyReview r)
    {
        var weeks = r.Headline.Weeks;
        var labels = weeks.Select(w => w.Week).ToList();
        var figures = r.Headline.Rows.ToDictionary(f => f.Figure, StringComparer.Ordinal);
        Chart Trend(string key, string title, string unit, Func<HeadlineWeek, double?> value, double scale = 1)
        {
            var f = figures[key];
            return TimeCharts.Trend($"trend-{key.Replace('_', '-')}", title, unit, f.Label, labels, weeks.Select(w => value(w) / scale).ToList(),
                f.NormalLow / scale, f.NormalHigh / scale,
                $"{f.Label} per week over the last {weeks.Count} weeks; this week {WeeklySummary.Value(f.Unit, f.Value)}, normal range {WeeklySummary.Value(f.Unit, f.NormalLow)} to {WeeklySummary.Value(f.Unit, f.NormalHigh)}.");
        }
        var ttrMax = weeks.Max(w => w.TtrMedianSeconds) ?? 0;
        var (ttrScale, ttrUnit) = ttrMax >= 3 * 3600 ? (3600.0, "hours") : (60.0, "minutes");
        return
        [
            new Paragraph("Each figure over the last 13 weeks; the shaded band is its normal range from the 12 weeks before this one (median ± 3 scaled MADs), the large dot this week."),
            Trend("incidents", "Incidents per week", "incidents", w => w.Incidents),
            Trend("ttr_median_seconds", "Median time to resolve per week", ttrUnit, w => w.TtrMedianSeconds, ttrScale),
            Trend("pages", "Pages per week", "pages", w => w.Pages),
        ];
    }

    private static List<Block> IncidentsOfWeek(WeeklyReview r, TimeZoneInfo zone)
    {
        var blocks = new List<Block>();
        var total = r.Incidents.Rows.Count;
        if (total == 0) return [new Paragraph($"No incidents were opened in {r.Week}.")];
        var bySeverity = r.Response.Rows.Where(x => x.Incidents > 0 && x.Group != "all")
            .Select(x => $"{x.Group}: {Count(x.Incidents)}{(x.Open > 0 ? $" ({Count(x.Open)} open)" : "")}");
        blocks.Add(new Paragraph($"{Count(total)} incidents: {string.Join(", ", bySeverity)}. Most severe first; the number links to the incident in its source tool."));
        var rows = r.Incidents.Rows.Take(WeeklyReviews.ListedIncidents).Select(i => (IReadOnlyList<IReadOnlyList<Inline>>)
        [
            Of(new Link(i.Number ?? i.ExternalId, i.Url)),
            Of(i.Severity),
            Of(i.Title),
            Of(i.Service),
            Of(DateTime(i.CreatedAt, zone)),
            Of(Duration(i.TtaSeconds)),
            i.IsOpen ? Of(new Flag("open", Tone.Bad), new Text($" {Duration(i.AgeSeconds)}")) : Of(Duration(i.TtrSeconds)),
            i.IsRecurrence ? Of(new Flag("recurred", Tone.Neutral)) : Of(""),
        ]).ToList();
        blocks.Add(new Table(
            [new("incident"), new("severity"), new("title"), new("service"), new("opened"), new("TTA", true), new("TTR", true), new("")],
            rows, total > WeeklyReviews.ListedIncidents ? $"and {Count(total - WeeklyReviews.ListedIncidents)} more (all of them: insight metrics incidents --week {r.Week})" : null));
        return blocks;
    }

    private static List<Block> ResponseTimes(WeeklyReview r)
    {
        var rows = r.Response.Rows.Where(x => x.Incidents > 0).ToList();
        if (rows.Count == 0) return [new Paragraph("No incidents, so no response times this week.")];
        var previous = r.PreviousResponse.Rows.ToDictionary(x => x.Group, StringComparer.Ordinal);
        string Last(string group) => previous.TryGetValue(group, out var p) ? Duration(p.TimeToResolve.MedianSeconds) : "n/a";
        return
        [
            new Table(
                [new("severity"), new("incidents", true), new("MTTA median", true), new("MTTA p90", true), new("MTTA mean", true), new("n", true),
                 new("MTTR median", true), new("MTTR p90", true), new("MTTR mean", true), new("n", true), new("MTTR median last week", true), new("open", true)],
                rows.Select(x => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of(x.Group), Of(Count(x.Incidents)),
                    Of(Ack(x, x.TimeToAcknowledge.MedianSeconds)), Of(Ack(x, x.TimeToAcknowledge.P90Seconds)), Of(Ack(x, x.TimeToAcknowledge.MeanSeconds)), Of(Count(x.TimeToAcknowledge.N)),
                    Of(Duration(x.TimeToResolve.MedianSeconds)), Of(Duration(x.TimeToResolve.P90Seconds)), Of(Duration(x.TimeToResolve.MeanSeconds)), Of(Count(x.TimeToResolve.N)),
                    Of(Last(x.Group)), Of(Count(x.Open)),
                ]).ToList(),
                "n: incidents the figure rests on (acknowledged / resolved, with valid times). Figures over fewer than 5 are shaky." +
                (rows.FirstOrDefault(x => x.Group == "all")?.Unknown is { } unknown ? $" Not recorded: {unknown}; those figures are unknown, not zero." : "")),
            BarCharts.DurationsBySeverity("mttr-by-severity", "Time to resolve by severity (this week)", rows.Select(x => x.Group).ToList(),
                rows.Select(x => x.TimeToResolve.MedianSeconds).ToList(), rows.Select(x => x.TimeToResolve.P90Seconds).ToList(),
                "Median and p90 time to resolve per severity this week: " + string.Join("; ", rows.Select(x => $"{x.Group} median {Duration(x.TimeToResolve.MedianSeconds)}, p90 {Duration(x.TimeToResolve.P90Seconds)}")) + "."),
        ];
    }

    /// <summary>An acknowledgement figure, or "not recorded" where no incident of the row's source records acknowledgement.</summary>
    private static string Ack(ResponseRow row, double? seconds) => row.AcknowledgementRecorded == 0 ? "not recorded" : Duration(seconds);

    private static List<Block> NoisyRules(WeeklyReview r)
    {
        var noise = r.Noise.Rows.FirstRow();
        if (r.Advice.Count == 0)
            return [new Paragraph(noise is { Alerts: > 0 } ? $"{Count(noise.Alerts)} alerts this week and none of them noise." : "No alerts this week.")];
        var blocks = new List<Block>
        {
            new Paragraph(noise is null ? "" :
                $"{Count(noise.Alerts)} alerts, {Count(noise.Noise)} of them noise (noise ratio {Percent(noise.NoiseRatio)}). The ten noisiest rules and what to do about each:"),
            NoiseBlocks.Pareto("noise-pareto", r.Advice.Select(a => a.Rule).ToList(), noise?.Noise ?? 0, "this week"),
            NoiseBlocks.RuleTable(r.Advice),
        };
        return blocks;
    }

    private static List<Block> RecurringProblems(WeeklyReview r, TimeZoneInfo zone)
    {
        if (r.RecurringProblems.Rows.Count == 0) return [new Paragraph("No incident this week was the return of a recently resolved problem.")];
        return
        [
            new Paragraph("Problems that came back this week: incidents that are the return of a problem (same service, same title apart from numbers and ids) resolved within the recurrence window before, the most frequent first."),
            new Table([new("service"), new("problem (latest title)"), new("this week", true), new("of which recurrences", true), new("severities"), new("postmortem"), new("action items")],
                r.RecurringProblems.Rows.Select(p => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of(p.Service), Of(p.ExampleTitle ?? p.NormalizedTitle), Of(Count(p.Occurrences)), Of(Count(p.Recurrences)), Of(p.Severities),
                    Of(p.WithPostmortem > 0 ? $"{p.WithPostmortem} of {p.Occurrences}" : "none"),
                    Of(p.ActionItems > 0 ? $"{p.ActionItemsDone} of {p.ActionItems} done" : "none"),
                ]).ToList()),
        ];
    }

    private static List<Block> OnCallLoad(WeeklyReview r)
    {
        var load = r.OnCall.Rows.FirstRow();
        if (load is null || load.Pages == 0) return [new Paragraph("Nobody was paged this week.")];
        var cells = new double[7, 24];
        foreach (var c in r.Load.Rows) cells[c.Weekday - 1, c.Hour] = c.Pages;
        var busiest = r.Load.Rows.MaxBy(c => c.Pages)!;
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        return
        [
            new Cards(
            [
                new Card("Pages", Count(load.Pages), $"{Count(load.Unattributed)} with no recipient in the export", Tone.Neutral),
                new Card("Out of hours", Count(load.OutOfHoursPages), Percent(load.Pages == 0 ? null : (double)load.OutOfHoursPages / load.Pages) + " of pages", Tone.Neutral),
                new Card("Sleep hours", Count(load.SleepPages), Percent(load.Pages == 0 ? null : (double)load.SleepPages / load.Pages) + " of pages", load.SleepPages > 0 ? Tone.Bad : Tone.Good),
                new Card("Responders paged", Count(load.Responders), $"{Number(load.PagesPerResponderWeek)} pages each; top 10% carried {Percent(load.Top10Share)}", Tone.Neutral),
            ]),
            new Table([new("responder"), new("team"), new("pages", true), new("out of hours", true), new("sleep hours", true), new("share", true)],
                r.Responders.Rows.Select(x => (IReadOnlyList<IReadOnlyList<Inline>>)
                    [Of(x.Responder), Of(x.Team), Of(Count(x.Pages)), Of(Count(x.OutOfHoursPages)), Of(Count(x.SleepPages)), Of(Percent(x.Share))]).ToList(),
                "Who carried most of the week's pages."),
            HeatMapChart.HourOfWeek("load-heatmap", $"Pages by hour of the week ({r.TimeZone})", cells,
                $"Pages per local hour and weekday this week; the busiest hour was {days[busiest.Weekday - 1]} {busiest.Hour:00}:00 with {busiest.Pages} pages."),
        ];
    }

    /// <summary>"postmortem", or the action item's key (linked to it in its tool) and title.</summary>
    private static IReadOnlyList<Inline> What(string kind, string? number, string? title, string? url) =>
        kind == "postmortem" ? Of("postmortem")
        : number is null ? Of($"action item: {title}")
        : [new Text("action item "), new Link(number, url), new Text($": {title}")];

    private static List<Block> FollowThroughBlocks(WeeklyReview r, TimeZoneInfo zone)
    {
        var ft = r.FollowThrough.Rows.FirstRow();
        var blocks = new List<Block>();
        if (ft is null) return [new Paragraph("No incidents, so nothing is owed.")];
        var pm = ft.PostmortemDue > 0
            ? $"Postmortems: {Count(ft.PostmortemCompleted)} of {Count(ft.PostmortemDue)} owed are complete ({Percent(ft.PostmortemCompletion)}), {Count(ft.PostmortemOverdue)} overdue."
            : ft.PostmortemUntracked > 0
                ? $"Postmortems: your exports record none for the {Count(ft.PostmortemUntracked)} resolved SEV1-2 incidents (not counted as missing: the source may not track them)."
                : "Postmortems: none were owed (no resolved SEV1-2 incidents).";
        if (ft.PostmortemDue > 0 && ft.PostmortemCompletionTimeKnown > 0)
            pm += $" {Count(ft.PostmortemWithinDue)} were finished within the due period ({Percent(ft.PostmortemWithinDueShare)} of those whose timing is known).";
        var owed = ft.ActionItems - ft.ActionItemsCancelled;
        var items = ft.ActionItems > 0
            ? $"Action items: {Count(ft.ActionItemsDone)} of {Count(owed)} done, {Count(ft.ActionItemsOpen)} open, {Count(ft.ActionItemsOverdue)} overdue" +
              (ft.ActionItemsCancelled > 0 ? $", {Count(ft.ActionItemsCancelled)} dropped" : "") +
              (ft.MedianDaysToComplete is { } days ? $"; done in a median {Number(days)} days" : "") + "."
            : "Action items: none in the exports.";
        var bullets = new List<IReadOnlyList<Inline>> { Of(pm), Of(items) };
        if (owed > 0)
        {
            bullets.Add(Of($"SMART: {Count(ft.SmartItems)} of {Count(owed)} ({Percent(ft.SmartShare)}) have an owner, a due date and a concrete change" +
                (ft.MeasurableJudged < owed ? $" (a done criterion is judged for {Count(ft.MeasurableJudged)}: the others' tools have no field for one)." : " and a done criterion.")));
        }
        blocks.Add(new BulletList(bullets));
        if (r.Overdue.Rows.Count > 0)
        {
            blocks.Add(new Table([new("what"), new("owner"), new("incident"), new("severity"), new("title"), new("due"), new("days overdue", true)],
                r.Overdue.Rows.Select(o => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    What(o.Kind, o.ItemNumber, o.ItemTitle, o.ItemUrl), Of(o.Owner ?? "nobody"),
                    Of(new Link(o.IncidentNumber ?? o.IncidentExternalId, o.Url)), Of(o.Severity), Of(o.IncidentTitle), Of(Date(o.DueAt, zone)), Of(Number(o.OverdueDays)),
                ]).ToList(),
                "Overdue now, the most overdue first (all incidents, not only this week's)."));
        }
        if (r.DueNext is { Rows.Count: > 0 } due)
        {
            blocks.Add(new Table([new("what"), new("owner"), new("incident"), new("severity"), new("title"), new("due")],
                due.Rows.Select(o => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    What(o.Kind, o.ItemNumber, o.ItemTitle, o.ItemUrl), Of(o.Owner ?? "nobody"),
                    Of(new Link(o.IncidentNumber ?? o.IncidentExternalId, o.Url)), Of(o.Severity), Of(o.IncidentTitle), Of(Date(o.DueAt, zone)),
                ]).ToList(),
                $"Due in the week of this review ({Date(r.To, zone)} to {Date(r.To.AddDays(7), zone)}), not done yet."));
        }
        return blocks;
    }

    private static List<Block> LearningBlocks(WeeklyReview r)
    {
        if (r.Learning is not { } l) return [new Paragraph("The learning layer was not run for this review (--no-learning).")];
        var blocks = new List<Block>
        {
            new Paragraph("From the learning layer (docs/models.md), trained on the whole store: weeks whose counts are abnormal for their series, incidents abnormal for their severity, and the forecast."),
        };
        if (l.WeeklyFlags.Count == 0 && l.IncidentFlags.Count == 0) blocks.Add(new Paragraph("Nothing abnormal was flagged this week."));
        if (l.WeeklyFlags.Count > 0)
            blocks.Add(new Table([new("series"), new("observed", true), new("expected", true), new("normal range", true), new("why")],
                l.WeeklyFlags.Select(f => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of($"{f.Measure}, {(f.Dimension == "all" ? "all" : $"{f.Dimension} {f.Key}")}"), Of(Count(f.Observed)), Of(Number(f.Expected)),
                    Of($"{Number(f.Low)}–{Number(f.High)}"), Of(f.Why),
                ]).ToList()));
        if (l.IncidentFlags.Count > 0)
            blocks.Add(new Table([new("incident"), new("severity"), new("title"), new("service"), new("why")],
                l.IncidentFlags.Select(f => (IReadOnlyList<IReadOnlyList<Inline>>)
                    [Of(new Link(f.Number ?? f.ExternalId, f.Url)), Of(f.Severity), Of(f.Title), Of(f.Service), Of(f.Why)]).ToList()));
        if (l.Forecast is { } s)
        {
            var history = s.History.TakeLast(26).Select(h => (h.Week, (double)h.Count)).ToList();
            var points = s.Points.Select(p => (p.Week, p.Forecast, p.Low, p.High)).ToList();
            blocks.Add(TimeCharts.Forecast("forecast-incidents", "Incidents per week: observed and forecast", "incidents", history, points,
                "Weekly incidents of the last 26 weeks and the forecast" + (s.Method == "model" ? "" : $" (by {s.Method}, which the model does not beat)") +
                " for the next " + points.Count + " weeks: " +
                string.Join(", ", s.Points.Select(p => $"{p.Week:yyyy-MM-dd} {Number(p.Forecast)} ({Number(Math.Max(0, p.Low))}–{Number(p.High)})")) + "."));
            blocks.Add(new Paragraph(l.ForecastVerdict));
        }
        else
        {
            blocks.Add(new Paragraph("Too little history for a forecast (at least 8 weeks)."));
        }
        return blocks;
    }

    private static List<Block> About(WeeklyReview r) =>
    [
        new BulletList(
        [
            [new Text($"Scope: incidents and alerts created in {r.Week} in {r.TimeZone}{ScopeText.Filters(r.Service, r.Team, r.Severity)}; open incidents' ages and overdue items are measured at the data's as-of instant.")],
            [new Text("Definitions: docs/metrics.md. MTTA and MTTR are reported as median, p90 and mean, with the number of incidents they rest on.")],
            [new Text($"Computed with {InsightEngine.Reporting.SettingsText.All(r.Headline.Scope.Settings)} (insight.yaml, the environment or the command line: docs/configuration.md).")],
            [new Text($"The same figures from the command line: insight metrics response --from {r.From.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} --to {r.To.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} --timezone {r.TimeZone} (and noise, noisy-alerts, oncall, incidents ... with the same period); insight metrics deltas --week {r.Week} --timezone {r.TimeZone}.")],
        ]),
    ];
}

/// <summary>The weekly review's section ids: what the dashboard and links pick sections by (headings are for people).</summary>
public static class WeeklySections
{
    /// <summary>The summary sentences and the headline cards.</summary>
    public const string Summary = "summary";

    /// <summary>Trend charts.</summary>
    public const string Trends = "trends";

    /// <summary>The week's incidents.</summary>
    public const string Incidents = "incidents";

    /// <summary>Response times by severity.</summary>
    public const string Response = "response";

    /// <summary>The noisiest alert rules.</summary>
    public const string NoisyRules = "noisy-rules";

    /// <summary>Recurring problems.</summary>
    public const string Recurring = "recurring";

    /// <summary>On-call load.</summary>
    public const string OnCall = "oncall";

    /// <summary>Postmortems and action items.</summary>
    public const string FollowThrough = "follow-through";

    /// <summary>Anomalies and the forecast.</summary>
    public const string Learning = "learning";

    /// <summary>How the figures were computed.</summary>
    public const string About = "about";
}
