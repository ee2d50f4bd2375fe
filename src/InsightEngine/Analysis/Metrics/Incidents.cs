using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>One incident of the list (<c>incident_list.sql</c>).</summary>
/// <param name="Rank">Most severe first, then the earliest.</param>
/// <param name="Source">Its source tool.</param>
/// <param name="ExternalId">Its id there.</param>
/// <param name="Number">Its human number.</param>
/// <param name="Title">Its title (untrusted text: escape it).</param>
/// <param name="Service">Its service.</param>
/// <param name="Team">Its team.</param>
/// <param name="Severity">Canonical severity.</param>
/// <param name="Status">open | acknowledged | resolved | closed.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="TtaSeconds">Time to acknowledge (null: not acknowledged, or impossible times).</param>
/// <param name="TtrSeconds">Time to resolve (null: open, or impossible times).</param>
/// <param name="IsOpen">Still open.</param>
/// <param name="AgeSeconds">Its age at as-of, when open.</param>
/// <param name="IsRecurrence">The return of a recently resolved problem.</param>
/// <param name="Url">The incident in its source tool (untrusted: only http(s) links are followed).</param>
public sealed record IncidentListRow(
    long Rank, string Source, string ExternalId, string? Number, string? Title, string? Service, string? Team, string Severity, string Status,
    DateTimeOffset CreatedAt, [property: Column(ColumnKind.Duration)] double? TtaSeconds, [property: Column(ColumnKind.Duration)] double? TtrSeconds, bool IsOpen, [property: Column(ColumnKind.Duration)] double? AgeSeconds, bool IsRecurrence, string? Url);

/// <summary>Load in one local hour of the week (<c>pages_by_hour.sql</c>).</summary>
/// <param name="Weekday">1 = Monday .. 7 = Sunday.</param>
/// <param name="Hour">0..23, local.</param>
/// <param name="Pages">Pages created in that hour.</param>
/// <param name="Band">business | off_hours | sleep.</param>
public sealed record HourOfWeekRow(long Weekday, long Hour, long Pages, string Band);

/// <summary>A late postmortem or action item (<c>overdue_followups.sql</c>).</summary>
/// <param name="Rank">The most overdue first.</param>
/// <param name="Kind">postmortem | action_item.</param>
/// <param name="Source">The incident's source.</param>
/// <param name="IncidentExternalId">The incident's id.</param>
/// <param name="IncidentNumber">Its human number.</param>
/// <param name="IncidentTitle">Its title (untrusted text).</param>
/// <param name="Service">Its service.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="ItemNumber">The action item's key (OPS-31, PTASK0010001); null for a postmortem.</param>
/// <param name="ItemTitle">The action item's title (untrusted text); null for a postmortem.</param>
/// <param name="Owner">Who owes it: the item's assignee; for a postmortem its record's owner, else the incident's lead or assignee.</param>
/// <param name="DueAt">When it was due.</param>
/// <param name="OverdueDays">Days past due at as-of.</param>
/// <param name="Url">The incident in its source tool.</param>
/// <param name="ItemUrl">The action item in its tool, where it gives one.</param>
public sealed record OverdueRow(
    long Rank, string Kind, string Source, string IncidentExternalId, string? IncidentNumber, string? IncidentTitle, string? Service,
    string Severity, string? ItemNumber, string? ItemTitle, string? Owner, DateTimeOffset DueAt, double OverdueDays, string? Url, string? ItemUrl);

/// <summary>A postmortem or action item falling due in the period (<c>followups_due.sql</c>).</summary>
/// <param name="Rank">The earliest due first.</param>
/// <param name="Kind">postmortem | action_item.</param>
/// <param name="Source">The incident's source.</param>
/// <param name="IncidentExternalId">The incident's id.</param>
/// <param name="IncidentNumber">Its human number.</param>
/// <param name="IncidentTitle">Its title (untrusted text).</param>
/// <param name="Service">Its service.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="ItemNumber">The action item's key; null for a postmortem.</param>
/// <param name="ItemTitle">The action item's title (untrusted text); null for a postmortem.</param>
/// <param name="Owner">Who owes it (as in <see cref="OverdueRow"/>).</param>
/// <param name="DueAt">When it falls due.</param>
/// <param name="Overdue">Already past due at as-of.</param>
/// <param name="Url">The incident in its source tool.</param>
/// <param name="ItemUrl">The action item in its tool, where it gives one.</param>
public sealed record FollowUpDueRow(
    long Rank, string Kind, string Source, string IncidentExternalId, string? IncidentNumber, string? IncidentTitle, string? Service,
    string Severity, string? ItemNumber, string? ItemTitle, string? Owner, DateTimeOffset DueAt, bool Overdue, string? Url, string? ItemUrl);

/// <summary>One week of one of the noisiest rules (<c>noisy_alerts_weekly.sql</c>).</summary>
/// <param name="Rank">The rule's rank in the noisy-alert list.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Service">Its service.</param>
/// <param name="Week">ISO week label.</param>
/// <param name="WeekStart">Its Monday.</param>
/// <param name="Alerts">The rule's alerts that week.</param>
/// <param name="Noise">Of which noise.</param>
/// <param name="Pages">Notifications sent.</param>
public sealed record NoisyRuleWeekRow(long Rank, string Rule, string? Service, string Week, DateOnly WeekStart, long Alerts, long Noise, long Pages);

/// <summary>Lists behind the reports: incidents, the load heat map, overdue follow-through, noisy rules over time.</summary>
public static class Lists
{
    /// <summary>The incident list query.</summary>
    public const string IncidentsQueryPath = "Analysis/Sql/metrics/incident_list.sql";

    /// <summary>The hour-of-week query.</summary>
    public const string HourOfWeekQueryPath = "Analysis/Sql/metrics/pages_by_hour.sql";

    /// <summary>The overdue query.</summary>
    public const string OverdueQueryPath = "Analysis/Sql/metrics/overdue_followups.sql";

    /// <summary>The due-in-the-period query.</summary>
    public const string DueQueryPath = "Analysis/Sql/metrics/followups_due.sql";

    /// <summary>The noisy-rules-by-week query.</summary>
    public const string NoisyWeeklyQueryPath = "Analysis/Sql/metrics/noisy_alerts_weekly.sql";

    /// <summary>Incidents in scope, the most severe first; the top <see cref="MetricRequest.Limit"/>.</summary>
    public static MetricReport<IncidentListRow> Incidents(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<IncidentListRow>(session, request, "incidents", IncidentsQueryPath);

    /// <summary>Pages per local hour of the week, all 168 cells.</summary>
    public static MetricReport<HourOfWeekRow> PagesByHour(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<HourOfWeekRow>(session, request, "pages-by-hour", HourOfWeekQueryPath);

    /// <summary>Overdue postmortems and action items, the most overdue first.</summary>
    public static MetricReport<OverdueRow> Overdue(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<OverdueRow>(session, request, "overdue", OverdueQueryPath);

    /// <summary>Postmortems and action items falling due in the request's period (from / to bound the due time), not done.</summary>
    public static MetricReport<FollowUpDueRow> Due(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<FollowUpDueRow>(session, request, "followups-due", DueQueryPath);

    /// <summary>The top <see cref="MetricRequest.Limit"/> noisy rules, week by week.</summary>
    public static MetricReport<NoisyRuleWeekRow> NoisyWeekly(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<NoisyRuleWeekRow>(session, request, "noisy-alerts-weekly", NoisyWeeklyQueryPath);
}
