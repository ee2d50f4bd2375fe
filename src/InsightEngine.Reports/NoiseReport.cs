using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Store;
using static InsightEngine.Reports.Document.Cells;

namespace InsightEngine.Reports;

/// <summary>
/// The noisy-alert report a team prunes its alerting with: noise overall and per service, the ranked rules with their
/// volume week by week, noise kinds, out-of-hours share, the action to take, and the pages pruning would save.
/// Default period: the 12 ISO weeks up to and including the last complete one (or <c>--week</c>).
/// </summary>
public sealed record NoiseReport(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, string TimeZone, string? Service, string? Team, string? Severity,
    IReadOnlyList<string> Summary,
    MetricReport<NoiseRow> Overall,
    MetricReport<NoiseRow> ByService,
    MetricReport<NoisyAlertRow> Rules,
    IReadOnlyList<AdvisedRule> Advice,
    MetricReport<NoisyRuleWeekRow> Weekly,
    long PagesSaved, long SleepPagesOfListedRules);

/// <summary>Builds the noise report.</summary>
public static class NoiseReports
{
    /// <summary>Weeks covered when no period is given.</summary>
    public const int DefaultWeeks = 12;

    /// <summary>Computes the report over the request's period, or the default 12 weeks.</summary>
    public static NoiseReport Build(InsightStore store, ReportOptions options)
    {
        using var session = new AnalysisSession(store);
        return Build(session, options);
    }

    /// <summary>Builds the report in <paramref name="session"/>.</summary>
    public static NoiseReport Build(AnalysisSession session, ReportOptions options)
    {
        var store = session.Store;
        var request = options.Request;
        request.Validate();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.Options.TimeZone);
        var asOf = request.AsOf ?? MetricQueries.DataAsOf(store);
        var period = request.Period;
        if (period.From is null && period.To is null)
        {
            var lastMonday = request.Week is { } w ? Deltas.ParseWeek(w) : Deltas.LastCompleteWeek(asOf, zone);
            period = new Period(Deltas.StartOf(lastMonday.AddDays(-7 * (DefaultWeeks - 1)), zone), Deltas.StartOf(lastMonday.AddDays(7), zone));
        }
        var scoped = request with { AsOf = asOf, Period = period, By = null };
        using var shared = session.Materialize(scoped, MetricQueries.Scope(store, scoped, "(noise report)"));
        var overall = Noise.Compute(session, scoped with { By = "all" });
        var byService = Noise.Compute(session, scoped with { By = "service" });
        var rules = Noise.Noisiest(session, scoped with { Limit = options.Top });
        var weekly = Lists.NoisyWeekly(session, scoped with { Limit = options.Top });
        var advice = rules.Rows.Select(r => new AdvisedRule(r, NoiseAdvice.For(r))).ToList();
        var from = period.From ?? rules.Rows.Select(r => r.FirstSeen).DefaultIfEmpty(asOf).Min();
        var to = period.To ?? asOf;
        var report = new NoiseReport(from, to, asOf, request.Options.TimeZone, request.Service, request.Team, request.Severity, [],
            overall, byService, rules, advice, weekly, rules.Rows.Sum(r => r.NoisePages), rules.Rows.Sum(r => r.SleepPages));
        return report with { Summary = Summarize(report) };
    }

    private static List<string> Summarize(NoiseReport r)
    {
        var lines = new List<string>();
        var all = r.Overall.Rows.FirstRow();
        if (all is null || all.Alerts == 0) return ["No alerts in this period."];
        lines.Add($"{Count(all.Alerts)} alerts, {Count(all.Noise)} of them noise: a noise ratio of {Percent(all.NoiseRatio)}" +
                  $" ({Count(all.Flapping)} flapping, {Count(all.Duplicate)} duplicate, {Count(all.AutoResolved)} auto-resolved, " +
                  $"{Count(all.NeverAcked)} never acknowledged, {Count(all.Brief)} brief).");
        if (r.Rules.Rows.Count > 0)
        {
            var noiseOfListed = r.Rules.Rows.Sum(x => x.Noise);
            lines.Add($"The {r.Rules.Rows.Count} noisiest rules raised {Count(noiseOfListed)} of the noise alerts ({Percent(all.Noise == 0 ? null : (double)noiseOfListed / all.Noise)}). " +
                      $"Pruning them would have saved {Count(r.PagesSaved)} pages.");
            var actions = r.Advice.GroupBy(a => a.Advice.Action).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
            lines.Add($"Suggested: {string.Join(", ", actions)}.");
        }
        var worst = r.ByService.Rows.Where(x => x.Alerts >= 20 && x.NoiseRatio is not null).OrderByDescending(x => x.NoiseRatio).FirstOrDefault();
        if (worst is not null) lines.Add($"The noisiest service is {worst.Group}: {Percent(worst.NoiseRatio)} of its {Count(worst.Alerts)} alerts were noise.");
        return lines;
    }
}
