using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.IncidentIo;

/// <summary>
/// incident.io API v2 <c>GET /v2/incidents</c> dumps (<c>{"incidents": [...], "pagination_meta": {...}}</c>). Times come from
/// <c>incident_timestamp_values</c> by name (Impact started, Accepted, Mitigated/Fixed, Resolved, Closed), the lead from the
/// role assignment whose role type is <c>lead</c>, service and team from custom fields of those names. An incident
/// created by a workflow, alert or API key (no <c>creator.user</c>) counts as created by automation.
/// </summary>
public sealed class IncidentIoIncidentsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "incidentio-incidents-json";

    /// <inheritdoc />
    public override string Source => "incidentio";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "incident.io API v2 GET /v2/incidents dump ({\"incidents\": [...]} with timestamps, roles, custom fields)";

    /// <inheritdoc />
    public override string RecordsProperty => "incidents";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "reference", "name", "incident_status", "severity", "created_at", "permalink", "incident_role_assignments", "custom_field_entries", "incident_timestamp_values"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "reference", At("reference")),
        new("title", "name", At("name")),
        new("service", "custom_field_entries[Affected services]", e => CustomField(e, "affected services", "services", "service")),
        new("team", "custom_field_entries[Team]", e => CustomField(e, "team", "teams", "owning team")),
        new("severity_raw", "severity.name", At("severity.name")),
        new("status_raw", "incident_status.category", FirstOf("incident_status.category", "incident_status.name")),
        new("created_at", "created_at", At("created_at")),
        new("started_at", "incident_timestamp_values[Impact started]", e => Timestamp(e, "impact started", "impact start")),
        new("acknowledged_at", "incident_timestamp_values[Accepted]", e => Timestamp(e, "accepted")),
        new("mitigated_at", "incident_timestamp_values[Mitigated]", e => Timestamp(e, "mitigated", "fixed")),
        new("resolved_at", "incident_timestamp_values[Resolved]", e => Timestamp(e, "resolved")),
        new("closed_at", "incident_timestamp_values[Closed]", e => Timestamp(e, "closed")),
        new("declared_by", "creator.user.name", At("creator.user.name")),
        new("created_by_automation", "creator", e => Find(e, "creator") is { } c ? (Find(c, "user") is null).ToString() : null),
        new("commander", "incident_role_assignments[lead].assignee.name", Lead),
        new("category", "incident_type.name", At("incident_type.name")),
        new("postmortem_url", "postmortem_document_url", At("postmortem_document_url")),
        new("url", "permalink", At("permalink")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => IncidentIoIncidentsCsv.Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => IncidentIoIncidentsCsv.Statuses;

    /// <summary>The value of the timestamp whose name starts with one of <paramref name="names"/> (case-insensitive).</summary>
    private static string? Timestamp(JsonElement e, params string[] names)
    {
        if (Find(e, "incident_timestamp_values") is not { ValueKind: JsonValueKind.Array } values) return null;
        foreach (var v in values.EnumerateArray())
        {
            var name = At("incident_timestamp.name")(v)?.ToLowerInvariant();
            if (name is not null && names.Any(n => name.StartsWith(n, StringComparison.Ordinal)))
                return FirstOf("value.value", "value")(v);
        }
        return null;
    }

    /// <summary>The values of the custom field of one of these names, joined: options, catalog entries, text or numbers.</summary>
    private static string? CustomField(JsonElement e, params string[] names)
    {
        if (Find(e, "custom_field_entries") is not { ValueKind: JsonValueKind.Array } entries) return null;
        foreach (var entry in entries.EnumerateArray())
        {
            if (At("custom_field.name")(entry)?.ToLowerInvariant() is not { } name || !names.Contains(name)) continue;
            if (Find(entry, "values") is not { ValueKind: JsonValueKind.Array } values) return null;
            var parts = values.EnumerateArray()
                .Select(v => FirstOf("value_catalog_entry.name", "value_option.value", "value_text", "value_numeric", "value_link")(v))
                .Where(v => !string.IsNullOrEmpty(v)).ToList();
            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
        return null;
    }

    private static string? Lead(JsonElement e)
    {
        if (Find(e, "incident_role_assignments") is not { ValueKind: JsonValueKind.Array } roles) return null;
        foreach (var r in roles.EnumerateArray())
            if (At("role.role_type")(r) == "lead") return At("assignee.name")(r);
        return null;
    }
}
