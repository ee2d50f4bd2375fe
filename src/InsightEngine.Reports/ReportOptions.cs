using InsightEngine.Analysis;

namespace InsightEngine.Reports;

/// <summary>What a report is computed over and whether the learning layer takes part.</summary>
public sealed record ReportOptions
{
    /// <summary>Scope and thresholds: filters, time zone, as-of, and the ISO week a weekly review covers (null: the last complete week).</summary>
    public MetricRequest Request { get; init; } = new();

    /// <summary>Include anomalies and the forecast from the learning layer (trains on the whole store; a few seconds). Default true.</summary>
    public bool Learning { get; init; } = true;

    /// <summary>Seed of the learning layer's trainers.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Rows a report's lists keep (incidents of the week, noisy rules ...). Default 10 for rules, 50 for incidents.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Stops the report's learning (its queries stop with the connection's cancellation scope).</summary>
    public CancellationToken Cancellation { get; init; }
}
