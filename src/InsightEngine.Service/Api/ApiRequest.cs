using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Settings;

namespace InsightEngine.Service.Api;

/// <summary>
/// The CLI's scope options and thresholds as query parameters: from, to, service, team, severity, by, top, as_of, week,
/// and every threshold by its settings name (timezone, auto_resolve_window, actionable_min_open, flap_count,
/// flap_window, business_hours, sleep_hours, recurrence_window, postmortem_due) over the service's settings.
/// </summary>
public static class ApiRequest
{
    /// <summary>The scope parameters every metric endpoint takes (besides the thresholds).</summary>
    public static readonly IReadOnlyList<string> ScopeParameters = ["from", "to", "service", "team", "severity", "by", "top", "as_of", "week"];

    /// <summary>The metric request a query string describes over <paramref name="settings"/>; errors name the parameter.</summary>
    public static MetricRequest Parse(IQueryCollection q, InsightSettings settings, int defaultTop = 20)
    {
        var options = settings.Metrics;
        foreach (var setting in MetricOptions.Settings)
            if (Text(q, setting) is { } value) options = options.With(setting, value);
        var top = defaultTop;
        if (Text(q, "top") is { } t && !int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out top))
            throw new InvalidSettingException("top", $"'{t}' is not a whole number.");
        var request = new MetricRequest
        {
            Period = new Period(Instant(q, "from"), Instant(q, "to")),
            Service = Text(q, "service"),
            Team = Text(q, "team"),
            Severity = MetricRequest.NormalizeSeverity(Text(q, "severity")),
            By = Text(q, "by"),
            AsOf = Instant(q, "as_of"),
            Week = Text(q, "week"),
            Limit = top,
            Options = options,
        };
        request.Validate();
        return request;
    }

    /// <summary>A parameter's trimmed text, or null.</summary>
    public static string? Text(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;

    private static DateTimeOffset? Instant(IQueryCollection q, string name) => Period.ParseInstant(Text(q, name), name);
}
