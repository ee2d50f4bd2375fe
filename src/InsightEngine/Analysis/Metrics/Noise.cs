using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Alert noise of one group.</summary>
/// <param name="Group">Service, team, severity, rule (service / rule), week, month, or <c>all</c>.</param>
/// <param name="Alerts">Alerts created in scope.</param>
/// <param name="Actionable">Linked to an incident, or acknowledged and open at least actionable_min_open.</param>
/// <param name="Noise">Noise alerts (the kinds below sum to this).</param>
/// <param name="Open">Still open and unacknowledged: not classed yet.</param>
/// <param name="NoiseRatio">Noise / (actionable + noise).</param>
/// <param name="Flapping">Re-triggered flap_count times within flap_window.</param>
/// <param name="Duplicate">Folded occurrences (count &gt; 1).</param>
/// <param name="AutoResolved">Closed unacknowledged by the source within auto_resolve_window.</param>
/// <param name="NeverAcked">Closed without acknowledgement.</param>
/// <param name="Brief">Acknowledged but closed within actionable_min_open.</param>
/// <param name="OutOfHoursShare">Share created outside business hours.</param>
/// <param name="AlertTtaMedianSeconds">Median time to acknowledge over acknowledged alerts (ours).</param>
/// <param name="AlertTtaCloseAsAckMeanSeconds">Opsgenie's MTTA: a mean in which a close without acknowledgement counts as the acknowledgement.</param>
public sealed record NoiseRow(
    string Group, long Alerts, long Actionable, long Noise, long Open, [property: Column(ColumnKind.Share)] double? NoiseRatio,
    long Flapping, long Duplicate, long AutoResolved, long NeverAcked, long Brief, [property: Column(ColumnKind.Share)] double? OutOfHoursShare,
    [property: Column(ColumnKind.Duration)] double? AlertTtaMedianSeconds = null, [property: Column(ColumnKind.Duration)] double? AlertTtaCloseAsAckMeanSeconds = null);

/// <summary>One alert rule in the ranked noisy-alert list.</summary>
/// <param name="Rank">1 = the noisiest.</param>
/// <param name="Rule">The rule (fingerprint / alias / dedup key, else the normalized title).</param>
/// <param name="Service">Its service.</param>
/// <param name="Team">Its team (the most frequent).</param>
/// <param name="Alerts">Its alerts in scope.</param>
/// <param name="Noise">Of which noise.</param>
/// <param name="NoiseShare">Noise / classed alerts.</param>
/// <param name="DominantNoiseKind">The kind most of its noise has.</param>
/// <param name="OutOfHoursShare">Share of its alerts outside business hours.</param>
/// <param name="MedianOpenSeconds">Median time open.</param>
/// <param name="Pages">Notifications it sent.</param>
/// <param name="OutOfHoursPages">Of which outside business hours.</param>
/// <param name="SleepPages">Of which in sleep hours.</param>
/// <param name="NoisePages">Notifications its noise alerts sent: what pruning it would save.</param>
/// <param name="FirstSeen">First alert in scope.</param>
/// <param name="LastSeen">Last alert in scope.</param>
/// <param name="ExampleTitle">The latest alert's title (untrusted text: escape it).</param>
public sealed record NoisyAlertRow(
    long Rank, string Rule, string? Service, string? Team, long Alerts, long Noise, [property: Column(ColumnKind.Share)] double? NoiseShare, string? DominantNoiseKind,
    [property: Column(ColumnKind.Share)] double? OutOfHoursShare, [property: Column(ColumnKind.Duration)] double? MedianOpenSeconds, long Pages, long OutOfHoursPages, long SleepPages, long NoisePages,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? ExampleTitle);

/// <summary>Alert noise: <c>noise.sql</c> (ratios) and <c>noisy_alerts.sql</c> (the ranked list).</summary>
public static class Noise
{
    /// <summary>The ratio query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/noise.sql";

    /// <summary>The ranked-list query.</summary>
    public const string NoisyQueryPath = "Analysis/Sql/metrics/noisy_alerts.sql";

    /// <summary>Noise ratio and kinds per group.</summary>
    public static MetricReport<NoiseRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<NoiseRow>(session, request, "noise", QueryPath);

    /// <summary>The noisiest alert rules, the top <see cref="MetricRequest.Limit"/>.</summary>
    public static MetricReport<NoisyAlertRow> Noisiest(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<NoisyAlertRow>(session, request, "noisy-alerts", NoisyQueryPath);
}
