namespace InsightEngine.Analysis;

/// <summary>
/// A duration distribution's headline figures, in seconds. Median and p90 lead; the mean stands beside them.
/// Figures over fewer than <see cref="LowConfidenceBelow"/> values are kept but marked low-confidence.
/// </summary>
public sealed record DurationStats(long N, double? MedianSeconds, double? P90Seconds, double? MeanSeconds)
{
    /// <summary>Below this sample size a figure is marked low-confidence (metrics.md).</summary>
    public const int LowConfidenceBelow = 5;

    /// <summary>True when <see cref="N"/> is too small to lean on.</summary>
    public bool LowConfidence => N < LowConfidenceBelow;
}
