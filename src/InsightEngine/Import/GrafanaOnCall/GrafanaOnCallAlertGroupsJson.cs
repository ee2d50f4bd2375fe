using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.GrafanaOnCall;

/// <summary>
/// Grafana OnCall public API <c>GET /api/v1/alert_groups/</c> dumps (<c>{"count", "next", "previous", "results": [...]}</c>).
/// An alert group is the paged unit: one alert row with <c>alerts_count</c> as its folded occurrences. Service, severity
/// and rule come from the group's labels (<c>service</c>, <c>severity</c>, <c>alertname</c>) where present. A group resolved
/// without a resolving user was resolved by its alert source (auto).
/// </summary>
public sealed class GrafanaOnCallAlertGroupsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "grafana-oncall-alert-groups-json";

    /// <inheritdoc />
    public override string Source => "grafana-oncall";

    /// <inheritdoc />
    public override Entity Entity => Entity.Alert;

    /// <inheritdoc />
    public override string Description => "Grafana OnCall GET /api/v1/alert_groups/ dump ({\"results\": [...]}; alerts_count, labels)";

    /// <inheritdoc />
    public override string RecordsProperty => "results";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "integration_id", "route_id", "alerts_count", "state", "created_at", "resolved_at", "acknowledged_at", "title", "permalinks"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("fingerprint", "labels[alertname]", e => Label(e, "alertname") ?? At("title")(e)),
        new("title", "title", At("title")),
        new("service", "labels[service]", e => Label(e, "service")),
        new("team", "labels[team]", e => Label(e, "team") ?? At("team_id")(e)),
        new("severity_raw", "labels[severity]", e => Label(e, "severity")),
        new("status_raw", "state", At("state")),
        new("created_at", "created_at", At("created_at")),
        new("acknowledged_at", "acknowledged_at", At("acknowledged_at")),
        new("resolved_at", "resolved_at", At("resolved_at")),
        new("acknowledged_by", "acknowledged_by", At("acknowledged_by")),
        new("resolved_by", "resolved_by", At("resolved_by")),
        new("resolved_by_kind", "resolved_by", e => At("resolved_at")(e) is null ? null : At("resolved_by")(e) is null ? "auto" : "person"),
        new("dedup_count", "alerts_count", At("alerts_count")),
        new("alert_source", "integration_id", At("integration_id")),
        new("tags", "labels", Labels),
        new("url", "permalinks.web", At("permalinks.web")),
    ];

    /// <summary>Alertmanager-style severity labels.</summary>
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>
    {
        ["critical"] = "SEV1", ["high"] = "SEV2", ["error"] = "SEV2", ["warning"] = "SEV3", ["medium"] = "SEV3",
        ["low"] = "SEV4", ["info"] = "SEV5", ["p1"] = "SEV1", ["p2"] = "SEV2", ["p3"] = "SEV3", ["p4"] = "SEV4", ["p5"] = "SEV5",
    };

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = new Dictionary<string, string>
    {
        ["new"] = "open", ["firing"] = "open", ["acknowledged"] = "acknowledged", ["silenced"] = "acknowledged", ["resolved"] = "resolved",
    };

    /// <summary>A label's value: labels are <c>[{"key": {"name"}, "value": {"name"}}]</c>.</summary>
    private static string? Label(JsonElement e, string key)
    {
        if (Find(e, "labels") is not { ValueKind: JsonValueKind.Array } labels) return null;
        foreach (var l in labels.EnumerateArray())
            if (string.Equals(FirstOf("key.name", "key")(l), key, StringComparison.OrdinalIgnoreCase)) return FirstOf("value.name", "value")(l);
        return null;
    }

    private static string? Labels(JsonElement e)
    {
        if (Find(e, "labels") is not { ValueKind: JsonValueKind.Array } labels) return null;
        var parts = labels.EnumerateArray().Select(l => $"{FirstOf("key.name", "key")(l)}:{FirstOf("value.name", "value")(l)}").ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
