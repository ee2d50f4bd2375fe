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
    public static List<MaturitySignal> Collect(AnalysisSession session, MetricRequest request, DateTimeOffset from, DateTimeOffset to)
    {
        var r = request with { Period = new Period(from, to), By = "all" };
        var high = r with { Severity = HighSeverity };
        var signals = new List<MaturitySignal>();
        void Add(string id, double? value, long n, string unit, string source, string? detail = null) =>
            signals.Add(new MaturitySignal(id, n > 0 ? value : null, n, unit, "data", source, from, to, detail));

        var ownership = MetricQueries.Run(session, OwnershipQuery, r, MetricQueries.Scope(session.Store, r, OwnershipQuery), "all",
            MetricQueries.ByName<OwnershipRow>()).Single();
        Add("top_team_share", ownership.TopTeamShare, ownership.WithTeam, "share", OwnershipQuery,
            ownership.TopTeam is null ? null : $"{ownership.TopTeam} ({ownership.TopTeamIncidents} of {ownership.WithTeam})");

        var frequency = Frequency.Compute(session, r).Rows.SingleOrDefault(x => x.Week == "all") ?? new FrequencyRow("all", null, "all", 0, 0, 0, 0, 0, 0, 0, null, null, null);
        var known = frequency.Incidents - frequency.Unknown;
        Add("low_severity_share", frequency.LowSeverityShare, known, "share", Frequency.QueryPath);
        Add("severity_coverage", frequency.Incidents == 0 ? null : known / (double)frequency.Incidents, frequency.Incidents, "share", Frequency.QueryPath);

        var declaration = Declaration.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all") ?? new DeclarationRow("all", 0, 0, 0, null, 0, null, 0, 0, 0, 0, null);
        Add("top3_declarer_share", declaration.Top3Share, declaration.WithDeclarer, "share", Declaration.QueryPath,
            $"{declaration.Declarers} distinct declarers");
        // Declarers with no group are placed by the on-rota proxy (never paged = outside engineering): an inference, so
        // the signal is marked "proxy" (half weight as evidence, and never enough on its own to lift a stage: see
        // Assessor). With no paging data at all they cannot be placed and are left out (outside_unknown).
        var placed = declaration.WithDeclarer - declaration.OutsideUnknown;
        signals.Add(new MaturitySignal("outside_engineering_share", placed > 0 ? declaration.OutsideEngineeringShare : null, placed, "share",
            declaration.OutsideByProxy > 0 ? MaturitySignal.Proxy : "data", Declaration.QueryPath, from, to,
            $"{declaration.OutsideEngineering} of {placed}" +
            (declaration.OutsideByProxy > 0 ? $", {declaration.OutsideByProxy} of them by the on-rota proxy (declarers never paged)" : "") +
            (declaration.OutsideUnknown > 0 ? $"; {declaration.OutsideUnknown} declarers cannot be placed (no paging data)" : "")));
        var detected = declaration.Human + declaration.Automatic;
        Add("automatic_share", detected == 0 ? null : declaration.Automatic / (double)detected, detected, "share", Declaration.QueryPath);

        var noise = Noise.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all") ?? new NoiseRow("all", 0, 0, 0, 0, null, 0, 0, 0, 0, 0, null);
        // No alert imported at all is missing data (the alerting tool was not exported), not "no alerting".
        var alertsImported = session.Store.Scalar<long>("SELECT count(*) FROM (SELECT 1 FROM alerts LIMIT 1)") > 0;
        Add("alerts_per_incident", frequency.Incidents == 0 || !alertsImported ? null : noise.Alerts / (double)frequency.Incidents, frequency.Incidents, "ratio", Noise.QueryPath,
            $"{noise.Alerts} alerts");
        Add("noise_ratio", noise.NoiseRatio, noise.Alerts - noise.Open, "share", Noise.QueryPath, $"{noise.Noise} of {noise.Alerts - noise.Open} alerts");

        var response = ResponseOf(session, high);
        Add("tta_median_high", response.TimeToAcknowledge.MedianSeconds, response.TimeToAcknowledge.N, "seconds", Response.QueryPath);
        Add("ttm_median_high", response.TimeToMitigate.MedianSeconds, response.TimeToMitigate.N, "seconds", Response.QueryPath);
        Add("ttr_median_high", response.TimeToResolve.MedianSeconds, response.TimeToResolve.N, "seconds", Response.QueryPath);
        Add("ttr_p90_high", response.TimeToResolve.P90Seconds, response.TimeToResolve.N, "seconds", Response.QueryPath);

        var follow = FollowThrough.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all")
                     ?? new FollowThroughRow("all", 0, 0, 0, null, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0);
        Add("postmortem_completion", follow.PostmortemCompletion, follow.PostmortemDue, "share", FollowThrough.QueryPath,
            $"{follow.PostmortemCompleted} of {follow.PostmortemDue}");
        var onTimeBase = follow.PostmortemDue - (follow.PostmortemCompleted - follow.PostmortemCompletionTimeKnown);
        Add("postmortem_on_time", follow.PostmortemWithinDueShare, onTimeBase, "share", FollowThrough.QueryPath,
            $"{follow.PostmortemWithinDue} of {onTimeBase}");
        var owed = follow.ActionItems - follow.ActionItemsCancelled;
        Add("action_item_completion", owed == 0 ? null : follow.ActionItemsDone / (double)owed, owed, "share",
            FollowThrough.QueryPath, $"{follow.ActionItemsDone} of {owed}");
        Add("action_items_overdue_share", owed == 0 ? null : follow.ActionItemsOverdue / (double)owed, owed, "share",
            FollowThrough.QueryPath, $"{follow.ActionItemsOverdue} of {owed}");
        Add("action_item_smart_share", follow.SmartShare, owed, "share", FollowThrough.QueryPath,
            $"{follow.SmartItems} of {owed}" + (follow.MeasurableJudged < owed ? $" (measurable judged for {follow.MeasurableJudged}: the rest's tool has no acceptance-criterion field)" : ""));

        var recurrence = RecurrenceOf(session, r);
        Add("recurrence_rate", recurrence.RecurrenceRate, recurrence.Incidents - recurrence.Untitled, "share", Recurrence.QueryPath,
            $"{recurrence.Recurrences} of {recurrence.Incidents - recurrence.Untitled} with a title or fingerprint" +
            (recurrence.Untitled > 0 ? $" ({recurrence.Untitled} untitled, left out)" : ""));

        // Trends: the second half of the period against the first (each half with its own n).
        var middle = from + (to - from) / 2;
        var early = RecurrenceOf(session, r with { Period = new Period(from, middle) });
        var late = RecurrenceOf(session, r with { Period = new Period(middle, to) });
        Add("recurrence_trend", late.RecurrenceRate - early.RecurrenceRate, Math.Min(early.Incidents, late.Incidents), "points", Recurrence.QueryPath,
            $"{Pct(early.RecurrenceRate)} → {Pct(late.RecurrenceRate)}");
        var earlyTtr = ResponseOf(session, high with { Period = new Period(from, middle) }).TimeToResolve;
        var lateTtr = ResponseOf(session, high with { Period = new Period(middle, to) }).TimeToResolve;
        Add("ttr_trend", lateTtr.MedianSeconds / earlyTtr.MedianSeconds - 1, Math.Min(earlyTtr.N, lateTtr.N), "change", Response.QueryPath,
            $"{Format.Duration(earlyTtr.MedianSeconds)} → {Format.Duration(lateTtr.MedianSeconds)}");

        var oncall = OnCall.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all") ?? new OnCallRow("all", 0, 0, 0, 0, 0, 0, null, null, null);
        Add("top10_load_share", oncall.Top10Share, oncall.Pages - oncall.Unattributed, "share", OnCall.QueryPath,
            $"{oncall.Responders} responders");
        return signals;
    }

    private static readonly DurationStats NoDurations = new(0, null, null, null);

    private static RecurrenceRow RecurrenceOf(AnalysisSession session, MetricRequest r) =>
        Recurrence.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all") ?? new RecurrenceRow("all", 0, 0, null, 0, 0);

    private static ResponseRow ResponseOf(AnalysisSession session, MetricRequest r) =>
        Response.Compute(session, r).Rows.SingleOrDefault(x => x.Group == "all")
        ?? new ResponseRow("all", null, 0, 0, null, 0, 0, NoDurations, NoDurations, NoDurations, NoDurations, NoDurations, null);

    private static string Pct(double? share) => share is { } s ? Format.Value(s, "share") : "n/a";
}
