using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Who declares incidents, in one group.</summary>
/// <param name="Group">The group key.</param>
/// <param name="Incidents">Incidents in scope.</param>
/// <param name="WithDeclarer">Whose export names a declarer.</param>
/// <param name="Declarers">Distinct declarers.</param>
/// <param name="Top3Share">Share declared by the three most frequent declarers.</param>
/// <param name="OutsideEngineering">Declared by someone outside engineering.</param>
/// <param name="OutsideEngineeringShare">Outside / with declarer.</param>
/// <param name="OutsideByProxy">Outside by inference: no declarer group in the source, and never paged.</param>
/// <param name="Human">Declared by a named person, not by automation.</param>
/// <param name="Automatic">Created by an alert or integration.</param>
/// <param name="Unknown">Neither known.</param>
/// <param name="HumanShare">Human / (human + automatic).</param>
/// <param name="OutsideUnknown">Declarers with no group whose side cannot be told: the store has no paging data, so the on-rota proxy is off.</param>
public sealed record DeclarationRow(
    string Group, long Incidents, long WithDeclarer, long Declarers, [property: Column(ColumnKind.Share)] double? Top3Share, long OutsideEngineering, [property: Column(ColumnKind.Share)] double? OutsideEngineeringShare,
    long OutsideByProxy, long Human, long Automatic, long Unknown, [property: Column(ColumnKind.Share)] double? HumanShare, long OutsideUnknown = 0);

/// <summary>Declaration breadth: <c>declaration.sql</c>.</summary>
public static class Declaration
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/declaration.sql";

    /// <summary>Declaration breadth per group.</summary>
    public static MetricReport<DeclarationRow> Compute(AnalysisSession session, MetricRequest request) =>
        MetricQueries.Compute<DeclarationRow>(session, request, "declaration", QueryPath);
}
