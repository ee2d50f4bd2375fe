using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;
using static InsightEngine.Import.ServiceNow.ServiceNowTableJson;

namespace InsightEngine.Import.ServiceNow;

/// <summary>
/// ServiceNow problem management: a <c>problem</c> is the incident's root-cause analysis (read as its postmortem; incidents
/// name it in <c>problem_id</c>), a <c>problem_task</c> a piece of work on it (read as an action item). States (Madrid and
/// later; ServiceNow's docs and the certified servicenow.itsm collection): problem 101 New, 102 Assess, 103 Root Cause
/// Analysis, 104 Fix in Progress, 106 Resolved, 107 Closed (no 105); problem task 151 New, 152 Assess, 154 Work in
/// Progress, 157 Closed, with close_code canceled for a task closed without doing it. A problem's analysis is complete
/// once it reaches Fix in Progress (the root cause is known): its completion time is when it got there (<c>fix_at</c>),
/// else when it was resolved or closed.
/// </summary>
internal static class ServiceNowProblems
{
    /// <summary>Problem states, raw and display → postmortem states.</summary>
    public static IReadOnlyDictionary<string, string> ProblemStates { get; } = new Dictionary<string, string>
    {
        ["101"] = "open", ["102"] = "in_progress", ["103"] = "in_progress", ["104"] = "completed", ["106"] = "completed", ["107"] = "completed",
        ["new"] = "open", ["assess"] = "in_progress", ["root cause analysis"] = "in_progress", ["fix in progress"] = "completed",
        ["resolved"] = "completed", ["closed"] = "completed",
        // Before Madrid: Open, Known Error, Pending Change, Closed/Resolved.
        ["open"] = "open", ["known error"] = "completed", ["pending change"] = "completed", ["closed/resolved"] = "completed",
        ["canceled"] = "cancelled", ["cancelled"] = "cancelled",
    };

    /// <summary>Problem task states, raw and display (and the legacy task states) → action-item states.</summary>
    public static IReadOnlyDictionary<string, string> TaskStates { get; } = new Dictionary<string, string>
    {
        ["151"] = "open", ["152"] = "open", ["154"] = "in_progress", ["157"] = "done",
        ["new"] = "open", ["assess"] = "open", ["work in progress"] = "in_progress", ["closed"] = "done",
        ["pending"] = "open", ["open"] = "open", ["closed complete"] = "done", ["closed incomplete"] = "cancelled", ["closed skipped"] = "cancelled",
        ["-5"] = "open", ["1"] = "open", ["2"] = "in_progress", ["3"] = "done", ["4"] = "cancelled", ["7"] = "cancelled",
        ["canceled"] = "cancelled", ["cancelled"] = "cancelled",
    };

    /// <summary>SQL: a close code that says the task was not done (canceled), else NULL (then the state decides).</summary>
    public static string CanceledCode(string raw) => $"CASE WHEN lower(trim({raw})) IN ('canceled', 'cancelled') THEN {raw} END";
}

/// <summary>ServiceNow problem list CSV export (field names or labels; display or raw values), read as postmortems.</summary>
public sealed class ServiceNowProblemsCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-problems-csv";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.Postmortem;

    /// <inheritdoc />
    public override string Description => "ServiceNow problem list CSV (root-cause analyses, linked from incidents' problem_id): read as postmortems";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "number", "Number"),
        Map("number", "number", "Number"),
        Map("alt_id", "sys_id", "Sys ID"),
        Map("title", "short_description", "Short description", "Problem statement"),
        Map("status_raw", "problem_state", "state", "Problem state", "State"),
        Map("owner", "assigned_to", "Assigned to"),
        Map("created_at", "opened_at", "Opened", "sys_created_on", "Created"),
        Map("due_at", "due_date", "Due date"),
        Map("completed_at", "fix_at", "Fix at", "Fix started"),
        Map("completed_at", "resolved_at", "Resolved"),
        Map("completed_at", "closed_at", "Closed"),
        Map("updated_at", "sys_updated_on", "Updated"),
        // Columns only a problem list has: they tell it from an incident list.
        Map("status_alt", "known_error", "Known error"),
        Map("incident_refs", "first_reported_by_task", "First reported by"),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => ServiceNowProblems.ProblemStates;

    /// <inheritdoc />
    public override IReadOnlyList<string> DateFormats => ServiceNowIncidentsCsv.Formats;

    /// <summary>Fields only a problem has (names and labels).</summary>
    public override IReadOnlyList<string> IdentifyingColumns { get; } =
        ["problem_state", "known_error", "fix_at", "cause_notes", "fix_notes", "workaround", "first_reported_by_task",
         "Problem state", "Known error", "Fix notes", "Cause notes", "Workaround", "Problem statement", "First reported by"];
}

