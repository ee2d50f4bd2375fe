#!/usr/bin/env dotnet
#:project ../src/InsightEngine.Reports/InsightEngine.Reports.csproj
// 03 · Find and prune noisy alerts
//
// Which alert rules wake people for nothing, how much would pruning them save, and how sensitive is the answer to the
// thresholds that decide what counts as noise? (Definitions: docs/metrics.md, "Alert noise".)
//
//   dotnet run notebooks/03-noisy-alerts.cs                          # the sample, imported into memory
//   dotnet run notebooks/03-noisy-alerts.cs -- --db insight.duckdb   # your own store
//
// It prints its narrative and figures and writes notebooks/output/03-noisy-alerts.html (and .md with its charts,
// .figures.json). The figures are the engine's (Noise, Lists, OnCall, NoiseAdvice): `insight metrics noise`,
// `insight metrics noisy-alerts` and `insight report noise` give the same; a test runs this file on the sample.
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Walkthroughs;

using var page = Walkthrough.Start(args, "03-noisy-alerts", "03 · Find and prune noisy alerts",
    "Which alert rules wake people for nothing, how much would pruning them save, and how sensitive is the answer to the thresholds?");
var (session, request) = (page.Session, page.Request);

// ── Noise by service ────────────────────────────────────────────────────────────────────────────────────────────────
// An alert is actionable when it is linked to an incident, or acknowledged and open at least 5 minutes; noise when it
// closed without that (flapping, duplicate, auto-resolved, never acknowledged, brief). Open alerts are not classed yet.
page.Section("Noise by service",
    "An alert is actionable when it is linked to an incident, or acknowledged and open at least the actionable minimum; noise " +
    "when it closed without that (flapping, duplicate, auto-resolved, never acknowledged, brief). Open alerts are not classed " +
    "yet and stay out of the ratio (insight metrics noise --by service).");
var overall = Noise.Compute(session, request with { By = "all" }).Rows.SingleOrDefault();   // none when the store holds no alert
page.Figure("noise_ratio", "Alert noise ratio", overall?.NoiseRatio, "ratio",
    overall is null ? "no alerts imported: import an alert export (Opsgenie, Grafana OnCall, PagerDuty alerts ...) to see noise"
                    : $"{overall.Noise:N0} noise of {overall.Alerts - overall.Open:N0} classed alerts; {overall.Open:N0} still open");
var byService = Noise.Compute(session, request with { By = "service" });
page.Table(byService.Rows.Where(r => r.Group != "all").OrderByDescending(r => r.Noise).Select(r => new
{
    Service = r.Group, r.Alerts, r.Noise, NoiseRatio = Cells.Percent(r.NoiseRatio), r.Flapping, r.AutoResolved, r.NeverAcked,
    OutOfHours = Cells.Percent(r.OutOfHoursShare),
}), max: 15);

// ── The noisiest rules, ranked, with what to do ─────────────────────────────────────────────────────────────────────
// Noise.Noisiest is `insight metrics noisy-alerts`; NoiseAdvice.For is the action the noisy-alert report suggests.
page.Section("The noisiest rules, ranked, with what to do",
    "The ranked list is insight metrics noisy-alerts; the advice is the noisy-alert report's (insight report noise).");
var noisiest = Noise.Noisiest(session, request with { Limit = 15 });
if (noisiest.Rows.Count > 0) page.Figure("top_rule", "Noisiest rule", noisiest.Rows[0].Rule, "text", $"{noisiest.Rows[0].Noise:N0} noise alerts");
page.Table(noisiest.Rows.Select(r => new
{
    r.Rank, r.Rule, r.Alerts, r.Noise, NoiseShare = Cells.Percent(r.NoiseShare), r.DominantNoiseKind, r.Pages, r.NoisePages,
    Advice = NoiseAdvice.For(r).Action,
}));

