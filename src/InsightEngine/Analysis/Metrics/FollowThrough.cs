using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Postmortem and action-item follow-through of one group (<c>follow_through.sql</c> defines each figure).</summary>
/// <param name="Group">The group key.</param>
/// <param name="PostmortemDue">Resolved SEV1-2 incidents from sources that record postmortems.</param>
/// <param name="PostmortemUntracked">Resolved SEV1-2 incidents whose source records no postmortems (not counted as missing).</param>
/// <param name="PostmortemCompleted">Due ones with a completed postmortem (their own, or a linked postmortem record).</param>
/// <param name="PostmortemCompletion">Completed / due.</param>
/// <param name="CompletedByLink">Completed ones that rest on a linked document alone.</param>
/// <param name="PostmortemCompletionTimeKnown">Due ones whose completion time is known.</param>
/// <param name="PostmortemWithinDue">Completed within postmortem_due of the resolve.</param>
/// <param name="PostmortemWithinDueShare">Within due / (due - completed ones without a completion time).</param>
/// <param name="PostmortemOverdue">Not completed, resolved more than postmortem_due before as-of.</param>
/// <param name="ActionItems">Action items counted under incidents in scope.</param>
/// <param name="ActionItemsDone">Of which done.</param>
/// <param name="ActionItemsOpen">Of which open.</param>
/// <param name="ActionItemsCancelled">Of which cancelled (won't do).</param>
/// <param name="ActionItemsOverdue">Open and past their due date.</param>
/// <param name="ActionItemsDoneLate">Done after their due date.</param>
/// <param name="ActionItemsNoDueDate">Not cancelled and without a due date.</param>
/// <param name="MedianDaysToComplete">Median days from creation to completion.</param>
/// <param name="SmartItems">Items (not cancelled) that are assigned, time-bound, specific and, where recorded, measurable.</param>
/// <param name="SmartShare">SMART items / items not cancelled.</param>
/// <param name="MeasurableJudged">Items whose source records an acceptance criterion.</param>
public sealed record FollowThroughRow(
    string Group, long PostmortemDue, long PostmortemUntracked, long PostmortemCompleted, [property: Column(ColumnKind.Share)] double? PostmortemCompletion, long CompletedByLink,
    long PostmortemCompletionTimeKnown, long PostmortemWithinDue, [property: Column(ColumnKind.Share)] double? PostmortemWithinDueShare, long PostmortemOverdue,
    long ActionItems, long ActionItemsDone, long ActionItemsOpen, long ActionItemsCancelled, long ActionItemsOverdue, long ActionItemsDoneLate,
    long ActionItemsNoDueDate, double? MedianDaysToComplete, long SmartItems, [property: Column(ColumnKind.Share)] double? SmartShare, long MeasurableJudged);

/// <summary>Who owes what: action items per owner, team or severity (<c>action_items.sql</c> defines each figure).</summary>
/// <param name="Group">The owner, team, severity or all.</param>
/// <param name="Items">Items counted under incidents in scope.</param>
/// <param name="Done">Done.</param>
/// <param name="Open">Open.</param>
/// <param name="Cancelled">Cancelled (won't do).</param>
/// <param name="Overdue">Open and past due.</param>
/// <param name="DoneLate">Done after their due date.</param>
/// <param name="NoDueDate">Not cancelled, no due date.</param>
/// <param name="Unassigned">Not cancelled, no owner.</param>
/// <param name="MedianDaysToComplete">Median days from creation to completion.</param>
/// <param name="OldestOverdueDays">Days the most overdue item is past due.</param>
/// <param name="SmartItems">SMART items.</param>
/// <param name="SmartShare">SMART items / items not cancelled.</param>
/// <param name="MeasurableJudged">Items whose source records an acceptance criterion.</param>
public sealed record ActionItemsRow(
    string Group, long Items, long Done, long Open, long Cancelled, long Overdue, long DoneLate, long NoDueDate, long Unassigned,
    double? MedianDaysToComplete, double? OldestOverdueDays, long SmartItems, [property: Column(ColumnKind.Share)] double? SmartShare, long MeasurableJudged);

/// <summary>Did the loop close: recurrence of occurrences by their follow-up (<c>loop_closed.sql</c> defines each figure).</summary>
/// <param name="Group">all_done | open | none | open_or_none.</param>
/// <param name="Occurrences">Settled occurrences of known problems.</param>
/// <param name="Recurred">Of which the problem came back within the recurrence window.</param>
/// <param name="RecurrenceRate">Recurred / occurrences.</param>
/// <param name="RateLow">95 % Wilson interval, low end.</param>
/// <param name="RateHigh">High end.</param>
/// <param name="Verdict">On the all_done row: lower | higher | no clear difference | too few to compare.</param>
public sealed record LoopClosedRow(
    string Group, long Occurrences, long Recurred, [property: Column(ColumnKind.Share)] double? RecurrenceRate,
    [property: Column(ColumnKind.Share)] double? RateLow, [property: Column(ColumnKind.Share)] double? RateHigh, string? Verdict);

/// <summary>Learning follow-through: <c>follow_through.sql</c>.</summary>
public static class FollowThrough
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/follow_through.sql";

    /// <summary>The action-items query.</summary>
    public const string ActionItemsQueryPath = "Analysis/Sql/metrics/action_items.sql";

    /// <summary>The loop-closed query.</summary>
    public const string LoopClosedQueryPath = "Analysis/Sql/metrics/loop_closed.sql";

    /// <summary>Computes follow-through per group.</summary>
    public static MetricReport<FollowThroughRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<FollowThroughRow>(session, request, "follow-through", QueryPath);

    /// <summary>Action items per owner, team or severity.</summary>
    public static MetricReport<ActionItemsRow> ActionItems(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<ActionItemsRow>(session, request, "action-items", ActionItemsQueryPath);

    /// <summary>Recurrence by follow-up: did the loop close.</summary>
    public static MetricReport<LoopClosedRow> LoopClosed(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<LoopClosedRow>(session, request, "loop-closed", LoopClosedQueryPath);
}
