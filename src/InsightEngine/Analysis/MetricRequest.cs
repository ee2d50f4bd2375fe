using InsightEngine.Settings;
using Sev = InsightEngine.Model.Severity;

namespace InsightEngine.Analysis;

/// <summary>
/// What a metric is computed over: a period of creation time, optional filters (comma-separated lists), the grouping,
/// the "as of" instant (default: the latest time in the data), how many rows a ranked list keeps, and the thresholds.
/// The CLI, the API and the reports build one of these; the same request gives the same figures everywhere.
/// </summary>
public sealed record MetricRequest
{
    /// <summary>The groupings a metric may offer.</summary>
    public static readonly IReadOnlyList<string> Groupings = ["all", "severity", "service", "team", "week", "month", "rule"];

    /// <summary>Incidents and alerts created in this period.</summary>
    public Period Period { get; init; } = Period.All;

    /// <summary>Only these services (comma-separated), or all.</summary>
    public string? Service { get; init; }

    /// <summary>Only these teams (comma-separated), or all.</summary>
    public string? Team { get; init; }

    /// <summary>Only these canonical severities (comma-separated: SEV1..SEV5, unknown), or all.</summary>
    public string? Severity { get; init; }

    /// <summary>Group rows by: all | severity | service | team | week | month | rule; null = the metric's default.</summary>
    public string? By { get; init; }

    /// <summary>The instant open incidents' ages and overdue items are measured at; null = the latest time in the data.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The ISO week (2026-W44) the deltas compare; null = the last complete week at the as-of instant.</summary>
    public string? Week { get; init; }

    /// <summary>Rows a ranked list keeps.</summary>
    public int Limit { get; init; } = 20;

    /// <summary>Thresholds and the reporting time zone.</summary>
    public MetricOptions Options { get; init; } = MetricOptions.Default;

    /// <summary>Checks the request; errors are <see cref="InvalidSettingException"/>s naming the setting, for each front end to word.</summary>
    public void Validate()
    {
        Period.Validate();
        Options.Validate();
        if (Limit < 1) throw new InvalidSettingException("top", $"{Limit} must be at least 1.");
        if (By is not null && !Groupings.Contains(By))
            throw new InvalidSettingException("by", $"'{By}' is not a grouping (use one of: {string.Join(", ", Groupings)}).");
        if (Severity is not null)
        {
            foreach (var s in Severity.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!Sev.All.Contains(s, StringComparer.Ordinal))
                    throw new InvalidSettingException("severity", $"'{s}' is not a canonical severity (use {string.Join(", ", Sev.All)}).");
        }
    }

    /// <summary>The severity filter in canonical spelling (sev2 → SEV2), so users need not mind the case.</summary>
    public static string? NormalizeSeverity(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : string.Join(',', text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Equals("unknown", StringComparison.OrdinalIgnoreCase) ? "unknown" : s.ToUpperInvariant()));
}
