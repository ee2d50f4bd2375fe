using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.Opsgenie;

/// <summary>
/// Opsgenie <c>GET /v2/alerts</c> dumps (<c>{"data": [...], "paging": {...}}</c>). Acknowledge and close times come from
/// <c>report.ackTime</c> / <c>report.closeTime</c>, durations in milliseconds from <c>createdAt</c>; <c>count</c> is how many
/// occurrences Opsgenie folded into the alert (the key to noise). The service is the <c>service:</c> tag where there is one.
/// </summary>
public sealed class OpsgenieAlertsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "opsgenie-alerts-json";

    /// <inheritdoc />
    public override string Source => "opsgenie";

    /// <inheritdoc />
    public override Entity Entity => Entity.Alert;

    /// <inheritdoc />
    public override string Description => "Opsgenie GET /v2/alerts dump ({\"data\": [...]}; report.ackTime/closeTime in ms)";

    /// <inheritdoc />
    public override string RecordsProperty => "data";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "tinyId", "alias", "message", "status", "acknowledged", "isSeen", "count", "lastOccurredAt", "createdAt", "priority", "report"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "tinyId", At("tinyId")),
        new("fingerprint", "alias", At("alias")),
        new("title", "message", At("message")),
        new("service", "tags[service:]", e => Tag(e, "service")),
        new("service", "entity", At("entity")),
        new("team", "teams[0]", FirstOf("teams[0].name", "teams[0].id")),
        new("severity_raw", "priority", At("priority")),
        new("status_raw", "status", At("status")),
        new("created_at", "createdAt", At("createdAt")),
        new("last_occurred_at", "lastOccurredAt", At("lastOccurredAt")),
        new("acknowledged_by", "report.acknowledgedBy", At("report.acknowledgedBy")),
        new("resolved_by", "report.closedBy", At("report.closedBy")),
        new("resolved_by_kind", "report.closedBy", e => OpsgenieAlertsCsv.CloserKind(At("report.closedBy")(e))),
        new("dedup_count", "count", At("count")),
        new("alert_source", "source", FirstOf("integration.name", "source")),
        new("tags", "tags", Join("tags")),
        new("ack_after", "report.ackTime", At("report.ackTime"), FieldKind.Milliseconds),
        new("resolve_after", "report.closeTime", At("report.closeTime"), FieldKind.Milliseconds),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => OpsgenieAlertsCsv.Priorities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => OpsgenieAlertsCsv.Statuses;

    /// <summary>The value of a <c>key:value</c> tag.</summary>
    internal static string? Tag(JsonElement e, string key)
    {
        if (Find(e, "tags") is not { ValueKind: JsonValueKind.Array } tags) return null;
        foreach (var t in tags.EnumerateArray())
            if (t.GetString() is { } s && s.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)) return s[(key.Length + 1)..];
        return null;
    }
}
