using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.IncidentIo;

/// <summary>
/// incident.io API v2 <c>GET /v2/follow_ups</c> dumps (<c>{"follow_ups": [...]}</c>, not paginated), read as action items of
/// the incident named by <c>incident_id</c>. Statuses: outstanding, completed, not_doing, deleted (FollowUpV2 in
/// incident.io's OpenAPI schema). A follow-up has no due date and no acceptance criterion in incident.io, so none is
/// time-bound there and measurability is not judged (docs/metrics.md "SMART action items").
/// </summary>
public sealed class IncidentIoFollowUpsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "incidentio-follow-ups-json";

    /// <inheritdoc />
    public override string Source => "incidentio";

    /// <inheritdoc />
    public override Entity Entity => Entity.ActionItem;

    /// <inheritdoc />
    public override string Description => "incident.io API v2 GET /v2/follow_ups dump ({\"follow_ups\": [...]}): action items of incidents";

    /// <inheritdoc />
    public override string RecordsProperty => "follow_ups";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "incident_id", "title", "status", "assignee", "priority", "created_at", "updated_at", "completed_at", "creator", "labels"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "external_issue_reference.issue_name", At("external_issue_reference.issue_name")),
        new("title", "title", At("title")),
        new("status_raw", "status", At("status")),
        new("priority", "priority.name", At("priority.name")),
        new("owner", "assignee.name", FirstOf("assignee.name", "assignee.email")),
        new("team", "assignee_team.name", At("assignee_team.name")),
        new("created_at", "created_at", At("created_at")),
        new("completed_at", "completed_at", At("completed_at")),
        new("updated_at", "updated_at", At("updated_at")),
        new("incident_refs", "incident_id", At("incident_id")),
        new("url", "external_issue_reference.issue_permalink", At("external_issue_reference.issue_permalink")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["outstanding"] = "open", ["completed"] = "done", ["not_doing"] = "cancelled", ["deleted"] = "cancelled",
    };
}

/// <summary>
/// incident.io <c>GET /v1/postmortem_documents</c> dumps (<c>{"postmortem_documents": [...]}</c>), read as postmortems of the
/// incident named by <c>incident_id</c>: status in_progress, in_review or completed. The API gives no completion time, so
/// a completed document counts as completed with its time unknown (not within or past the due period).
/// </summary>
public sealed class IncidentIoPostmortemsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "incidentio-postmortems-json";

    /// <inheritdoc />
    public override string Source => "incidentio";

    /// <inheritdoc />
    public override Entity Entity => Entity.Postmortem;

    /// <inheritdoc />
    public override string Description => "incident.io GET /v1/postmortem_documents dump ({\"postmortem_documents\": [...]}): postmortems with status";

    /// <inheritdoc />
    public override string RecordsProperty => "postmortem_documents";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "incident_id", "title", "status", "document_url", "created_at", "updated_at", "type", "editors", "exported_urls"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("title", "title", At("title")),
        new("status_raw", "status", At("status")),
        new("owner", "editors[0].name", At("editors[0].name")),
        new("created_at", "created_at", At("created_at")),
        new("updated_at", "updated_at", At("updated_at")),
        new("incident_refs", "incident_id", At("incident_id")),
        new("url", "document_url", At("document_url")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["in_progress"] = "in_progress", ["in_review"] = "in_progress", ["completed"] = "completed",
    };
}
