using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Recurrence in one group.</summary>
/// <param name="Group">The group key.</param>
/// <param name="Incidents">Incidents in scope.</param>
/// <param name="Recurrences">Those that are the return of a problem resolved within recurrence_window before.</param>
/// <param name="RecurrenceRate">Recurrences / incidents with a title or fingerprint; null when none has one.</param>
/// <param name="Problems">Distinct problems (service + normalized title).</param>
/// <param name="RecurringProblems">Problems with at least one recurrence.</param>
/// <param name="Untitled">Incidents with neither a title nor a fingerprint: not matched to any problem, left out of the rate.</param>
public sealed record RecurrenceRow(string Group, long Incidents, long Recurrences, [property: Column(ColumnKind.Share)] double? RecurrenceRate, long Problems, long RecurringProblems, long Untitled = 0);

/// <summary>A problem that keeps coming back.</summary>
/// <param name="Rank">1 = seen on the most days.</param>
/// <param name="Service">Its service.</param>
/// <param name="Team">Its team.</param>
/// <param name="NormalizedTitle">The fingerprint: the title with numbers, ids and hosts stripped.</param>
/// <param name="ExampleTitle">Its latest incident's title (untrusted text).</param>
/// <param name="DaysSeen">Distinct local days with an occurrence.</param>
/// <param name="Occurrences">Its incidents in scope.</param>
/// <param name="Recurrences">Of which recurrences.</param>
/// <param name="FirstSeen">First occurrence in scope.</param>
/// <param name="LastSeen">Last occurrence in scope.</param>
/// <param name="WithPostmortem">Occurrences with a postmortem linked or recorded.</param>
/// <param name="ActionItems">Action items linked to its incidents.</param>
/// <param name="ActionItemsDone">Of which done.</param>
/// <param name="Severities">Severities seen.</param>
public sealed record RecurringProblemRow(
    long Rank, string? Service, string? Team, string NormalizedTitle, string? ExampleTitle, long DaysSeen, long Occurrences, long Recurrences,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long WithPostmortem, long ActionItems, long ActionItemsDone, string? Severities);

/// <summary>Recurrence: <c>recurrence.sql</c> (rates) and <c>recurring_problems.sql</c> (the top problems).</summary>
public static class Recurrence
{
    /// <summary>The rate query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/recurrence.sql";

    /// <summary>The top-problems query.</summary>
    public const string ProblemsQueryPath = "Analysis/Sql/metrics/recurring_problems.sql";

    /// <summary>Recurrence rate per group.</summary>
    public static MetricReport<RecurrenceRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<RecurrenceRow>(session, request, "recurrence", QueryPath);

    /// <summary>The top recurring problems.</summary>
    public static MetricReport<RecurringProblemRow> TopProblems(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<RecurringProblemRow>(session, request, "recurring-problems", ProblemsQueryPath);
}
