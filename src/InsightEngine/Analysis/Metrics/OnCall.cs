using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>On-call load of one group.</summary>
/// <param name="Group">The group key.</param>
/// <param name="Pages">Pages (incidents, and alerts not part of an incident).</param>
/// <param name="Unattributed">Pages whose export names no recipient.</param>
/// <param name="Responders">Distinct recipients.</param>
/// <param name="OutOfHoursPages">Outside business hours (evenings, weekends, sleep hours).</param>
/// <param name="SleepPages">In sleep hours.</param>
/// <param name="Weeks">ISO weeks the scope spans.</param>
/// <param name="PagesPerResponderWeek">Attributed pages / (responders × weeks).</param>
/// <param name="MaxResponderPages">The most pages one responder received.</param>
/// <param name="Top10Share">Share of attributed pages received by the top 10% of responders.</param>
public sealed record OnCallRow(
    string Group, long Pages, long Unattributed, long Responders, long OutOfHoursPages, long SleepPages, long Weeks,
    double? PagesPerResponderWeek, long? MaxResponderPages, [property: Column(ColumnKind.Share)] double? Top10Share);

/// <summary>One responder's load.</summary>
/// <param name="Rank">1 = the most pages.</param>
/// <param name="Responder">The responder key (lower-case name; e-mails become names).</param>
/// <param name="Team">The team of most of their pages.</param>
/// <param name="Pages">Pages received.</param>
/// <param name="IncidentPages">Of which incidents.</param>
/// <param name="AlertPages">Of which alerts.</param>
/// <param name="OutOfHoursPages">Outside business hours.</param>
/// <param name="SleepPages">In sleep hours.</param>
/// <param name="WeeksPaged">Weeks with at least one page.</param>
/// <param name="PeakWeekPages">The most in one week.</param>
/// <param name="Share">Share of all attributed pages.</param>
public sealed record ResponderRow(
    long Rank, string Responder, string? Team, long Pages, long IncidentPages, long AlertPages, long OutOfHoursPages, long SleepPages,
    long WeeksPaged, long PeakWeekPages, [property: Column(ColumnKind.Share)] double Share);

/// <summary>On-call load: <c>oncall.sql</c> and <c>oncall_responders.sql</c>.</summary>
public static class OnCall
{
    /// <summary>The load query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/oncall.sql";

    /// <summary>The per-responder query.</summary>
    public const string RespondersQueryPath = "Analysis/Sql/metrics/oncall_responders.sql";

    /// <summary>Load per group.</summary>
    public static MetricReport<OnCallRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<OnCallRow>(session, request, "oncall", QueryPath);

    /// <summary>Responders ranked by pages.</summary>
    public static MetricReport<ResponderRow> Responders(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<ResponderRow>(session, request, "oncall-responders", RespondersQueryPath);
}
