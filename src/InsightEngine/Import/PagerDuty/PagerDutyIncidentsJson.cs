using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.PagerDuty;

/// <summary>
/// PagerDuty REST API v2 <c>GET /incidents</c> dumps (<c>{"incidents": [...], "limit", "offset", "more"}</c>, one file
/// per page). The API drops <c>acknowledgements</c> once an incident is resolved, so a resolved incident's first
/// acknowledgement comes from a <c>/log_entries</c> dump (<see cref="PagerDutyLogEntriesJson"/>), imported in either order.
/// The resolve time is <c>resolved_at</c> where the account returns it, else <c>last_status_change_at</c> of a resolved incident.
/// </summary>
public sealed class PagerDutyIncidentsJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "pagerduty-incidents-json";

    /// <inheritdoc />
    public override string Source => "pagerduty";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "PagerDuty REST API v2 GET /incidents dump ({\"incidents\": [...]}, one file per page)";

    /// <inheritdoc />
    public override string RecordsProperty => "incidents";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["id", "incident_number", "title", "status", "urgency", "service", "created_at", "html_url", "escalation_policy", "assignments"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "incident_number", At("incident_number")),
        new("title", "title", FirstOf("title", "summary")),
        new("service", "service.summary", At("service.summary")),
        new("team", "teams[0].summary", At("teams[0].summary")),
        new("severity_raw", "priority.summary", At("priority.summary")),
        new("severity_raw", "urgency", At("urgency")), // per row: without priorities, urgency alone
        new("status_raw", "status", At("status")),
        new("created_at", "created_at", At("created_at")),
        new("acknowledged_at", "acknowledgements[].at", e => FirstAcknowledgement(e)?.At),
        new("acknowledged_by", "acknowledgements[].acknowledger.summary", e => FirstAcknowledgement(e)?.By),
        new("resolved_at", "resolved_at", e => Resolved(e) ? FirstOf("resolved_at", "last_status_change_at")(e) : null),
        new("resolved_by", "last_status_change_by.summary", e => Resolved(e) && IsPerson(Find(e, "last_status_change_by")) ? At("last_status_change_by.summary")(e) : null),
        new("auto_resolved", "last_status_change_by.type", e => Resolved(e) && Find(e, "last_status_change_by") is { } by ? (!IsPerson(by)).ToString() : null),
        new("assignee", "assignments[].assignee.summary", Join("assignments", "assignee.summary")),
        new("escalation_policy", "escalation_policy.summary", At("escalation_policy.summary")),
        new("fingerprint", "incident_key", At("incident_key")),
        new("alert_count", "alert_counts.all", At("alert_counts.all")),
        new("url", "html_url", At("html_url")),
        new("commander", "incidents_responders[0].user.summary", At("incidents_responders[0].user.summary")),
    ];

    /// <summary>Priority P1..P5 first; without priorities, urgency high → SEV2 and low → SEV4 (as for the CSV).</summary>
    public override IReadOnlyDictionary<string, string> SeverityMap => PagerDutyIncidentsCsv.Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => PagerDutyIncidentsCsv.Statuses;

    private static bool Resolved(JsonElement e) => At("status")(e) == "resolved";

    /// <summary>A reference to a person (user_reference), as opposed to a service or integration.</summary>
    internal static bool IsPerson(JsonElement? reference) =>
        At("type")(reference ?? default) is { } type && type.StartsWith("user", StringComparison.Ordinal);

    /// <summary>The earliest acknowledgement listed (the list is not guaranteed to be in time order).</summary>
    private static (string At, string? By)? FirstAcknowledgement(JsonElement e)
    {
        if (Find(e, "acknowledgements") is not { ValueKind: JsonValueKind.Array } acks) return null;
        (string At, string? By, DateTimeOffset T)? first = null;
        foreach (var a in acks.EnumerateArray())
        {
            if (At("at")(a) is not { } at) continue;
            if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var t)) return (at, At("acknowledger.summary")(a)); // let the pipeline reject it
            if (first is null || t < first.Value.T) first = (at, At("acknowledger.summary")(a), t);
        }
        return first is { } f ? (f.At, f.By) : null;
    }
}