/// <summary>ServiceNow problem task list CSV export, read as action items of their problem.</summary>
public sealed class ServiceNowProblemTasksCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-problem-tasks-csv";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.ActionItem;

    /// <inheritdoc />
    public override string Description => "ServiceNow problem task list CSV (problem, assigned_to, due_date, state, closed_at): read as action items";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "number", "Number"),
        Map("number", "number", "Number"),
        Map("title", "short_description", "Short description"),
        new("status_raw", ["close_code", "Close code"], Transform: ServiceNowProblems.CanceledCode),
        Map("status_raw", "state", "State"),
        Map("priority", "priority", "Priority"),
        Map("owner", "assigned_to", "Assigned to"),
        Map("team", "assignment_group", "Assignment group"),
        Map("created_at", "opened_at", "Opened", "sys_created_on", "Created"),
        Map("due_at", "due_date", "Due date"),
        Map("completed_at", "closed_at", "Closed"),
        Map("updated_at", "sys_updated_on", "Updated"),
        Map("postmortem_refs", "problem", "Problem"),
        Map("status_alt", "problem_task_type", "Type"),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => ServiceNowProblems.TaskStates;

    /// <inheritdoc />
    public override IReadOnlyList<string> DateFormats => ServiceNowIncidentsCsv.Formats;

    /// <summary>
    /// The task's type, or its <c>problem</c> reference as a field name (lower case: an incident list exported with labels
    /// has a <c>Problem</c> column too, so a problem task list exported with labels needs <c>--source</c>).
    /// </summary>
    public override IReadOnlyList<string> IdentifyingColumns { get; } = ["problem_task_type", "Problem task type", "problem"];
}

/// <summary>ServiceNow Table API dump of the problem table (<c>GET /api/now/table/problem</c>), read as postmortems.</summary>
public sealed class ServiceNowProblemJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-problem-json";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.Postmortem;

    /// <inheritdoc />
    public override string Description => "ServiceNow Table API problem dump ({\"result\": [...]}): read as postmortems";

    /// <inheritdoc />
    public override string RecordsProperty => "result";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["number", "sys_id", "short_description", "problem_state", "known_error", "cause_notes", "fix_notes", "workaround", "fix_at", "related_incidents"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "number", Display("number")),
        new("number", "number (number)", Display("number")),
        new("alt_id", "sys_id", Display("sys_id")),
        new("title", "short_description", Display("short_description")),
        new("status_raw", "problem_state", FirstOf("problem_state", "state")),
        new("owner", "assigned_to", Display("assigned_to")),
        new("created_at", "opened_at", Date("opened_at")),
        new("due_at", "due_date", Date("due_date")),
        new("completed_at", "fix_at", e => Date("fix_at")(e) ?? Date("resolved_at")(e) ?? Date("closed_at")(e)),
        new("updated_at", "sys_updated_on", Date("sys_updated_on")),
        new("incident_refs", "first_reported_by_task", Display("first_reported_by_task")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => ServiceNowProblems.ProblemStates;

    /// <summary>A choice's display value where given, else its raw value: the first of the fields that has one.</summary>
    private static Func<System.Text.Json.JsonElement, string?> FirstOf(params string[] fields) =>
        e => fields.Select(f => Display(f)(e)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}

/// <summary>ServiceNow Table API dump of the problem_task table, read as action items.</summary>
public sealed class ServiceNowProblemTaskJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "servicenow-problem-task-json";

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override Entity Entity => Entity.ActionItem;

    /// <inheritdoc />
    public override string Description => "ServiceNow Table API problem_task dump ({\"result\": [...]}): read as action items";

    /// <inheritdoc />
    public override string RecordsProperty => "result";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } =
        ["number", "sys_id", "short_description", "problem", "problem_task_type", "state", "due_date", "close_code", "cause_code"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "number", Display("number")),
        new("number", "number (number)", Display("number")),
        new("title", "short_description", Display("short_description")),
        new("status_raw", "state", e => Display("close_code")(e) is { } code && code.Trim().ToLowerInvariant() is "canceled" or "cancelled" ? code : Display("state")(e)),
        new("priority", "priority", Display("priority")),
        new("owner", "assigned_to", Display("assigned_to")),
        new("team", "assignment_group", Display("assignment_group")),
        new("created_at", "opened_at", Date("opened_at")),
        new("due_at", "due_date", Date("due_date")),
        new("completed_at", "closed_at", Date("closed_at")),
        new("updated_at", "sys_updated_on", Date("sys_updated_on")),
        new("postmortem_refs", "problem", Display("problem")),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => ServiceNowProblems.TaskStates;
}
