namespace InsightEngine.Analysis;

/// <summary>A computed metric without its row type, for code that renders any metric (CLI tables, CSV, the API).</summary>
public interface IMetricReport
{
    /// <summary>The metric's name, as in <c>insight metrics NAME</c>.</summary>
    string Metric { get; }

    /// <summary>The grouping of the rows (severity, week, ...), or <c>rank</c> for ranked lists.</summary>
    string GroupedBy { get; }

    /// <summary>What it was computed over.</summary>
    MetricScope Scope { get; }

    /// <summary>The rows, untyped.</summary>
    IReadOnlyList<object> RowObjects { get; }

    /// <summary>The rows' type.</summary>
    Type RowType { get; }

    /// <summary>The rows' flat columns with what each holds (duration, share, count, ...): every renderer formats by these.</summary>
    IReadOnlyList<MetricColumn> Columns { get; }
}

/// <summary>
/// What a metric was computed over: echoed in every output so a figure can be traced to its scope. <c>Settings</c> are
/// the thresholds and zone it was computed with (<see cref="MetricOptions.Describe"/>), in insight.yaml's spelling.
/// </summary>
public sealed record MetricScope(
    Period Period,
    string? Service,
    string? Team,
    string? Severity,
    DateTimeOffset AsOf,
    string TimeZone,
    string QueryPath,
    IReadOnlyDictionary<string, string>? Settings = null);

/// <summary>A computed metric: its scope and typed rows.</summary>
public sealed record MetricReport<TRow>(string Metric, string GroupedBy, MetricScope Scope, IReadOnlyList<TRow> Rows) : IMetricReport
    where TRow : notnull
{
    /// <summary>The period (also in <see cref="Scope"/>), kept at the top level where the first release had it.</summary>
    public Period Period => Scope.Period;

    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<object> RowObjects => Rows.Cast<object>().ToList();

    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public Type RowType => typeof(TRow);

    /// <inheritdoc />
    public IReadOnlyList<MetricColumn> Columns => MetricColumns.Of(typeof(TRow));
}
