using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using static InsightEngine.Reports.Document.Cells;

namespace InsightEngine.Reports;

/// <summary>Lays the noise report out: summary, Pareto, rules with actions, volume over time, noise per service.</summary>
public static class NoiseReportDocument
{
    /// <summary>Rules drawn in the volume-over-time chart (the table has all).</summary>
    public const int ChartedRules = 5;

    /// <summary>The report as a document.</summary>
    public static ReportDocument Create(NoiseReport r)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
        var subtitle = $"Alerts created {Date(r.From, zone)} to {Date(r.To.AddSeconds(-1), zone)} ({r.TimeZone}){ScopeText.Filters(r.Service, r.Team, r.Severity)}. Data as of {DateTime(r.AsOf, zone)}.";
        var all = r.Overall.Rows.FirstRow();
        var sections = new List<Section>
        {
            new("Summary", [new BulletList(r.Summary.Select(s => (IReadOnlyList<Inline>)[new Text(s)]).ToList())]),
        };
        if (r.Advice.Count > 0)
        {
            var weeks = r.Weekly.Rows.Select(x => x.Week).Distinct(StringComparer.Ordinal).ToList();
            var byRule = r.Weekly.Rows.GroupBy(x => x.Rank).ToDictionary(g => g.Key, g => g.OrderBy(x => x.WeekStart).ToList());
            sections.Add(new("Where the noise comes from",
            [
                NoiseBlocks.Pareto("noise-pareto", r.Rules.Rows, all?.Noise ?? 0, "in the period"),
                new Paragraph("Bars: noise alerts of each rule (by rank, as in the table below). Line: the share of all noise alerts the rules up to that rank account for; where it flattens, pruning further rules saves little."),
            ]));
            sections.Add(new("Rules to prune", [NoiseBlocks.RuleTable(r.Advice)]));
            sections.Add(new("Volume over time",
            [
                TimeCharts.Lines("rule-volume", $"Weekly alerts of the {Math.Min(ChartedRules, r.Advice.Count)} noisiest rules", "alerts per week", weeks,
                    r.Advice.Take(ChartedRules).Select(a => ($"#{a.Rule.Rank} {a.Rule.Rule}",
                        (IReadOnlyList<double?>)(byRule.TryGetValue(a.Rule.Rank, out var w) ? w.Select(x => (double?)x.Alerts).ToList() : []))).ToList(),
                    "Weekly alert counts of the noisiest rules: " + string.Join("; ", r.Advice.Take(ChartedRules).Select(a =>
                        $"#{a.Rule.Rank} {a.Rule.Rule} {Weeks(byRule, a.Rule.Rank).Sum()} in all, at most {Weeks(byRule, a.Rule.Rank).DefaultIfEmpty(0).Max()} a week")) + "."),
                new Table([new("#", true), new("rule"), new("weekly alerts, oldest to newest"), new("first seen"), new("last seen"), new("median open", true)],
                    r.Advice.Select(a => (IReadOnlyList<IReadOnlyList<Inline>>)
                    [
                        Of(Count(a.Rule.Rank)), Of(a.Rule.Rule), Of(Spark(Weeks(byRule, a.Rule.Rank))), Of(Date(a.Rule.FirstSeen, zone)), Of(Date(a.Rule.LastSeen, zone)),
                        Of(Duration(a.Rule.MedianOpenSeconds)),
                    ]).ToList(),
                    "A rule whose weekly count is rising needs attention first; one that stopped may already be fixed."),
            ]));
        }
        sections.Add(new("Noise by service",
        [
            r.ByService.Rows.Count == 0 ? new Paragraph("No alerts in this period.") :
            new Table([new("service"), new("alerts", true), new("noise", true), new("noise ratio", true), new("flapping", true), new("duplicate", true),
                       new("auto-resolved", true), new("never acked", true), new("brief", true), new("out of hours", true)],
                r.ByService.Rows.Where(x => x.Group != "all").OrderByDescending(x => x.Noise).Select(x => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of(x.Group), Of(Count(x.Alerts)), Of(Count(x.Noise)), Of(Percent(x.NoiseRatio)), Of(Count(x.Flapping)), Of(Count(x.Duplicate)),
                    Of(Count(x.AutoResolved)), Of(Count(x.NeverAcked)), Of(Count(x.Brief)), Of(Percent(x.OutOfHoursShare)),
                ]).ToList()),
        ]));
        sections.Add(new("How noise is judged",
        [
            new BulletList(
            [
                [new Text("Noise: an alert nobody needed to act on: flapping (re-fired within the flap window), duplicate (folded repeats), auto-resolved (cleared by itself within minutes), never acknowledged, or brief (acknowledged and closed at once). Actionable: linked to an incident or acknowledged and worked on. docs/metrics.md has the thresholds.")],
                [new Text("Actions: delete (nobody ever acted on it), raise threshold (flapping or self-clearing), group (repeats of one problem), route elsewhere (not worth waking someone: a ticket or chat instead).")],
                [new Text("Pages saved: the notifications the rule's noise alerts sent in the period.")],
                [new Text($"Computed with {InsightEngine.Reporting.SettingsText.All(r.Overall.Scope.Settings)} (docs/configuration.md).")],
            ]),
        ]));
        return new ReportDocument($"noise-report-{Date(r.To.AddSeconds(-1), zone)}", "Noisy-alert report", subtitle, sections);
    }

    private static IReadOnlyList<long> Weeks(Dictionary<long, List<Analysis.Metrics.NoisyRuleWeekRow>> byRule, long rank) =>
        byRule.TryGetValue(rank, out var w) ? w.Select(x => x.Alerts).ToList() : [];
}
