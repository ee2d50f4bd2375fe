using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.Opsgenie;

/// <summary>
/// Opsgenie postmortem reports (<c>GET /v2/postmortem/{id}</c>, docs.opsgenie.com "Postmortem API": the only documented
/// call, one report per request), saved as a list: <c>{"data": [report, ...]}</c> or a top-level array of reports.
/// Read as postmortems of the incident in <c>rootIncident</c> and of the <c>relatedIncidents</c>. Status: draft, or
/// published (the only other state the UI has); the API gives no publication time, so a published report counts as
/// completed with its time unknown.
/// </summary>
public sealed class OpsgeniePostmortemsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "opsgenie-postmortems-json";

    /// <inheritdoc />
    public override string Source => "opsgenie";

    /// <inheritdoc />
    public override Entity Entity => Entity.Postmortem;

    /// <inheritdoc />
    public override string Description => "Opsgenie postmortem reports (GET /v2/postmortem/{id} responses' data, as a list): postmortems with status";

    /// <inheritdoc />
    public override string RecordsProperty => "data";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["postmortemId", "title", "status", "rootIncident", "owner", "createdAtTime", "executiveSummary", "relatedIncidents", "timeline"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "postmortemId", At("postmortemId")),
        new("title", "title", At("title")),
        new("status_raw", "status", At("status")),
        new("owner", "owner.name", At("owner.name")),
        new("created_at", "createdAtTime", At("createdAtTime")),
        new("incident_refs", "rootIncident.id, relatedIncidents[].id", Incidents),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["draft"] = "in_progress", ["published"] = "completed", ["completed"] = "completed",
    };

    /// <summary>The root incident's id (and tinyId) and the related incidents' ids.</summary>
    private static string? Incidents(JsonElement report)
    {
        var refs = new List<string?> { At("rootIncident.id")(report) };
        if (Find(report, "relatedIncidents") is { ValueKind: JsonValueKind.Array } related)
            refs.AddRange(related.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : At("id")(r)));
        var ids = refs.Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0 ? null : string.Join(", ", ids);
    }
}
