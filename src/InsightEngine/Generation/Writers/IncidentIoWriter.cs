using System.Text.Json;
using CsvHelper;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes incidents as incident.io exports: the incidents CSV (API field names in title case; no documented column list
/// exists, see ../shared/formats §5) and the API v2 <c>/v2/incidents</c> dump with timestamps, roles and custom fields.
/// </summary>
public static class IncidentIoWriter
{
    private static readonly string[] Header =
    [
        "ID", "Reference", "Name", "Status", "Status Category", "Severity", "Incident Type", "Created At", "Impact Started At", "Accepted At",
        "Resolved At", "Closed At", "Reporter", "Incident Lead", "Affected Services", "Team", "Postmortem Document URL", "Permalink",
    ];

    /// <summary>Writes the CSV (times ISO 8601 UTC).</summary>
    public static void WriteCsv(string path, IEnumerable<GeneratedIncident> incidents)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(Header);
        foreach (var i in incidents)
        {
            var (status, category) = Status(i);
            csv.WriteRecord([
                Id(i), $"INC-{i.Number}", i.Title, status, category, $"SEV{i.Severity}", "Default", Utc(i.CreatedAt), Utc(i.ImpactStartedAt),
                i.AcknowledgedAt is { } a ? Utc(a) : "", i.ResolvedAt is { } r ? Utc(r) : "", "", i.DeclaredBy.Name, i.Assignee.Name,
                i.Service, i.Team, i.PostmortemUrl ?? "", $"https://app.incident.io/acme-loop/incidents/{i.Number}",
            ]);
        }
    }

    /// <summary>Writes the API v2 dump.</summary>
    public static void WriteJson(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "incidents", incidents, (w, i) =>
        {
            var (status, category) = Status(i);
            w.WriteString("id", Id(i));
            w.WriteString("reference", $"INC-{i.Number}");
            w.WriteString("name", i.Title);
            w.WriteString("permalink", $"https://app.incident.io/acme-loop/incidents/{i.Number}");
            w.WriteString("created_at", Utc(i.CreatedAt, 6));
            w.WriteString("mode", "standard");
            if (i.PostmortemUrl is { } postmortem) w.WriteString("postmortem_document_url", postmortem);
            w.WriteStartObject("incident_status");
            w.WriteString("name", status);
            w.WriteString("category", category);
            w.WriteEndObject();
            w.WriteStartObject("severity");
            w.WriteString("name", $"SEV{i.Severity}");
            w.WriteNumber("rank", 6 - i.Severity);
            w.WriteEndObject();
            w.WriteStartObject("creator");
            w.WriteStartObject("user");
            w.WriteString("name", i.DeclaredBy.Name);
            w.WriteString("email", i.DeclaredBy.Email);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("incident_role_assignments");
            w.WriteStartObject();
            w.WriteStartObject("role");
            w.WriteString("name", "Incident Lead");
            w.WriteString("role_type", "lead");
            w.WriteEndObject();
            w.WriteStartObject("assignee");
            w.WriteString("name", i.Assignee.Name);
            w.WriteString("email", i.Assignee.Email);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("custom_field_entries");
            CustomField(w, "Affected services", i.Service);
            CustomField(w, "Team", i.Team);
            w.WriteEndArray();
            w.WriteStartArray("incident_timestamp_values");
            Timestamp(w, "Reported at", i.CreatedAt);
            Timestamp(w, "Impact started", i.ImpactStartedAt);
            Timestamp(w, "Accepted at", i.AcknowledgedAt);
            Timestamp(w, "Resolved at", i.ResolvedAt);
            w.WriteEndArray();
        }, w =>
        {
            w.WriteStartObject("pagination_meta");
            w.WriteNumber("page_size", 250);
            w.WriteEndObject();
        });

    private static void CustomField(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteStartObject("custom_field");
        w.WriteString("name", name);
        w.WriteEndObject();
        w.WriteStartArray("values");
        w.WriteStartObject();
        w.WriteStartObject("value_catalog_entry");
        w.WriteString("name", value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Timestamp(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        w.WriteStartObject();
        w.WriteStartObject("incident_timestamp");
        w.WriteString("name", name);
        w.WriteEndObject();
        if (value is { } v)
        {
            w.WriteStartObject("value");
            w.WriteString("value", Utc(v, 6));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static (string Status, string Category) Status(GeneratedIncident i) =>
        i.ResolveSeconds is not null ? ("Closed", "closed") : i.AckSeconds is not null ? ("Investigating", "live") : ("Triage", "triage");

    private static string Id(GeneratedIncident i) => "01H" + i.Id.PadLeft(23, '0');

    /// <summary>Writes the <c>GET /v2/follow_ups</c> dump: every follow-up of these incidents' postmortems (no due dates: incident.io has none).</summary>
    public static void WriteFollowUps(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "follow_ups", incidents.Select(i => i.Postmortem).OfType<GeneratedPostmortem>().Distinct().SelectMany(pm => pm.Items.Select(item => (pm, item))), (w, x) =>
        {
            var (pm, item) = x;
            w.WriteString("id", "01FU" + Inv(item.Number).PadLeft(22, '0'));
            w.WriteString("incident_id", Id(pm.Incidents[0]));
            w.WriteString("title", item.Title);
            w.WriteString("status", item.CompletedAt is not null ? "completed" : item.Cancelled ? "not_doing" : "outstanding");
            if (item.Owner is { } owner)
            {
                w.WriteStartObject("assignee");
                w.WriteString("id", Guid("user:" + owner.Name));
                w.WriteString("name", owner.Name);
                w.WriteString("email", owner.Email);
                w.WriteEndObject();
            }
            w.WriteStartObject("creator");
            w.WriteStartObject("user");
            w.WriteString("name", pm.Owner.Name);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("labels");
            w.WriteEndArray();
            w.WriteString("created_at", Utc(item.CreatedAt, 6));
            w.WriteString("updated_at", Utc(item.CompletedAt ?? item.CreatedAt, 6));
            if (item.CompletedAt is { } c) w.WriteString("completed_at", Utc(c, 6));
        });

    /// <summary>Writes the <c>GET /v1/postmortem_documents</c> dump: status only, no completion time (incident.io records none).</summary>
    public static void WritePostmortemDocuments(string path, IEnumerable<GeneratedIncident> incidents) =>
        Dump(path, "postmortem_documents", incidents.Select(i => i.Postmortem).OfType<GeneratedPostmortem>().Distinct(), (w, pm) =>
        {
            w.WriteString("id", "01PM" + Inv(pm.Number).PadLeft(22, '0'));
            w.WriteString("incident_id", Id(pm.Incidents[0]));
            w.WriteString("title", $"INC-{pm.Incidents[0].Number}: {pm.Incidents[0].Title}");
            w.WriteString("status", pm.CompletedAt is not null ? "completed" : "in_review");
            w.WriteString("type", "in_app");
            w.WriteString("document_url", $"https://app.incident.io/acme-loop/incidents/{pm.Incidents[0].Number}/post-mortems/{pm.Number}");
            w.WriteStartArray("editors");
            w.WriteStartObject();
            w.WriteString("name", pm.Owner.Name);
            w.WriteString("email", pm.Owner.Email);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("exported_urls");
            w.WriteEndArray();
            w.WriteString("created_at", Utc(pm.CreatedAt, 6));
            w.WriteString("updated_at", Utc(pm.CompletedAt ?? pm.CreatedAt, 6));
        }, w =>
        {
            w.WriteStartObject("pagination_meta");
            w.WriteNumber("page_size", 250);
            w.WriteEndObject();
        });
}
