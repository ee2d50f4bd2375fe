using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes alerts as a Grafana OnCall <c>/api/v1/alert_groups/</c> dump: one alert group per alert, <c>alerts_count</c>
/// the folded occurrences, labels alertname/service/team/severity, a resolving user only when a person resolved it.
/// </summary>
public static class GrafanaOnCallWriter
{
    private static readonly string[] Severities = ["critical", "high", "warning", "low", "info"];

    /// <summary>Writes the dump.</summary>
    public static void Write(string path, IReadOnlyCollection<GeneratedAlert> alerts) =>
        Dump(path, "results", alerts, (w, a) =>
        {
            var state = a.CloseMs is not null ? "resolved" : a.AckMs is not null ? "acknowledged" : "new";
            w.WriteString("id", "I" + a.Id.Replace("-", "", StringComparison.Ordinal)[..12].ToUpperInvariant());
            w.WriteString("integration_id", "CALERTMANAGER");
            w.WriteString("route_id", "R" + Code(a.Service));
            w.WriteString("team_id", "T" + Code(a.Team));
            w.WriteNumber("alerts_count", a.Count);
            w.WriteString("state", state);
            w.WriteString("created_at", Utc(a.CreatedAt, 6));
            StringOrNull(w, "resolved_at", a.CloseMs is { } c ? Utc(a.CreatedAt.AddMilliseconds(c), 6) : null);
            StringOrNull(w, "resolved_by", a.CloseMs is not null && a.ClosedBy?.Contains('@', StringComparison.Ordinal) == true ? a.ClosedBy : null);
            StringOrNull(w, "acknowledged_at", a.AckMs is { } k ? Utc(a.CreatedAt.AddMilliseconds(k), 6) : null);
            StringOrNull(w, "acknowledged_by", a.AcknowledgedBy);
            w.WriteString("title", a.Message);
            w.WriteStartObject("permalinks");
            w.WriteNull("slack");
            w.WriteString("web", $"https://oncall.acme-loop.example/alert-groups/{a.Id}");
            w.WriteEndObject();
            w.WriteNull("silenced_at");
            w.WriteStartArray("labels");
            Label(w, "alertname", a.Rule);
            Label(w, "service", a.Service);
            Label(w, "team", a.Team);
            Label(w, "severity", Severities[a.Priority - 1]);
            w.WriteEndArray();
        }, w =>
        {
            w.WriteNumber("count", alerts.Count);
            w.WriteNull("next");
            w.WriteNull("previous");
        });

    private static void Label(System.Text.Json.Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteStartObject("key");
        w.WriteString("name", key);
        w.WriteEndObject();
        w.WriteStartObject("value");
        w.WriteString("name", value);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
