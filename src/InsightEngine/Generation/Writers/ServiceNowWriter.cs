using System.Text.Json;
using CsvHelper;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes incidents as ServiceNow exports: the incident list CSV (field-name headers, display values such as
/// <c>2 - High</c>, dates in the exporting user's zone without an offset, and an audit row per earlier
/// <c>sys_mod_count</c> for some incidents) and a Table API dump with <c>sysparm_display_value=all</c> objects.
/// </summary>
public static class ServiceNowWriter
{
    private static readonly string[] Header =
    [
        "number", "short_description", "opened_at", "work_start", "resolved_at", "closed_at", "priority", "state", "assignment_group",
        "assigned_to", "opened_by", "caller_id", "cmdb_ci", "business_service", "category", "contact_type", "sys_mod_count", "sys_updated_on",
        "problem_id",
    ];

    private static readonly string[] PriorityNames = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"];

    /// <summary>Writes the CSV; every third resolved incident also has its earlier "In Progress" version, written after it.</summary>
    public static void WriteCsv(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(Header);
        foreach (var i in incidents)
        {
            csv.WriteRecord(Row(i, zone, i.ResolvedAt, State(i), i.ResolveSeconds is null ? 1 : 3));
            if (i.ResolvedAt is not null && i.AcknowledgedAt is not null && i.Number % 3 == 0)
                csv.WriteRecord(Row(i, zone, null, "In Progress", 1)); // an older version: superseded on import
        }
    }

    private static string[] Row(GeneratedIncident i, TimeZoneInfo zone, DateTimeOffset? resolved, string state, int version) =>
    [
        Number(i), i.Title, Display(i.CreatedAt, zone), i.AcknowledgedAt is { } a ? Display(a, zone) : "",
        resolved is { } r ? Display(r, zone) : "", "", PriorityNames[i.Severity - 1], state, i.Team, i.Assignee.Name, i.DeclaredBy.Name,
        i.DeclaredBy.Name, $"{i.Service}-node", i.Service, "software", i.DeclaredBy.Group == "engineering" ? "monitoring" : "phone",
        Inv(version), Display(resolved ?? i.AcknowledgedAt ?? i.CreatedAt, zone), i.Postmortem is { } pm ? ProblemNumber(pm) : "",
    ];

    /// <summary>
    /// Writes the problem list CSV (field names, display values): one problem per postmortem, its state from how far the
    /// analysis got (Root Cause Analysis while open; Fix in Progress, then Resolved, once the cause is known).
    /// </summary>
    public static void WriteProblemsCsv(string path, IEnumerable<GeneratedPostmortem> problems, TimeZoneInfo zone)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(["number", "short_description", "problem_state", "known_error", "assigned_to", "assignment_group", "opened_at", "fix_at",
            "resolved_at", "sys_updated_on"]);
        foreach (var pm in problems)
        {
            var resolved = pm.CompletedAt is { } c && pm.Items.All(i => i.CompletedAt is not null || i.Cancelled) ? c.AddDays(1) : (DateTimeOffset?)null;
            csv.WriteRecord([
                ProblemNumber(pm), pm.Incidents[0].Title, pm.CompletedAt is null ? "Root Cause Analysis" : resolved is null ? "Fix in Progress" : "Resolved",
                pm.CompletedAt is null ? "false" : "true", pm.Owner.Name, pm.Incidents[0].Team, Display(pm.CreatedAt, zone),
                pm.CompletedAt is { } f ? Display(f, zone) : "", resolved is { } r ? Display(r, zone) : "", Display(resolved ?? pm.CompletedAt ?? pm.CreatedAt, zone),
            ]);
        }
    }

    /// <summary>Writes the problem_task Table API dump (<c>sysparm_display_value=all</c>): each task names its problem.</summary>
    public static void WriteProblemTasksJson(string path, IEnumerable<GeneratedPostmortem> problems, TimeZoneInfo zone) =>
        Dump(path, "result", problems.SelectMany(pm => pm.Items.Select(item => (pm, item))), (w, x) =>
        {
            var (pm, item) = x;
            w.WriteString("sys_id", Guid("ptask:" + item.Number).Replace("-", "", StringComparison.Ordinal));
            Both(w, "number", $"PTASK{item.Number + 10000:D7}", $"PTASK{item.Number + 10000:D7}");
            Both(w, "short_description", item.Title, item.Title);
            Both(w, "problem", ProblemNumber(pm), ProblemSysId(pm));
            Both(w, "problem_task_type", "General", "general");
            var (state, code) = item.CompletedAt is not null ? ("Closed", "157") : item.Cancelled ? ("Closed", "157") : ("Work in Progress", "154");
            Both(w, "state", state, code);
            Both(w, "close_code", item.Cancelled ? "Canceled" : item.CompletedAt is not null ? "Completed" : "", item.Cancelled ? "canceled" : item.CompletedAt is not null ? "completed" : "");
            Both(w, "assigned_to", item.Owner?.Name ?? "", item.Owner is { } o ? Guid("user:" + o.Name) : "");
            Both(w, "assignment_group", pm.Incidents[0].Team, Guid("group:" + pm.Incidents[0].Team));
            Both(w, "opened_at", Display(item.CreatedAt, zone), Raw(item.CreatedAt));
            Both(w, "due_date", item.DueAt is { } d ? Display(d, zone) : "", item.DueAt is { } rd ? Raw(rd) : "");
            var closed = item.CompletedAt ?? (item.Cancelled ? item.CreatedAt.AddDays(2) : (DateTimeOffset?)null);
            Both(w, "closed_at", closed is { } c ? Display(c, zone) : "", closed is { } rc ? Raw(rc) : "");
        });

    private static string ProblemNumber(GeneratedPostmortem pm) => $"PRB{pm.Number + 40000:D7}";

    private static string ProblemSysId(GeneratedPostmortem pm) => Guid("problem:" + pm.Number).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Writes the Table API dump with display and raw values (<c>sysparm_display_value=all</c>).</summary>
    public static void WriteTableJson(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone) =>
        Dump(path, "result", incidents, (w, i) =>
        {
            w.WriteString("sys_id", Guid("sn:" + i.Id).Replace("-", "", StringComparison.Ordinal));
            Both(w, "number", Number(i), Number(i));
            Both(w, "short_description", i.Title, i.Title);
            Both(w, "opened_at", Display(i.CreatedAt, zone), Raw(i.CreatedAt));
            Both(w, "work_start", i.AcknowledgedAt is { } a ? Display(a, zone) : "", i.AcknowledgedAt is { } ra ? Raw(ra) : "");
            Both(w, "resolved_at", i.ResolvedAt is { } r ? Display(r, zone) : "", i.ResolvedAt is { } rr ? Raw(rr) : "");
            Both(w, "priority", PriorityNames[i.Severity - 1], Inv(i.Severity));
            var state = State(i);
            Both(w, "state", state, state switch { "New" => "1", "In Progress" => "2", _ => "6" });
            Both(w, "assignment_group", i.Team, Guid("group:" + i.Team));
            Both(w, "assigned_to", i.Assignee.Name, Guid("user:" + i.Assignee.Name));
            Both(w, "opened_by", i.DeclaredBy.Name, Guid("user:" + i.DeclaredBy.Name));
            Both(w, "business_service", i.Service, Guid("service:" + i.Service));
            Both(w, "sys_mod_count", i.ResolveSeconds is null ? "1" : "3", i.ResolveSeconds is null ? "1" : "3");
            Both(w, "problem_id", i.Postmortem is { } pm ? ProblemNumber(pm) : "", i.Postmortem is { } p ? ProblemSysId(p) : "");
        });

    private static void Both(Utf8JsonWriter w, string name, string display, string value)
    {
        w.WriteStartObject(name);
        w.WriteString("display_value", display);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static string State(GeneratedIncident i) => i.ResolveSeconds is not null ? "Resolved" : i.AckSeconds is not null ? "In Progress" : "New";

    private static string Number(GeneratedIncident i) => $"INC{i.Number + 10000:D7}";

    /// <summary>The system default display format, in the user's zone, no offset.</summary>
    private static string Display(DateTimeOffset t, TimeZoneInfo zone) => Local(t, zone, "yyyy-MM-dd HH:mm:ss");

    /// <summary>Raw values are UTC.</summary>
    private static string Raw(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
