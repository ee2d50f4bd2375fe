using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports;

/// <summary>What to do about a noisy alert rule: one action and the reason, from its noise kind and history.</summary>
/// <param name="Action">delete | raise threshold | group | route elsewhere | review.</param>
/// <param name="Reason">Why, in the rule's own figures.</param>
public sealed record RuleAdvice(string Action, string Reason);

/// <summary>
/// Turns a rule's noise profile into the pruning action a team would take (docs/metrics.md "Alert noise" names the
/// kinds). The mapping is deliberately simple and explained in each reason, so a reader can disagree with it.
/// </summary>
public static class NoiseAdvice
{
    /// <summary>Advice for one rule of the noisy-alert list.</summary>
    public static RuleAdvice For(NoisyAlertRow rule)
    {
        var share = rule.NoiseShare ?? 0;
        var noise = $"{Cells.Count(rule.Noise)} of {Cells.Count(rule.Alerts)} alerts were noise";
        if (share >= 0.95 && rule.DominantNoiseKind is "never_acked" or "auto_resolved")
            return new("delete", $"{noise} and nobody acted on any: it pages without a purpose. Delete it, or turn it into a dashboard signal.");
        return rule.DominantNoiseKind switch
        {
            "flapping" => new("raise threshold", $"{noise}, mostly flapping (re-firing within the flap window): add hysteresis or a longer evaluation window."),
            "duplicate" => new("group", $"{noise}, mostly repeats the source folded together: group by a stable dedup key so one problem pages once."),
            "auto_resolved" => new("raise threshold", $"{noise}, mostly clearing on their own within minutes: raise the threshold or require the condition for longer."),
            "never_acked" => new("route elsewhere", $"{noise}, mostly closed without acknowledgement: route it to a ticket queue or chat, not a pager."),
            "brief" => new("route elsewhere", $"{noise}, mostly acknowledged and closed within minutes: make it a low-urgency notification."),
            _ => new("review", $"{noise}: review who it pages and why."),
        };
    }
}
