using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.Opsgenie;

/// <summary>
/// Opsgenie Incident API dumps (<c>GET /v1/incidents</c>: <c>{"data": [...]}</c>). Opsgenie incidents carry no
/// acknowledgement; impact start and end give started/resolved times, falling back (counted and named in the import summary) to <c>updatedAt</c> for a resolved
/// incident without an impact end. The service is <c>extraProperties.service</c>, else the first impacted service id.
/// </summary>
public sealed class OpsgenieIncidentsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "opsgenie-incidents-json";

    /// <inheritdoc />
    public override string Source => "opsgenie";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "Opsgenie GET /v1/incidents dump ({\"data\": [...]} with impactedServices, ownerTeam)";

    /// <inheritdoc />
    public override string RecordsProperty => "data";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "tinyId", "message", "status", "priority", "createdAt", "impactedServices", "ownerTeam", "impactStartDate", "links", "extraProperties"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "tinyId", At("tinyId")),
        new("title", "message", At("message")),
        new("service", "extraProperties.service", FirstOf("extraProperties.service", "impactedServices[0]")),
        new("team", "ownerTeam", FirstOf("ownerTeam.name", "ownerTeam")),
        new("severity_raw", "priority", At("priority")),
        new("status_raw", "status", At("status")),
        new("created_at", "createdAt", At("createdAt")),
        new("started_at", "impactStartDate", At("impactStartDate")),
        new("resolved_at", "impactEndDate", e => At("status")(e) is "resolved" or "closed" ? At("impactEndDate")(e) : null),
        // A resolved incident without an impact end: its last update stands in, labelled as such in the import summary
        // ("resolve times derived from 'updatedAt'"), never silently.
        new("done_at", "updatedAt", At("updatedAt")),
        new("declared_by", "extraProperties.reporter", At("extraProperties.reporter")),
        new("commander", "extraProperties.commander", At("extraProperties.commander")),
        new("postmortem_url", "extraProperties.postmortem", At("extraProperties.postmortem")),
        new("category", "tags", Join("tags")),
        new("url", "links.web", At("links.web")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => OpsgenieAlertsCsv.Priorities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["open"] = "open", ["resolved"] = "resolved", ["closed"] = "closed",
    };
}
