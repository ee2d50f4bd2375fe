using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.ServiceNow;

/// <summary>
/// ServiceNow Table API dumps of the incident table (<c>GET /api/now/table/incident</c>: <c>{"result": [...]}</c>). A field
/// is a plain string (raw value by default, display value with <c>sysparm_display_value=true</c>), a reference
/// <c>{"link", "value"}</c>, or with <c>sysparm_display_value=all</c> an object <c>{"display_value", "value"}</c>: the display
/// value is taken for names and choices, the raw value (UTC) for dates. Keyed by <c>number</c> like the CSV, so both
/// exports of one incident are one row.
/// </summary>
public sealed class ServiceNowTableJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-table-json";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "ServiceNow Table API incident dump ({\"result\": [...]}, raw, display or all values)";

    /// <inheritdoc />
    public override string RecordsProperty => "result";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["number", "sys_id", "short_description", "opened_at", "priority", "state", "assignment_group", "sys_mod_count",
         "incident_state", "caller_id", "problem_id", "calendar_stc"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "number", Display("number")),
        new("number", "number", Display("number")),
        new("title", "short_description", Display("short_description")),
        new("service", "business_service", Display("business_service")),
        new("service", "cmdb_ci", Display("cmdb_ci")),
        new("team", "assignment_group", Display("assignment_group")),
        new("severity_raw", "priority", Display("priority")),
        new("status_raw", "state", FirstOf("state.display_value", "state", "incident_state.display_value", "incident_state")),
        new("status_alt", "incident_state", FirstOf("incident_state.display_value", "incident_state")),
        new("created_at", "opened_at", Date("opened_at")),
        new("acknowledged_at", "work_start", Date("work_start")),
        new("resolved_at", "resolved_at", Date("resolved_at")),
        new("closed_at", "closed_at", Date("closed_at")),
        new("declared_by", "opened_by", Display("opened_by")),
        new("declared_by", "caller_id", Display("caller_id")),
        new("assignee", "assigned_to", Display("assigned_to")),
        new("resolved_by", "resolved_by", Display("resolved_by")),
        new("resolved_by", "closed_by", Display("closed_by")),
        new("resolve_after", "calendar_duration", FirstOf("calendar_duration.value", "calendar_duration", "calendar_stc.value", "calendar_stc"), FieldKind.Duration),
        new("updated_at", "sys_updated_on", Date("sys_updated_on")),
        new("category", "category", Display("category")),
        new("detection_source", "contact_type", Display("contact_type")),
        new("version", "sys_mod_count", Display("sys_mod_count")),
        new("postmortem_ref", "problem_id", Display("problem_id")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => ServiceNowIncidentsCsv.Priorities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => ServiceNowIncidentsCsv.States;

    /// <summary>A name or choice: the display value where given, else the plain string (a bare reference gives its sys_id).</summary>
    internal static Func<JsonElement, string?> Display(string field) => e => Find(e, field) switch
    {
        { ValueKind: JsonValueKind.Object } o => FirstOf("display_value", "value")(o),
        var v => Text(v),
    };

    /// <summary>
    /// A date: where an object gives both, the raw value, which is UTC (marked so, whatever <c>--timezone</c> says);
    /// else the plain string, read in the import's zone (UTC by default, which is what raw dumps hold).
    /// </summary>
    internal static Func<JsonElement, string?> Date(string field) => e => Find(e, field) switch
    {
        { ValueKind: JsonValueKind.Object } o => At("value")(o) is { Length: > 0 } utc ? utc + "Z" : At("display_value")(o),
        var v => Text(v),
    };
}
