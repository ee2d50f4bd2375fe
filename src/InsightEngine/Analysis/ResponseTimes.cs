using System.Data;
using InsightEngine.Store;

namespace InsightEngine.Analysis;

/// <summary>Response times for one severity (or <c>all</c>).</summary>
public sealed record ResponseRow(
    string Severity,
    long Incidents,
    long Open,
    long NeverAcknowledged,
    long Excluded,
    DurationStats TimeToAcknowledge,
    DurationStats TimeToResolve,
    DurationStats TimeToResolveHumanOnly);

/// <summary>The response-time metric over one period, with the scope it was computed on.</summary>
public sealed record ResponseReport(string Metric, string GroupedBy, Period Period, IReadOnlyList<ResponseRow> Rows);

/// <summary>
/// MTTA and MTTR by severity: one query, <c>Analysis/Sql/metrics/response_by_severity.sql</c>, whose comment is the
/// definition. The CLI, API, reports and notebooks all call this, so the figure is the same everywhere.
/// </summary>
public static class ResponseTimes
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "Analysis/Sql/metrics/response_by_severity.sql";

    /// <summary>Computes response times by severity for <paramref name="period"/>.</summary>
    public static ResponseReport BySeverity(InsightStore store, Period? period = null)
    {
        period ??= Period.All;
        period.Validate();
        var rows = store.Query(SqlResources.Read(QueryPath), Map,
            ("from", period.From?.UtcDateTime), ("to", period.To?.UtcDateTime));
        return new ResponseReport("response", "severity", period, rows);
    }

    private static ResponseRow Map(IDataRecord r)
    {
        double? D(string name) => r[name] is DBNull ? null : Convert.ToDouble(r[name], System.Globalization.CultureInfo.InvariantCulture);
        long L(string name) => Convert.ToInt64(r[name], System.Globalization.CultureInfo.InvariantCulture);
        return new ResponseRow(
            (string)r["severity"], L("incidents"), L("open"), L("never_acknowledged"), L("excluded"),
            new DurationStats(L("tta_n"), D("tta_median"), D("tta_p90"), D("tta_mean")),
            new DurationStats(L("ttr_n"), D("ttr_median"), D("ttr_p90"), D("ttr_mean")),
            new DurationStats(L("ttr_human_n"), D("ttr_human_median"), D("ttr_human_p90"), D("ttr_human_mean")));
    }
}
