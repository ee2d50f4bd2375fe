using System.Text.Json;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes Opsgenie API dumps: <c>/v2/alerts</c> (report.ackTime/closeTime in milliseconds, tags as a list) and
/// <c>/v1/incidents</c> (impact start/end; Opsgenie incidents carry no acknowledgement).
/// </summary>
public static class OpsgenieJsonWriter
{
    /// <summary>Writes the <c>/v2/alerts</c> dump.</summary>
    public static void WriteAlerts(string path, IEnumerable<GeneratedAlert> alerts) =>
        Dump(path, "data", alerts, (w, a) =>
        {
            var rule = a.Rule.Split(':')[1];
            w.WriteString("id", a.Id);
            w.WriteString("tinyId", Inv(a.TinyId));
            w.WriteString("alias", a.Rule);
            w.WriteString("message", a.Message);
            w.WriteString("status", a.CloseMs is null ? "open" : "closed");
            w.WriteBoolean("acknowledged", a.AckMs is not null);
            w.WriteBoolean("isSeen", a.AckMs is not null || a.ClosedBy is not null);
            w.WriteStartArray("tags");
            w.WriteStringValue($"service:{a.Service}");
            w.WriteStringValue($"rule:{rule}");
            w.WriteStringValue("env:production");
            w.WriteEndArray();
            w.WriteBoolean("snoozed", false);
            w.WriteNumber("count", a.Count);
            w.WriteString("lastOccurredAt", Utc(a.LastOccurredAt, 3));
            w.WriteString("createdAt", Utc(a.CreatedAt, 3));
            w.WriteString("updatedAt", Utc(a.UpdatedAt, 3));
            w.WriteString("source", "Alertmanager");
            w.WriteString("owner", a.AcknowledgedBy ?? "");
            w.WriteString("priority", $"P{a.Priority}");
            w.WriteStartArray("teams");
            w.WriteStartObject();
            w.WriteString("id", Guid("team:" + a.Team));
            w.WriteString("name", a.Team);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("integration");
            w.WriteString("id", Guid("integration:alertmanager"));
            w.WriteString("name", "Alertmanager");
            w.WriteString("type", "Prometheus");
            w.WriteEndObject();
            w.WriteStartObject("report");
            if (a.AckMs is { } ack) w.WriteNumber("ackTime", ack);
            if (a.CloseMs is { } close) w.WriteNumber("closeTime", close);
            if (a.AcknowledgedBy is { } by) w.WriteString("acknowledgedBy", by);
            if (a.ClosedBy is { } closer) w.WriteString("closedBy", closer);
            w.WriteEndObject();
        }, w =>
        {
            w.WriteStartObject("paging");
            w.WriteString("first", "https://api.opsgenie.com/v2/alerts?limit=100&offset=0");
            w.WriteEndObject();
            w.WriteNumber("took", 0.12);
            w.WriteString("requestId", Guid("request"));
        });

    /// <summary>Writes the <c>/v1/incidents</c> dump.</summary>
    public static void WriteIncidents(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "data", incidents, (w, i) =>
        {
            w.WriteString("id", Guid("incident:" + i.Id));
            w.WriteString("tinyId", Inv(i.Number));
            w.WriteString("message", i.Title);
            w.WriteString("description", $"{i.Title} ({i.Service})");
            w.WriteString("status", i.ResolveSeconds is null ? "open" : "resolved");
            w.WriteString("priority", $"P{i.Severity}");
            w.WriteStartArray("tags");
            w.WriteEndArray();
            w.WriteString("createdAt", Utc(i.CreatedAt, 3));
            w.WriteString("updatedAt", Utc(i.ResolvedAt ?? i.CreatedAt, 3));
            w.WriteStartArray("impactedServices");
            w.WriteStringValue(Guid("service:" + i.Service));
            w.WriteEndArray();
            w.WriteString("ownerTeam", i.Team);
            w.WriteStartObject("extraProperties");
            w.WriteString("service", i.Service);
            w.WriteString("reporter", i.DeclaredBy.Name);
            if (i.PostmortemUrl is { } postmortem) w.WriteString("postmortem", postmortem);
            w.WriteEndObject();
            w.WriteStartObject("links");
            w.WriteString("web", $"https://acme-loop.app.opsgenie.com/incident/detail/{Guid("incident:" + i.Id)}");
            w.WriteEndObject();
            w.WriteString("impactStartDate", Utc(i.ImpactStartedAt, 3));
            if (i.ResolvedAt is { } r) w.WriteString("impactEndDate", Utc(r, 3));
        });

    /// <summary>Writes the postmortem reports (<c>GET /v2/postmortem/{id}</c> responses' data, as a list): draft or published, no publication time.</summary>
    public static void WritePostmortems(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "data", incidents.Select(i => i.Postmortem).OfType<GeneratedPostmortem>().Distinct(), (w, pm) =>
        {
            var root = pm.Incidents[0];
            w.WriteString("postmortemId", Guid("postmortem:" + pm.Number));
            w.WriteString("title", $"{root.Title} - postmortem report");
            w.WriteString("severity", $"P{root.Severity}");
            w.WriteString("status", pm.CompletedAt is not null ? "published" : "draft");
            w.WriteString("startTime", Utc(root.ImpactStartedAt, 3));
            if (root.ResolvedAt is { } r) w.WriteString("endTime", Utc(r, 3));
            w.WriteString("createdAtTime", Utc(pm.CreatedAt, 3));
            w.WriteStartObject("rootIncident");
            w.WriteString("id", Guid("incident:" + root.Id));
            w.WriteString("tinyId", Inv(root.Number));
            w.WriteString("message", root.Title);
            w.WriteString("priority", $"P{root.Severity}");
            w.WriteEndObject();
            w.WriteStartObject("owner");
            w.WriteString("id", Guid("user:" + pm.Owner.Name));
            w.WriteString("name", pm.Owner.Name);
            w.WriteEndObject();
            w.WriteStartArray("relatedIncidents");
            w.WriteEndArray();
            w.WriteStartArray("jiraIssues");
            w.WriteEndArray();
        }, w =>
        {
            w.WriteNumber("took", 0.2);
            w.WriteString("requestId", Guid("postmortems"));
        });
}
