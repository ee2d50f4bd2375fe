using System.Reflection;
using InsightEngine.Analysis;
using InsightEngine.Store;

namespace InsightEngine.Learning;

/// <summary>One week of one series: incidents or alerts, of everything or of one severity / service / team.</summary>
public sealed record WeeklyCount(string Measure, string Dimension, string Key, DateTime Week, long Count, bool Complete);

/// <summary>What the incident models read of one incident (see <c>Sql/incident_features.sql</c>).</summary>
public sealed record IncidentRow(
    string Source, string ExternalId, string? Number, string? Title, string? Service, string? Team, string Severity,
    DateTime CreatedAt, string? Url, string? ProblemKey, double? TtrSeconds, double? TtaSeconds, int LocalHour, bool Weekend,
    long StormAlerts, long PriorCount, long PriorRecurrences, double? DaysSinceLast, bool Postmortem, bool Recurs, bool RecursKnown);

/// <summary>Reads the learning layer's inputs from the store with the SQL files embedded in this assembly.</summary>
public static class LearningData
{
    /// <summary>Every weekly series (incidents and alerts), zero weeks included, in ISO weeks of <paramref name="timeZone"/>.</summary>
    public static List<WeeklyCount> Weekly(InsightStore store, string timeZone)
    {
        using var session = Live(store);
        return store.Query(Sql("weekly_counts.sql"),
            r => new WeeklyCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDateTime(3), r.GetInt64(4), r.GetBoolean(5)),
            ("tz", timeZone), ("as_of", MetricQueries.DataAsOf(store).UtcDateTime));
    }

    /// <summary>
    /// A session on the live definitions of the metrics' macros: learning reads the same incident facts as the metrics
    /// (zone, validity, recurrence window), never a cache computed for other thresholds.
    /// </summary>
    private static AnalysisSession Live(InsightStore store)
    {
        var session = new AnalysisSession(store, cache: AnalysisCacheUse.Never);
        var request = new MetricRequest();
        session.Route(request, MetricQueries.Scope(store, request, "(learning)"));
        return session;
    }

    /// <summary>Every incident with its features; <paramref name="timeZone"/> places the hour of day.</summary>
    public static List<IncidentRow> Incidents(InsightStore store, string timeZone, TimeSpan recurrenceWindow)
    {
        using var session = Live(store);
        return store.Query(Sql("incident_features.sql"), r => new IncidentRow(
                r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetDateTime(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetDouble(10),
                r.IsDBNull(11) ? null : r.GetDouble(11), r.GetInt32(12), r.GetBoolean(13), r.GetInt64(14), r.GetInt64(15),
                r.GetInt64(16), r.IsDBNull(17) ? null : r.GetDouble(17), r.GetBoolean(18), r.GetBoolean(19), r.GetBoolean(20)),
            ("tz", timeZone), ("window_s", recurrenceWindow.TotalSeconds), ("as_of", MetricQueries.DataAsOf(store).UtcDateTime));
    }

    /// <summary>The text of an embedded SQL file of this assembly (<c>Sql/NAME</c>).</summary>
    public static string Sql(string name)
    {
        var assembly = typeof(LearningData).Assembly;
        using var stream = assembly.GetManifestResourceStream($"InsightEngine.Learning.Sql.{name}")
            ?? throw new InvalidOperationException($"No embedded SQL file 'Sql/{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
