using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Incidents of one ISO week (or, with <c>Week = "all"</c>, the whole period) in one group.</summary>
/// <param name="Week">ISO week label (2026-W53), or <c>all</c> for the period's total.</param>
/// <param name="WeekStart">The week's Monday (local date in the reporting zone); null on the total row.</param>
/// <param name="Group">The group (severity, service, team) or <c>all</c>.</param>
/// <param name="Incidents">Incidents created.</param>
/// <param name="Sev1">SEV1 incidents.</param>
/// <param name="Sev2">SEV2 incidents.</param>
/// <param name="Sev3">SEV3 incidents.</param>
/// <param name="Sev4">SEV4 incidents.</param>
/// <param name="Sev5">SEV5 incidents.</param>
/// <param name="Unknown">Incidents of unknown severity.</param>
/// <param name="LowSeverityShare">(SEV3 + SEV4 + SEV5) / incidents of known severity.</param>
/// <param name="WeeklyMean">On the total row: mean incidents a week over every week listed.</param>
/// <param name="WeeklyMax">On the total row: the busiest week.</param>
public sealed record FrequencyRow(
    string Week, DateOnly? WeekStart, string Group, long Incidents, long Sev1, long Sev2, long Sev3, long Sev4, long Sev5, long Unknown,
    [property: Column(ColumnKind.Share)] double? LowSeverityShare, double? WeeklyMean, long? WeeklyMax);

/// <summary>Incidents per ISO week: <c>Analysis/Sql/metrics/frequency.sql</c>.</summary>
public static class Frequency
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/frequency.sql";

    /// <summary>Computes incidents per week, per group.</summary>
    public static MetricReport<FrequencyRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<FrequencyRow>(session, request, "frequency", QueryPath);
}
