using System.Data;
using InsightEngine.Store;

namespace InsightEngine.Analysis.Metrics;

/// <summary>Response times of one group (a severity, service, team, week or month; or <c>all</c>).</summary>
/// <param name="Group">The group's key.</param>
/// <param name="Severity">The same key when grouped by severity (null otherwise), where the first release had it.</param>
/// <param name="Incidents">Incidents created in scope.</param>
/// <param name="Open">Still open (no resolve time).</param>
/// <param name="OldestOpenAgeSeconds">The oldest open incident's age at the as-of instant.</param>
/// <param name="NeverAcknowledged">Never acknowledged: left out of TTA, counted here; only over incidents whose source
/// records acknowledgement (<paramref name="AcknowledgementRecorded"/>), null where none does.</param>
/// <param name="Excluded">Impossible times or resolved without a resolve time: left out of every duration.</param>
/// <param name="TimeToAcknowledge">TTA.</param>
/// <param name="TimeToResolve">TTR, auto-resolved included.</param>
/// <param name="TimeToResolveHumanOnly">TTR over incidents a person resolved.</param>
/// <param name="TimeToMitigate">TTM, where mitigation is known.</param>
/// <param name="TimeToDetect">TTD, where the impact start is known.</param>
/// <param name="TimeToResolveKaplanMeierMedianSeconds">The censoring-aware median of TTR (open incidents censored at their age).</param>
/// <param name="AcknowledgementRecorded">Incidents whose source records acknowledgement: the base of <paramref name="NeverAcknowledged"/>.</param>
/// <param name="Unknown">What these figures cannot say and why (a field the source does not record, by which formats, over how many incidents); null when nothing is missing.</param>
public sealed record ResponseRow(
    string Group,
    string? Severity,
    long Incidents,
    long Open,
    [property: Column(ColumnKind.Duration)] double? OldestOpenAgeSeconds,
    long? NeverAcknowledged,
    long Excluded,
    DurationStats TimeToAcknowledge,
    DurationStats TimeToResolve,
    DurationStats TimeToResolveHumanOnly,
    DurationStats TimeToMitigate,
    DurationStats TimeToDetect,
    [property: Column(ColumnKind.Duration)] double? TimeToResolveKaplanMeierMedianSeconds,
    long AcknowledgementRecorded = 0,
    string? Unknown = null);

/// <summary>
/// MTTA / MTTR / TTM / TTD: <c>Analysis/Sql/metrics/response.sql</c>, whose comment is the definition. The CLI, API,
/// reports and notebooks all call this, so the figure is the same everywhere.
/// </summary>
public static class Response
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/response.sql";

    /// <summary>Computes response times, grouped by <see cref="MetricRequest.By"/> (default severity).</summary>
    public static MetricReport<ResponseRow> Compute(AnalysisSession session, MetricRequest request)
    {
        request.Validate();
        var by = MetricCatalog.Grouping("response", request.By);
        var scope = MetricQueries.Scope(session.Store, request, QueryPath);
        var rows = MetricQueries.Run(session, QueryPath, request, scope, by, r => Map(r, by));
        return new MetricReport<ResponseRow>("response", by, scope, rows);
    }

    private static ResponseRow Map(IDataRecord r, string by)
    {
        double? D(string name) => (double?)MetricQueries.Convert(r[name], typeof(double?));
        long L(string name) => (long)MetricQueries.Convert(r[name], typeof(long))!;
        long? LN(string name) => (long?)MetricQueries.Convert(r[name], typeof(long?));
        DurationStats S(string prefix) => new(L($"{prefix}_n"), D($"{prefix}_median_s"), D($"{prefix}_p90_s"), D($"{prefix}_mean_s"));
        var group = (string)r["group"];
        return new ResponseRow(
            group, by == "severity" ? group : null,
            L("incidents"), L("open"), D("oldest_open_age_s"), LN("never_acknowledged"), L("excluded"),
            S("tta"), S("ttr"), S("ttr_human"), S("ttm"), S("ttd"), D("ttr_km_median_s"),
            L("ack_recorded_n"), r["unknown"] as string);
    }
}
