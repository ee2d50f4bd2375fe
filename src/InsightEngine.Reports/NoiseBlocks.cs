using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using static InsightEngine.Reports.Document.Cells;

namespace InsightEngine.Reports;

/// <summary>The noisy-rule table and Pareto chart, shared by the weekly review and the noise report.</summary>
public static class NoiseBlocks
{
    /// <summary>The rules' noise alerts as a Pareto chart against all noise in scope.</summary>
    public static Chart Pareto(string id, IReadOnlyList<NoisyAlertRow> rules, long totalNoise, string period) =>
        BarCharts.Pareto(id, $"Noise alerts per rule, {period}", "noise alerts", rules.Select(r => $"#{r.Rank}").ToList(),
            rules.Select(r => (double)r.Noise).ToList(), totalNoise,
            $"Noise alerts of the {rules.Count} noisiest rules {period}, largest first, with their cumulative share of all {totalNoise} noise alerts: " +
            string.Join("; ", rules.Select(r => $"#{r.Rank} {r.Rule} {r.Noise}")) + ".");

    /// <summary>The ranked rules with their figures and advice.</summary>
    public static Table RuleTable(IReadOnlyList<AdvisedRule> rules) => new(
        [new("#", true), new("rule"), new("service"), new("alerts", true), new("noise", true), new("kind"), new("out of hours", true),
         new("sleep pages", true), new("pages saved", true), new("what to do")],
        rules.Select(a => (IReadOnlyList<IReadOnlyList<Inline>>)
        [
            Of(Count(a.Rule.Rank)), Of(a.Rule.Rule), Of(a.Rule.Service), Of(Count(a.Rule.Alerts)), Of(Percent(a.Rule.NoiseShare)),
            Of((a.Rule.DominantNoiseKind ?? "").Replace('_', ' ')), Of(Percent(a.Rule.OutOfHoursShare)), Of(Count(a.Rule.SleepPages)),
            Of(Count(a.Rule.NoisePages)), Of(new Strong(a.Advice.Action), new Text(": " + a.Advice.Reason)),
        ]).ToList(),
        "noise: share of its classed alerts that were noise; pages saved: notifications its noise alerts sent, which pruning it would have spared.");
}
