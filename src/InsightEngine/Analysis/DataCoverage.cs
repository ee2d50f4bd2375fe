using InsightEngine.Store;

namespace InsightEngine.Analysis;

/// <summary>How many of one source's incidents or alerts fill one canonical field.</summary>
/// <param name="Entity">incident or alert.</param>
/// <param name="Source">The tool it came from (pagerduty, opsgenie ...).</param>
/// <param name="Field">The canonical column.</param>
/// <param name="Filled">Rows where it is not NULL.</param>
/// <param name="Rows">The source's rows of that entity.</param>
/// <param name="Share">Filled / Rows, 0–1.</param>
/// <param name="Recorded">Rows whose export had a column for the field (empty there means "never", not "unknown").</param>
public sealed record FieldCoverage(string Entity, string Source, string Field, long Filled, long Rows, double Share, long Recorded = 0);

/// <summary>
/// What the imported data actually holds, field by field and source by source (<c>Analysis/Sql/field_coverage.sql</c>):
/// a figure that needs a field a source leaves empty is computed without that source's rows. The notebook
/// <c>01-explore-your-data</c> and <c>insight query</c>'s <c>field_coverage</c> view read this same query.
/// </summary>
public static class DataCoverage
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/field_coverage.sql";

    /// <summary>Every (entity, source, field), incidents first, fields in table order.</summary>
    public static IReadOnlyList<FieldCoverage> Fields(InsightStore store) =>
        store.Query(SqlResources.Read(QueryPath), MetricQueries.ByName<FieldCoverage>());
}
