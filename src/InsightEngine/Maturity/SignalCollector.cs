using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Store;

namespace InsightEngine.Maturity;

/// <summary>
/// Computes the evidence table of docs/maturity.md for one period, from the metric catalogue (the same numbers the
/// CLI, API and reports show) plus <c>Maturity/Sql/ownership.sql</c>; each signal names the query it came from.
/// </summary>
public static class SignalCollector
{
    /// <summary>Who leads incidents.</summary>
    public const string OwnershipQuery = "Maturity/Sql/ownership.sql";

    /// <summary>The high severities the response and learning signals look at.</summary>
    public const string HighSeverity = "SEV1,SEV2";

    private sealed record OwnershipRow(string? TopTeam, long TopTeamIncidents, long WithTeam, long Teams, double? TopTeamShare);

    /// <summary>Every data signal over [<paramref name="from"/>, <paramref name="to"/>), scope and thresholds from <paramref name="request"/>.</summary>
    public static List<MaturitySignal> Collect(InsightStore store, MetricRequest request, DateTimeOffset from, DateTimeOffset to)
    {
        var r = request with { Period = new Period(from, to), By = "all" };
        var high = r with { Severity = HighSeverity };
        var signals = new List<MaturitySignal>();
        void Add(string id, double? value, long n, string unit, string source, string? detail = null) =>
            signals.Add(new MaturitySignal(id, n > 0 ? value : null, n, unit, "data", source, from, to, detail));

        var ownership = MetricQueries.Run(store, OwnershipQuery, r, MetricQueries.Scope(store, r, OwnershipQuery), "all",
            MetricQueries.ByName<OwnershipRow>()).Single();
        Add("top_team_share", ownership.TopTeamShare, ownership.WithTeam, "share", OwnershipQuery,
            ownership.TopTeam is null ? null : $"{ownership.TopTeam} ({ownership.TopTeamIncidents} of {ownership.WithTeam})");

        var frequency = Frequency.Compute(store, r).Rows.Single(x => x.Week == "all");
        var known = frequency.Incidents - frequency.Unknown;
        Add("low_severity_share", frequency.LowSeverityShare, known, "share", Frequency.QueryPath);
        Add("severity_coverage", frequency.Incidents == 0 ? null : known / (double)frequency.Incidents, frequency.Incidents, "share", Frequency.QueryPath);

        var declaration = Declaration.Compute(store, r).Rows.Single(x => x.Group == "all");
        Add("top3_declarer_share", declaration.Top3Share, declaration.WithDeclarer, "share", Declaration.QueryPath,
            $"{declaration.Declarers} distinct declarers");
        Add("outside_engineering_share", declaration.OutsideEngineeringShare, declaration.WithDeclarer, "share", Declaration.QueryPath,
            $"{declaration.OutsideEngineering} of {declaration.WithDeclarer}");
        var detected = declaration.Human + declaration.Automatic;
        Add("automatic_share", detected == 0 ? null : declaration.Automatic / (double)detected, detected, "share", Declaration.QueryPath);

        var noise = Noise.Compute(store, r).Rows.Single(x => x.Group == "all");
        Add("alerts_per_incident", frequency.Incidents == 0 ? null : noise.Alerts / (double)frequency.Incidents, frequency.Incidents, "ratio", Noise.QueryPath,
            $"{noise.Alerts} alerts");
        Add("noise_ratio", noise.NoiseRatio, noise.Alerts - noise.Open, "share", Noise.QueryPath, $"{noise.Noise} of {noise.Alerts - noise.Open} alerts");

        var response = Response.Compute(store, high).Rows.Single(x => x.Group == "all");
        Add("tta_median_high", response.TimeToAcknowledge.MedianSeconds, response.TimeToAcknowledge.N, "seconds", Response.QueryPath);
        Add("ttm_median_high", response.TimeToMitigate.MedianSeconds, response.TimeToMitigate.N, "seconds", Response.QueryPath);
        Add("ttr_median_high", response.TimeToResolve.MedianSeconds, response.TimeToResolve.N, "seconds", Response.QueryPath);
        Add("ttr_p90_high", response.TimeToResolve.P90Seconds, response.TimeToResolve.N, "seconds", Response.QueryPath);

        var follow = FollowThrough.Compute(store, r).Rows.Single(x => x.Group == "all");
        Add("postmortem_completion", follow.PostmortemCompletion, follow.PostmortemDue, "share", FollowThrough.QueryPath,
            $"{follow.PostmortemCompleted} of {follow.PostmortemDue}");
        Add("postmortem_on_time", follow.PostmortemCompletionTimeKnown == 0 ? null : follow.PostmortemWithinDue / (double)follow.PostmortemCompletionTimeKnown,
            follow.PostmortemCompletionTimeKnown, "share", FollowThrough.QueryPath);
        Add("action_item_completion", follow.ActionItems == 0 ? null : follow.ActionItemsDone / (double)follow.ActionItems, follow.ActionItems, "share",
            FollowThrough.QueryPath, $"{follow.ActionItemsDone} of {follow.ActionItems}");

        var recurrence = Recurrence.Compute(store, r).Rows.Single(x => x.Group == "all");
        Add("recurrence_rate", recurrence.RecurrenceRate, recurrence.Incidents, "share", Recurrence.QueryPath,
            $"{recurrence.Recurrences} of {recurrence.Incidents}");

        // Trends: the second half of the period against the first (each half with its own n).
        var middle = from + (to - from) / 2;
        var early = Recurrence.Compute(store, r with { Period = new Period(from, middle) }).Rows.Single(x => x.Group == "all");
        var late = Recurrence.Compute(store, r with { Period = new Period(middle, to) }).Rows.Single(x => x.Group == "all");
        Add("recurrence_trend", late.RecurrenceRate - early.RecurrenceRate, Math.Min(early.Incidents, late.Incidents), "points", Recurrence.QueryPath,
            $"{Pct(early.RecurrenceRate)} → {Pct(late.RecurrenceRate)}");
        var earlyTtr = Response.Compute(store, high with { Period = new Period(from, middle) }).Rows.Single(x => x.Group == "all").TimeToResolve;
        var lateTtr = Response.Compute(store, high with { Period = new Period(middle, to) }).Rows.Single(x => x.Group == "all").TimeToResolve;
        Add("ttr_trend", lateTtr.MedianSeconds / earlyTtr.MedianSeconds - 1, Math.Min(earlyTtr.N, lateTtr.N), "change", Response.QueryPath,
            $"{Format.Duration(earlyTtr.MedianSeconds)} → {Format.Duration(lateTtr.MedianSeconds)}");

        var oncall = OnCall.Compute(store, r).Rows.Single(x => x.Group == "all");
        Add("top10_load_share", oncall.Top10Share, oncall.Pages - oncall.Unattributed, "share", OnCall.QueryPath,
            $"{oncall.Responders} responders");
        return signals;
    }

    private static string Pct(double? share) => share is { } s ? Format.Value(s, "share") : "n/a";
}
