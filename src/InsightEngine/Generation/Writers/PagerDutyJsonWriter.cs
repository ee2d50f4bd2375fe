using System.Text.Json;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes incidents as PagerDuty REST API v2 dumps: <c>/incidents</c> (as the API shows them at export time: resolved
/// incidents list no acknowledgements or assignments) and <c>/log_entries</c> (trigger, notify, acknowledge, resolve),
/// which is where a resolved incident's first acknowledgement survives. Times in UTC.
/// </summary>
public static class PagerDutyJsonWriter
{
    /// <summary>Writes the <c>/incidents</c> dump.</summary>
    public static void WriteIncidents(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "incidents", incidents, (w, i) =>
        {
            var status = i.ResolveSeconds is not null ? "resolved" : i.AckSeconds is not null ? "acknowledged" : "triggered";
            w.WriteString("id", i.Id);
            w.WriteString("type", "incident");
            w.WriteString("summary", $"[#{i.Number}] {i.Title}");
            w.WriteString("self", $"https://api.pagerduty.com/incidents/{i.Id}");
            w.WriteString("html_url", $"https://acme-loop.pagerduty.com/incidents/{i.Id}");
            w.WriteNumber("incident_number", i.Number);
            w.WriteString("title", i.Title);
            w.WriteString("created_at", Utc(i.CreatedAt));
            w.WriteString("status", status);
            w.WriteNull("incident_key");
            Reference(w, "service", "PSVC" + Code(i.Service), "service_reference", i.Service);
            w.WriteStartArray("assignments");
            if (status != "resolved")
            {
                w.WriteStartObject();
                w.WriteString("at", Utc(i.CreatedAt));
                Reference(w, "assignee", "PUSR" + Code(i.Assignee.Name), "user_reference", i.Assignee.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("assigned_via", "escalation_policy");
            w.WriteStartArray("acknowledgements");
            if (status == "acknowledged")
            {
                w.WriteStartObject();
                w.WriteString("at", Utc(i.AcknowledgedAt!.Value));
                Reference(w, "acknowledger", "PUSR" + Code(i.Assignee.Name), "user_reference", i.Assignee.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("last_status_change_at", Utc(i.ResolvedAt ?? i.AcknowledgedAt ?? i.CreatedAt));
            if (status == "triggered") Reference(w, "last_status_change_by", "PSVC" + Code(i.Service), "service_reference", i.Service);
            else if (status == "resolved" && i.AutoResolved) Reference(w, "last_status_change_by", "PSVC" + Code(i.Service), "service_reference", i.Service);
            else Reference(w, "last_status_change_by", "PUSR" + Code(i.Assignee.Name), "user_reference", i.Assignee.Name);
            w.WriteStartObject("alert_counts");
            w.WriteNumber("all", 1);
            w.WriteNumber("triggered", status == "resolved" ? 0 : 1);
            w.WriteNumber("resolved", status == "resolved" ? 1 : 0);
            w.WriteEndObject();
            w.WriteBoolean("is_mergeable", true);
            Reference(w, "escalation_policy", "PEP" + Code(i.Team), "escalation_policy_reference", $"{i.Team} escalation");
            w.WriteStartArray("teams");
            w.WriteStartObject();
            w.WriteString("id", "PTEAM" + Code(i.Team));
            w.WriteString("type", "team_reference");
            w.WriteString("summary", i.Team);
            w.WriteEndObject();
            w.WriteEndArray();
            if (i.PriorityBlank) w.WriteNull("priority");
            else Reference(w, "priority", $"PPRI{i.Severity}", "priority", $"P{i.Severity}");
            w.WriteString("urgency", i.Severity <= 3 ? "high" : "low");
        }, Paging);

    /// <summary>Writes the <c>/log_entries</c> dump of the same incidents.</summary>
    public static void WriteLogEntries(string path, IEnumerable<GeneratedIncident> incidents)
    {
        var entries = new List<(DateTimeOffset At, string Id, string Type, GeneratedIncident Incident)>();
        foreach (var i in incidents)
        {
            entries.Add((i.CreatedAt, $"R{i.Id}T", "trigger_log_entry", i));
            entries.Add((i.CreatedAt.AddSeconds(Math.Min(20, (i.AckSeconds ?? 40) / 2)), $"R{i.Id}N", "notify_log_entry", i));
            if (i.AcknowledgedAt is { } ack) entries.Add((ack, $"R{i.Id}A", "acknowledge_log_entry", i));
            if (i.ResolvedAt is { } resolved) entries.Add((resolved, $"R{i.Id}R", "resolve_log_entry", i));
        }
        // The API lists newest first.
        Dump(path, "log_entries", entries.OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal), (w, e) =>
        {
            var i = e.Incident;
            var byService = e.Type == "trigger_log_entry" || (e.Type == "resolve_log_entry" && i.AutoResolved);
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            w.WriteString("summary", e.Type switch
            {
                "trigger_log_entry" => "Triggered through the API.",
                "notify_log_entry" => $"Notified {i.Assignee.Name} via push notification.",
                "acknowledge_log_entry" => $"Acknowledged by {i.Assignee.Name}.",
                _ => byService ? "Resolved through the integration API." : $"Resolved by {i.Assignee.Name}.",
            });
            w.WriteNull("html_url");
            w.WriteString("created_at", Utc(e.At));
            if (e.Type == "notify_log_entry") Reference(w, "agent", "PEP" + Code(i.Team), "escalation_policy_reference", $"{i.Team} escalation");
            else if (byService) Reference(w, "agent", "PSVC" + Code(i.Service), "service_reference", i.Service);
            else Reference(w, "agent", "PUSR" + Code(i.Assignee.Name), "user_reference", i.Assignee.Name);
            w.WriteStartObject("channel");
            w.WriteString("type", byService ? (e.Type == "resolve_log_entry" ? "auto" : "api") : e.Type == "notify_log_entry" ? "push_notification" : "mobile");
            w.WriteEndObject();
            if (e.Type == "notify_log_entry") Reference(w, "user", "PUSR" + Code(i.Assignee.Name), "user_reference", i.Assignee.Name);
            Reference(w, "incident", i.Id, "incident_reference", $"[#{i.Number}] {i.Title}");
            w.WriteStartArray("teams");
            w.WriteEndArray();
        }, Paging);
    }

    private static void Paging(Utf8JsonWriter w)
    {
        w.WriteNumber("limit", 100);
        w.WriteNumber("offset", 0);
        w.WriteBoolean("more", false);
        w.WriteNull("total");
    }
}
