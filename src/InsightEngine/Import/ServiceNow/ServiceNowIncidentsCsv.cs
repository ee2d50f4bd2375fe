using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;

namespace InsightEngine.Import.ServiceNow;

/// <summary>
/// ServiceNow incident list CSV export. Headers are field names by default (<c>number, short_description, opened_at,
/// priority, state, assignment_group ...</c>) or labels when exported with labels (<c>Number, Opened, Priority ...</c>);
/// values are display values (<c>1 - Critical</c>, <c>Resolved</c>) or raw ones (<c>1</c>, <c>6</c>). Dates carry no zone:
/// they are the exporting user's (display) or UTC (raw) — pass <c>--timezone</c>. An audit-style export with several
/// rows per incident keeps the row with the highest <c>sys_mod_count</c>; the older rows count as superseded.
/// </summary>
public sealed class ServiceNowIncidentsCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-incidents-csv";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "ServiceNow incident list CSV (field names or labels; display or raw values; sys_mod_count versions)";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "number", "Number"),
        Map("number", "number", "Number"),
        Map("title", "short_description", "Short description"),
        Map("service", "business_service", "Service"),
        Map("service", "cmdb_ci", "Configuration item"),
        Map("team", "assignment_group", "Assignment group"),
        Map("severity_raw", "priority", "Priority"),
        Map("status_raw", "state", "incident_state", "State", "Incident state"),
        Map("status_alt", "incident_state", "Incident state"),
        Map("created_at", "opened_at", "Opened", "sys_created_on", "Created"),
        Map("acknowledged_at", "work_start", "Actual start"),
        Map("resolved_at", "resolved_at", "Resolved"),
        Map("closed_at", "closed_at", "Closed"),
        Map("declared_by", "opened_by", "Opened by"),
        Map("declared_by", "caller_id", "Caller"),
        Map("assignee", "assigned_to", "Assigned to"),
        Map("resolved_by", "resolved_by", "Resolved by"),
        Map("resolved_by", "closed_by", "Closed by"),
        // No resolved_at in the export (a default list view): opened + the calendar duration ServiceNow computed at
        // resolution. business_duration / business_stc count only the SLA schedule's hours, so they are not a TTR.
        new("resolve_after", ["calendar_duration", "Duration", "calendar_stc", "Resolve time"], FieldKind.Duration),
        Map("updated_at", "sys_updated_on", "Updated", "sys_updated_at"),
        Map("category", "category", "Category"),
        Map("detection_source", "contact_type", "Channel"),
        Map("version", "sys_mod_count", "Updates"),
        Map("postmortem_ref", "problem_id", "Problem"),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Priorities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => States;

    /// <summary>Display formats users' profiles commonly pick, after the system default <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public override IReadOnlyList<string> DateFormats => Formats;

    /// <summary>The formats of <see cref="DateFormats"/>, shared with the problem and problem task lists.</summary>
    internal static IReadOnlyList<string> Formats { get; } =
        ["%d-%m-%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S"];

    /// <summary>Display values and raw numbers alike.</summary>
    internal static IReadOnlyDictionary<string, string> Priorities { get; } = new Dictionary<string, string>
    {
        ["1 - critical"] = "SEV1", ["2 - high"] = "SEV2", ["3 - moderate"] = "SEV3", ["4 - low"] = "SEV4", ["5 - planning"] = "SEV5",
        ["1"] = "SEV1", ["2"] = "SEV2", ["3"] = "SEV3", ["4"] = "SEV4", ["5"] = "SEV5",
    };

    /// <summary>
    /// Incident states, display and raw: <c>state</c> (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled)
    /// and the legacy <c>incident_state</c> labels of older instances and list views (2 Active, 3 Awaiting Problem,
    /// 4 Awaiting User Info, 5 Awaiting Evidence). Custom states go in <c>import: statuses: servicenow:</c> (insight.yaml);
    /// a state neither knows is derived from the times.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> States { get; } = new Dictionary<string, string>
    {
        ["new"] = "open", ["in progress"] = "acknowledged", ["on hold"] = "acknowledged", ["active"] = "acknowledged",
        ["awaiting problem"] = "acknowledged", ["awaiting user info"] = "acknowledged", ["awaiting evidence"] = "acknowledged",
        ["awaiting change"] = "acknowledged", ["awaiting vendor"] = "acknowledged", ["awaiting caller"] = "acknowledged",
        ["resolved"] = "resolved", ["closed"] = "closed", ["canceled"] = "closed", ["cancelled"] = "closed",
        ["1"] = "open", ["2"] = "acknowledged", ["3"] = "acknowledged", ["4"] = "acknowledged", ["5"] = "acknowledged",
        ["6"] = "resolved", ["7"] = "closed", ["8"] = "closed",
    };
}
