using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Postmortem and action-item follow-through of one group.</summary>
/// <param name="Group">The group key.</param>
/// <param name="PostmortemDue">Resolved SEV1-2 incidents from sources that record postmortems.</param>
/// <param name="PostmortemUntracked">Resolved SEV1-2 incidents whose source records no postmortems (not counted as missing).</param>
/// <param name="PostmortemCompleted">Due ones with a completed postmortem.</param>
/// <param name="PostmortemCompletion">Completed / due.</param>
/// <param name="CompletedByLink">Completed ones that rest on a linked document alone.</param>
/// <param name="PostmortemCompletionTimeKnown">Due ones whose completion time is known.</param>
/// <param name="PostmortemWithinDue">Completed within postmortem_due of the resolve.</param>
/// <param name="PostmortemOverdue">Not completed, resolved more than postmortem_due before as-of.</param>
/// <param name="ActionItems">Action items linked to incidents in scope.</param>
/// <param name="ActionItemsDone">Of which done.</param>
/// <param name="ActionItemsOverdue">Not done and past their due date.</param>
/// <param name="MedianDaysToComplete">Median days from creation to completion.</param>
public sealed record FollowThroughRow(
    string Group, long PostmortemDue, long PostmortemUntracked, long PostmortemCompleted, [property: Column(ColumnKind.Share)] double? PostmortemCompletion, long CompletedByLink,
    long PostmortemCompletionTimeKnown, long PostmortemWithinDue, long PostmortemOverdue,
    long ActionItems, long ActionItemsDone, long ActionItemsOverdue, double? MedianDaysToComplete);

/// <summary>Learning follow-through: <c>follow_through.sql</c>.</summary>
public static class FollowThrough
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/follow_through.sql";

    /// <summary>Computes follow-through per group.</summary>
    public static MetricReport<FollowThroughRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<FollowThroughRow>(session, request, "follow-through", QueryPath);
}
