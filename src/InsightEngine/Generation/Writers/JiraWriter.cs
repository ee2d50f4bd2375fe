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
        "Comment", "Status Category", "Due date", "Outward issue link (Post-Incident Reviews)", "Inward issue link (Post-Incident Reviews)",
        "Outward issue link (Relates)", "Parent", "Custom field (Acceptance Criteria)",
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
                "", i.Postmortem is { } pm ? ReviewKey(pm) : "", "", "", "", "",
            ]);
        }
        // The same search holds the post-incident reviews and their work (JSM): after the incidents, as Jira orders by key.
        foreach (var pm in Reviews(incidents))
        {
            var done = pm.CompletedAt is not null;
            csv.WriteRecord([
                $"PIR: {pm.Incidents[0].Title}", ReviewKey(pm), ReviewId(pm), "Post-incident review", done ? "Done" : "In Review", "OPS", "Operations",
                "Medium", done ? "Done" : "", pm.Owner.Name, pm.Incidents[0].DeclaredBy.Name, JiraDate(pm.CreatedAt, zone),
                JiraDate(pm.CompletedAt ?? pm.CreatedAt, zone), pm.CompletedAt is { } c ? JiraDate(c, zone) : "", pm.Incidents[0].Service, "",
                "Timeline, impact, contributing factors.", pm.Owner.Name, "", "postmortem", "", pm.Incidents[0].Service, "", pm.Incidents[0].Team, "", "",
                done ? "Done" : "In Progress", JiraDay(pm.Incidents[0].ResolvedAt!.Value.AddDays(14), zone), "", string.Join(", ", pm.Incidents.Select(Key)), "", "", "",
            ]);
            foreach (var item in pm.Items)
            {
                var (itemStatus, category) = ItemStatus(item);
                csv.WriteRecord([
                    item.Title, ItemKey(item), ItemId(item), item.SubTask ? "Sub-task" : "Task", itemStatus, "OPS", "Operations", "Medium",
                    item.CompletedAt is not null ? "Done" : item.Cancelled ? "Won't Do" : "", item.Owner?.Name ?? "", pm.Owner.Name, JiraDate(item.CreatedAt, zone),
                    JiraDate(item.CompletedAt ?? item.CreatedAt, zone), item.CompletedAt is { } ic ? JiraDate(ic, zone) : "", pm.Incidents[0].Service, "", "",
                    item.Owner?.Name ?? "", "", "action-item", "", "", "", pm.Incidents[0].Team, "", "", category, item.DueAt is { } due ? JiraDay(due, zone) : "",
                    "", "", item.SubTask ? "" : ReviewKey(pm), item.SubTask ? Id(pm.Incidents[0]) : "", item.Acceptance ?? "",
                ]);
            }
        }
    }

    /// <summary>The reviews of these incidents, each once (in the order of their first incident).</summary>
    private static IEnumerable<GeneratedPostmortem> Reviews(IEnumerable<GeneratedIncident> incidents) =>
        incidents.Select(i => i.Postmortem).OfType<GeneratedPostmortem>().Distinct();

    private static (string Status, string Category) ItemStatus(GeneratedActionItem item) =>
        item.CompletedAt is not null ? ("Done", "Done") : item.Cancelled ? ("Won't Do", "Done") : ("To Do", "To Do");

    /// <summary>A due date as Jira writes one: the day only (<c>20/Mar/26</c>).</summary>
    private static string JiraDay(DateTimeOffset t, TimeZoneInfo zone) => Local(t, zone, "dd/MMM/yy");

    private static string ReviewKey(GeneratedPostmortem pm) => $"OPS-{500000 + pm.Number}";

    private static string ReviewId(GeneratedPostmortem pm) => Inv(900000 + pm.Number);

    private static string ItemKey(GeneratedActionItem item) => $"OPS-{500000 + item.Number}";

    private static string ItemId(GeneratedActionItem item) => Inv(900000 + item.Number);

    /// <summary>
    /// Writes the <c>/rest/api/3/search?expand=changelog</c> dump (offsets without a colon, as Jira writes them): the
    /// incidents, then their post-incident reviews and the reviews' tasks and sub-tasks.
    /// </summary>
    public static void WriteSearchJson(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone)
    {
        var list = incidents.ToList();
        var records = list.Select(i => (object)i)
            .Concat(Reviews(list).SelectMany(pm => new object[] { pm }.Concat(pm.Items.Select(item => (object)(pm, item)))));
        Dump(path, "issues", records, (w, r) =>
        {
            switch (r)
            {
                case GeneratedIncident i: WriteIncident(w, i, zone); break;
                case GeneratedPostmortem pm: WriteReview(w, pm, zone); break;
                case ValueTuple<GeneratedPostmortem, GeneratedActionItem> x: WriteItem(w, x.Item1, x.Item2, zone); break;
            }
        }, w =>
        {
            w.WriteNumber("startAt", 0);
            w.WriteNumber("maxResults", 1000);
        });
    }

    private static void WriteReview(Utf8JsonWriter w, GeneratedPostmortem pm, TimeZoneInfo zone)
    {
        var done = pm.CompletedAt is not null;
        IssueHead(w, ReviewId(pm), ReviewKey(pm), $"PIR: {pm.Incidents[0].Title}", "[System] Post-incident review",
            done ? "Done" : "In Review", done ? "done" : "indeterminate");
        w.WriteString("created", JiraTime(pm.CreatedAt, zone));
        StringOrNull(w, "resolutiondate", pm.CompletedAt is { } c ? JiraTime(c, zone) : null);
        w.WriteString("duedate", Local(pm.Incidents[0].ResolvedAt!.Value.AddDays(14), zone, "yyyy-MM-dd"));
        w.WriteStartObject("assignee");
        w.WriteString("displayName", pm.Owner.Name);
        w.WriteEndObject();
        w.WriteStartArray("issuelinks");
        foreach (var incident in pm.Incidents) Link(w, "Post-Incident Reviews", "outwardIssue", Id(incident), Key(incident));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter w, GeneratedPostmortem pm, GeneratedActionItem item, TimeZoneInfo zone)
    {
        var (status, _) = ItemStatus(item);
        IssueHead(w, ItemId(item), ItemKey(item), item.Title, item.SubTask ? "Sub-task" : "Task", status,
            item.CompletedAt is not null || item.Cancelled ? "done" : "new");
        w.WriteString("created", JiraTime(item.CreatedAt, zone));
        StringOrNull(w, "resolutiondate", item.CompletedAt is { } c ? JiraTime(c, zone) : null);
        StringOrNull(w, "duedate", item.DueAt is { } due ? Local(due, zone, "yyyy-MM-dd") : null);
        if (item.Owner is { } owner)
        {
            w.WriteStartObject("assignee");
            w.WriteString("displayName", owner.Name);
            w.WriteEndObject();
        }
        else w.WriteNull("assignee");
        if (item.SubTask)
        {
            w.WriteStartObject("parent");
            w.WriteString("id", Id(pm.Incidents[0]));
            w.WriteString("key", Key(pm.Incidents[0]));
            w.WriteEndObject();
        }
        w.WriteStartArray("issuelinks");
        if (!item.SubTask) Link(w, "Relates", "outwardIssue", ReviewId(pm), ReviewKey(pm));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>id, self, key and the start of <c>fields</c> (summary, issuetype, status): the caller closes <c>fields</c>.</summary>
    private static void IssueHead(Utf8JsonWriter w, string id, string key, string summary, string type, string status, string category)
    {
        w.WriteString("id", id);
        w.WriteString("self", $"https://acme-loop.atlassian.net/rest/api/3/issue/{id}");
        w.WriteString("key", key);
        w.WriteStartObject("fields");
        w.WriteString("summary", summary);
        w.WriteStartObject("issuetype");
        w.WriteString("name", type);
        w.WriteEndObject();
        w.WriteStartObject("status");
        w.WriteString("name", status);
        w.WriteStartObject("statusCategory");
        w.WriteString("key", category);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Link(Utf8JsonWriter w, string type, string side, string id, string key)
    {
        w.WriteStartObject();
        w.WriteStartObject("type");
        w.WriteString("name", type);
        w.WriteEndObject();
        w.WriteStartObject(side);
        w.WriteString("id", id);
        w.WriteString("key", key);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteIncident(Utf8JsonWriter w, GeneratedIncident i, TimeZoneInfo zone)
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
            w.WriteStartArray("issuelinks");
            if (i.Postmortem is { } pm) Link(w, "Post-Incident Reviews", "inwardIssue", ReviewId(pm), ReviewKey(pm));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("changelog");
            w.WriteStartArray("histories");
            if (i.AcknowledgedAt is { } ack) History(w, "1", i.Assignee.Name, JiraTime(ack, zone), "Open", "In Progress");
            if (i.ResolvedAt is { } res) History(w, "2", i.AutoResolved ? "Automation for Jira" : i.Assignee.Name, JiraTime(res, zone), i.AcknowledgedAt is null ? "Open" : "In Progress", "Resolved");
            w.WriteEndArray();
            w.WriteEndObject();
        }

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
