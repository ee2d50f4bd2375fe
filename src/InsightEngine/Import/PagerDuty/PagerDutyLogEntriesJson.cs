using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.PagerDuty;

/// <summary>
/// PagerDuty REST API v2 <c>GET /log_entries</c> (or <c>/incidents/{id}/log_entries</c>) dumps: every trigger, notification,
/// acknowledgement, assignment, escalation and resolution, as timeline events. They give the first acknowledgement of
/// resolved incidents (which <c>/incidents</c> no longer lists), who was paged (notify entries name the user), and whether
/// a resolution was a person's or the integration's.
/// </summary>
public sealed class PagerDutyLogEntriesJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "pagerduty-log-entries-json";

    /// <inheritdoc />
    public override string Source => "pagerduty";

    /// <inheritdoc />
    public override Entity Entity => Entity.Event;

    /// <inheritdoc />
    public override string Description => "PagerDuty REST API v2 GET /log_entries dump ({\"log_entries\": [...]}): acknowledgements, notifications, resolutions";

    /// <inheritdoc />
    public override string RecordsProperty => "log_entries";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } = ["id", "type", "created_at", "incident", "agent", "channel"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("incident_external_id", "incident.id", At("incident.id")),
        new("occurred_at", "created_at", At("created_at")),
        new("kind", "type", e => Kind(At("type")(e))),
        new("kind_raw", "type", At("type")),
        // A notification's subject is the user paged; every other entry's is its agent.
        new("actor", "agent.summary", e => At("type")(e) == "notify_log_entry" ? FirstOf("user.summary", "agent.summary")(e) : At("agent.summary")(e)),
        new("automated", "agent.type", Automated),
        new("detail", "summary", FirstOf("summary", "event_details.description")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>();

    /// <summary><c>acknowledge_log_entry</c> → <c>acknowledge</c>, and so on.</summary>
    private static string? Kind(string? type) => type?.EndsWith("_log_entry", StringComparison.Ordinal) == true ? type[..^"_log_entry".Length] : type;

    /// <summary>Done by an integration, a timeout or a rule: the agent is not a user, or the channel says auto/timeout.</summary>
    private static string? Automated(JsonElement e)
    {
        var channel = At("channel.type")(e);
        if (channel is "auto" or "timeout") return "true";
        return Find(e, "agent") is { } agent ? (!PagerDutyIncidentsJson.IsPerson(agent)).ToString() : null;
    }
}
