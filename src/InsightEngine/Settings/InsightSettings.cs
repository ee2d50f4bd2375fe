using InsightEngine.Analysis;
using InsightEngine.Import;

namespace InsightEngine.Settings;

/// <summary>
/// Every setting a job runs with, loaded once (<see cref="SettingsLoader"/>) and passed explicitly: the metric
/// thresholds and reporting zone, the users' own status values per source, and the DuckDB memory limit. The CLI, the
/// service (API, inbox, scheduled reviews, dashboard, analysis-cache refresh) and the walkthroughs in notebooks/ all load it the
/// same way, so the same <c>insight.yaml</c> gives the same figure on every surface.
/// </summary>
public sealed record InsightSettings
{
    /// <summary>The metric thresholds and the reporting time zone.</summary>
    public MetricOptions Metrics { get; init; } = MetricOptions.Default;

    /// <summary>Status values per source (insight.yaml <c>import: statuses:</c>), over the shipped tables.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Statuses { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>Which record types are incidents and which postmortems, per source (insight.yaml <c>import: record_types:</c>), over the defaults.</summary>
    public IReadOnlyDictionary<string, RecordTypes> RecordTypes { get; init; } = new Dictionary<string, RecordTypes>(StringComparer.Ordinal);

    /// <summary>DuckDB's memory limit for the process (<c>INSIGHT_MEMORY_LIMIT</c>); null: the store's default.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>
    /// The disk space one ad hoc query may spill to (<c>INSIGHT_QUERY_TEMP_LIMIT</c>, e.g. <c>10GB</c>); null:
    /// <see cref="Query.QueryLimits.DefaultTempLimit"/>.
    /// </summary>
    public string? QueryTempLimit { get; init; }

    /// <summary>The settings file they were read from, or null (defaults and environment only).</summary>
    public string? File { get; init; }

    /// <summary>The defaults: no file, no environment.</summary>
    public static InsightSettings Default { get; } = new();

    /// <summary>Import options with these settings' status tables and record types over <paramref name="options"/> (its zone and mapping kept).</summary>
    public ImportOptions ForImport(ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        if (Statuses.Count == 0 && RecordTypes.Count == 0) return options;
        var merged = new Dictionary<string, IReadOnlyDictionary<string, string>>(options.Statuses, StringComparer.Ordinal);
        foreach (var (source, map) in Statuses) merged[source] = map;
        var types = new Dictionary<string, RecordTypes>(options.Types, StringComparer.Ordinal);
        foreach (var (source, t) in RecordTypes) types[source] = t;
        return options with { Statuses = merged, Types = types };
    }

    /// <summary>These settings with the metric options replaced (a command line's or a request's overrides).</summary>
    public InsightSettings WithMetrics(MetricOptions metrics) => this with { Metrics = metrics };
}
