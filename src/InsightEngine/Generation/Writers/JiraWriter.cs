using System.Globalization;
using System.Text.Json;
using CsvHelper;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes incidents as Jira Service Management exports: the all-fields issue CSV (repeated columns, JSM first-response
/// date, dates like <c>25/Feb/26 10:17 PM</c> in the exporting user's zone, minute precision) and the REST search JSON
/// with a changelog (first response = the move to In Progress, resolution = the move to Resolved).
/// </summary>
public static class JiraWriter
{
    private static readonly string[] Header =
    [
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority", "Resolution", "Assignee",
        "Reporter", "Created", "Updated", "Resolved", "Component/s", "Component/s", "Description", "Watchers", "Watchers", "Labels", "Labels",
        "Custom field (Affected services)", "Custom field (Severity)", "Custom field (Team)", "Custom field ([CHART] Date of First Response)",
        "Comment", "Status Category",
    ];

    private static readonly string[] Priorities = ["Highest", "High", "Medium", "Low", "Lowest"];

    /// <summary>The Jira UI's date format (English month abbreviations), minute precision.</summary>
    public static string JiraDate(DateTimeOffset t, TimeZoneInfo zone) => Local(t, zone, "dd/MMM/yy h:mm tt");

    /// <summary>Writes the issue CSV.</summary>
    public static void WriteCsv(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\r\n" });
        csv.WriteHeader(Header);
        foreach (var i in incidents)
        {
            var status = Status(i);
            csv.WriteRecord([
                i.Title, Key(i), Id(i), "[System] Incident", status, "OPS", "Operations", Priorities[i.Severity - 1],
                i.ResolveSeconds is null ? "" : "Done", i.Assignee.Name, i.DeclaredBy.Name, JiraDate(i.CreatedAt, zone),
                JiraDate(i.ResolvedAt ?? i.AcknowledgedAt ?? i.CreatedAt, zone), i.ResolvedAt is { } r ? JiraDate(r, zone) : "",
                i.Service, "", $"Raised for {i.Service}.\nSee the linked alerts.", i.Assignee.Name, i.DeclaredBy.Name,
                "incident", i.Surge ? "release" : "", i.Service, $"Sev-{i.Severity}", i.Team,
                i.AcknowledgedAt is { } a ? JiraDate(a, zone) : "", "", status == "Resolved" ? "Done" : status == "Open" ? "To Do" : "In Progress",
            ]);
        }
    }

    /// <summary>Writes the <c>/rest/api/3/search?expand=changelog</c> dump (offsets without a colon, as Jira writes them).</summary>
    public static void WriteSearchJson(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone) =>
        Dump(path, "issues", incidents, (w, i) =>
        {
            w.WriteString("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields");
            w.WriteString("id", Id(i));
            w.WriteString("self", $"https://acme-loop.atlassian.net/rest/api/3/issue/{Id(i)}");
            w.WriteString("key", Key(i));
            w.WriteStartObject("fields");
            w.WriteString("summary", i.Title);
            w.WriteStartObject("issuetype");
            w.WriteString("name", "Incident");
            w.WriteEndObject();
            var status = Status(i);
            w.WriteStartObject("status");
            w.WriteString("name", status);
            w.WriteStartObject("statusCategory");
            w.WriteString("key", status == "Resolved" ? "done" : status == "Open" ? "new" : "indeterminate");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("priority");
            w.WriteString("name", Priorities[i.Severity - 1]);
            w.WriteEndObject();
            StringOrNull(w, "resolutiondate", i.ResolvedAt is { } r ? JiraTime(r, zone) : null);
            w.WriteString("created", JiraTime(i.CreatedAt, zone));
            w.WriteStartObject("assignee");
            w.WriteString("displayName", i.Assignee.Name);
            w.WriteString("emailAddress", i.Assignee.Email);
            w.WriteEndObject();
            w.WriteStartObject("reporter");
            w.WriteString("displayName", i.DeclaredBy.Name);
            w.WriteEndObject();
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("name", i.Service);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("changelog");
            w.WriteStartArray("histories");
            if (i.AcknowledgedAt is { } ack) History(w, "1", i.Assignee.Name, JiraTime(ack, zone), "Open", "In Progress");
            if (i.ResolvedAt is { } res) History(w, "2", i.AutoResolved ? "Automation for Jira" : i.Assignee.Name, JiraTime(res, zone), i.AcknowledgedAt is null ? "Open" : "In Progress", "Resolved");
            w.WriteEndArray();
            w.WriteEndObject();
        }, w =>
        {
            w.WriteNumber("startAt", 0);
            w.WriteNumber("maxResults", 1000);
        });

    private static void History(Utf8JsonWriter w, string id, string author, string at, string from, string to)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartObject("author");
        w.WriteString("displayName", author);
        w.WriteEndObject();
        w.WriteString("created", at);
        w.WriteStartArray("items");
        w.WriteStartObject();
        w.WriteString("field", "status");
        w.WriteString("fromString", from);
        w.WriteString("toString", to);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Status(GeneratedIncident i) => i.ResolveSeconds is not null ? "Resolved" : i.AckSeconds is not null ? "In Progress" : "Open";

    private static string Key(GeneratedIncident i) => $"OPS-{i.Number}";

    private static string Id(GeneratedIncident i) => Inv(10000 + i.Number);

    /// <summary><c>2026-05-04T10:15:00.000+0200</c>: Jira's REST format, the offset without a colon.</summary>
    private static string JiraTime(DateTimeOffset t, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        var offset = local.Offset;
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) +
               (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
