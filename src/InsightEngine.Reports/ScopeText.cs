namespace InsightEngine.Reports;

/// <summary>The filters a report was computed with, as a phrase for its subtitle.</summary>
public static class ScopeText
{
    /// <summary>", service payments-api, severity SEV1,SEV2", or "" without filters.</summary>
    public static string Filters(string? service, string? team, string? severity)
    {
        var parts = new List<string>();
        if (service is not null) parts.Add($"service {service}");
        if (team is not null) parts.Add($"team {team}");
        if (severity is not null) parts.Add($"severity {severity}");
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }
}