// ── How much would pruning save? ────────────────────────────────────────────────────────────────────────────────────
// Pages are what people feel: the pages the top rules' noise caused, as a share of every page in the period.
page.Section("How much would pruning save?", "The pages the top 10 rules' noise caused, as a share of every page (insight metrics oncall).");
var oncall = OnCall.Compute(session, request with { By = "all" }).Rows.SingleOrDefault();   // none without a page
var pages = oncall?.Pages ?? 0;
var top10 = noisiest.Rows.Take(10).ToList();
var saved = top10.Sum(r => r.NoisePages);
page.Figure("pages", "Pages", pages, "count");
page.Figure("prunable_pages", "Pages the top 10 rules' noise caused", saved, "count",
    pages > 0 ? $"{Cells.Percent((double)saved / pages)} of all pages; {top10.Sum(r => r.SleepPages):N0} of those rules' pages in sleep hours" : "no pages");
if (noisiest.Rows.Count > 0)
    page.Chart(BarCharts.Pareto("pareto", "Noise by alert rule", "noise alerts",
        noisiest.Rows.Select(r => r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), noisiest.Rows.Select(r => (double)r.Noise).ToList(),
        overall?.Noise ?? 0, "Noise alerts of the 15 noisiest rules (by rank), with the cumulative share of all noise."));

// ── Is the noise steady or a burst? ─────────────────────────────────────────────────────────────────────────────────
// The noisiest rules week by week (`insight metrics noisy-alerts-weekly`): a rule noisy every week wants a threshold or a
// deletion; a burst wants the incident review.
page.Section("Is the noise steady or a burst?",
    "The three noisiest rules week by week (insight metrics noisy-alerts-weekly): noisy every week wants a threshold or a " +
    "deletion; a burst wants the incident review.");
var weekly = Lists.NoisyWeekly(session, request with { Limit = 3 });
var weeks = weekly.Rows.Select(r => r.Week).Distinct().Order(StringComparer.Ordinal).ToList();
var series = weekly.Rows.GroupBy(r => r.Rule)
    .Select(g => (Name: g.Key, Values: (IReadOnlyList<double?>)weeks.Select(w => (double?)(g.FirstOrDefault(r => r.Week == w)?.Noise ?? 0)).ToList()))
    .ToList();
if (weeks.Count > 0)
    page.Chart(TimeCharts.Lines("noisy-weekly", "Noise of the three noisiest rules", "noise alerts per week", weeks, series,
        "Weekly noise alerts of the three noisiest rules."));
page.Table(weekly.Rows.GroupBy(r => r.Rule).Select(g => new { Rule = g.Key, Weeks = g.Count(), Busiest = g.Max(r => r.Noise), Total = g.Sum(r => r.Noise) }));

// ── How sensitive is the answer to the thresholds? ──────────────────────────────────────────────────────────────────
// The thresholds are options (--flap-count, --auto-resolve-window, ... or insight.yaml). They decide an alert's noise
// *kind* more than whether it is noise at all (an unacknowledged alert that closed is noise under any window), so check
// how far the ratio and the five worst rules move before arguing over a threshold.
page.Section("How sensitive is the answer to the thresholds?",
    "The same figures under other thresholds (--flap-count, --auto-resolve-window, --actionable-min-open or insight.yaml): " +
    "check how far the ratio and the five worst rules move before arguing over a threshold.");
var variants = new (string Name, MetricOptions Options)[]
{
    ("the settings'", request.Options),
    ("flap-count 5", request.Options with { FlapCount = 5 }),
    ("auto-resolve-window 2m", request.Options with { AutoResolveWindow = TimeSpan.FromMinutes(2) }),
    ("actionable-min-open 15m", request.Options with { ActionableMinOpen = TimeSpan.FromMinutes(15) }),
};
var top5 = noisiest.Rows.Take(5).Select(r => r.Rule).ToList();
page.Table(variants.Select(v =>
{
    var all = Noise.Compute(session, request with { By = "all", Options = v.Options }).Rows.SingleOrDefault();
    var rank = Noise.Noisiest(session, request with { Limit = 5, Options = v.Options }).Rows.Select(r => r.Rule).ToList();
    return new { Thresholds = v.Name, NoiseRatio = Cells.Percent(all?.NoiseRatio), SameTop5 = $"{rank.Intersect(top5).Count()} of {top5.Count}" };
}));

page.Finish();
