using System.Globalization;
using InsightEngine.Analysis;

namespace InsightEngine.Service.Api;

/// <summary>The CLI's scope options as query parameters: from, to, service, team, severity, by, top, as_of, week, timezone.</summary>
public static class ApiRequest
{
    /// <summary>The metric request a query string describes; messages name the parameter.</summary>
    public static MetricRequest Parse(IQueryCollection q, int defaultTop = 20)
    {
        var options = MetricOptions.Default;
        if (Text(q, "timezone") is { } tz) options = options with { TimeZone = tz };
        var top = defaultTop;
        if (Text(q, "top") is { } t && !int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out top))
            throw new ArgumentException($"top '{t}' is not a whole number.");
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
