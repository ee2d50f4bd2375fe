using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.Jira;

/// <summary>
/// The records of a Jira search that are not incidents: post-incident reviews become postmortems, and any other issue
/// linked to an incident or a review (or a sub-task of one) an action item. They are read from the same file as the
/// incidents, by the companions of <see cref="JiraIssuesCsv"/> and <see cref="JiraSearchJson"/>, each as a batch of its
/// own; which types are which is <see cref="RecordTypes"/> (insight.yaml <c>import: record_types: jira:</c>).
/// </summary>
internal static class JiraFollowUps
{
    /// <summary>Due date column, in the languages <see cref="JiraHeaders"/> reads (es, de, fr, pt-BR, ja unconfirmed).</summary>
    public static readonly string[] DueDate = ["Due date", "Due Date", "Fecha de vencimiento", "Fälligkeitsdatum", "Date d'échéance", "Data de entrega", "期日"];

    /// <summary>The link columns: one per link, named by the link type (<c>Inward issue link (Post-Incident Reviews)</c>).</summary>
    public static readonly string[] LinkPrefixes = ["Inward issue link", "Outward issue link"];

    /// <summary>A sub-task's parent: Cloud writes its numeric id in <c>Parent</c>, older exports <c>Parent id</c>.</summary>
    public static readonly string[] Parent = ["Parent", "Parent id", "Parent key"];

    /// <summary>Fields that hold an acceptance or done criterion (custom fields teams add; none is built in).</summary>
    public static readonly string[] Acceptance =
        ["Custom field (Acceptance Criteria)", "Custom field (Acceptance criteria)", "Custom field (Definition of Done)", "Acceptance Criteria"];

    /// <summary>Status names and categories (English and the five languages of <see cref="JiraIssuesCsv.Statuses"/>) → postmortem states.</summary>
    public static IReadOnlyDictionary<string, string> PostmortemStatuses { get; } = Statuses("completed");

    /// <summary>The same → action-item states.</summary>
    public static IReadOnlyDictionary<string, string> ActionItemStatuses { get; } = Statuses("done");

    private static Dictionary<string, string> Statuses(string done)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (raw, incident) in JiraIssuesCsv.Statuses)
        {
            map[raw] = incident switch { "open" => "open", "acknowledged" => "in_progress", _ => done };
        }
        foreach (var s in new[] { "cancelled", "canceled", "won't do", "won't fix", "declined", "rejected", "duplicate" }) map[s] = "cancelled";
        foreach (var s in new[] { "draft", "selected for development" }) map[s] = "open";
        foreach (var s in new[] { "in review", "review", "under review", "indeterminate" }) map[s] = "in_progress";
        foreach (var s in new[] { "published", "reviewed", "complete", "done" }) map[s] = done;
        map["new"] = "open";   // the statusCategory key of To Do
        return map;
    }

    /// <summary>What a review and an action item of an issue CSV both read (their links are bound by each).</summary>
    public static readonly ColumnBinding[] CsvBindings =
    [
        Map("external_id", [.. JiraHeaders.IssueId, .. JiraHeaders.IssueKey]),
        Map("number", JiraHeaders.IssueKey),
        Map("title", JiraHeaders.Summary),
        Map("status_raw", JiraHeaders.Status),
        Map("status_alt", JiraHeaders.StatusCategory),
        Map("owner", JiraHeaders.Assignee),
        new("created_at", JiraHeaders.Created, Transform: JiraIssuesCsv.EnglishMonths),
        new("due_at", DueDate, Transform: JiraIssuesCsv.EnglishMonths),
        new("completed_at", JiraHeaders.Resolved, Transform: JiraIssuesCsv.EnglishMonths),
        new("updated_at", JiraHeaders.Updated, Transform: JiraIssuesCsv.EnglishMonths),
        Map("record_type", JiraHeaders.IssueType),
    ];

    /// <summary>What a review and an action item of a search dump both read.</summary>
    public static readonly JsonColumn[] JsonColumns =
    [
        new("external_id", "id", At("id")),
        new("number", "key", At("key")),
        new("title", "fields.summary", At("fields.summary")),
        new("status_raw", "fields.status.name", At("fields.status.name")),
        new("status_alt", "fields.status.statusCategory.key", FirstOf("fields.status.statusCategory.key", "fields.status.statusCategory.name")),
        new("owner", "fields.assignee.displayName", At("fields.assignee.displayName")),
        new("created_at", "fields.created", At("fields.created")),
        new("due_at", "fields.duedate", At("fields.duedate")),
        new("completed_at", "fields.resolutiondate", At("fields.resolutiondate")),
        new("updated_at", "fields.updated", At("fields.updated")),
        new("url", "self", JiraSearchJson.BrowseUrl),
        new("record_type", "fields.issuetype.name", At("fields.issuetype.name")),
    ];

    /// <summary>The keys of every issue a search record links to, and its parent's: "OPS-12, OPS-40".</summary>
    public static string? Links(JsonElement issue)
    {
        var keys = new List<string>();
        if (Find(issue, "fields.issuelinks") is { ValueKind: JsonValueKind.Array } links)
        {
            foreach (var link in links.EnumerateArray())
                if (FirstOf("inwardIssue.key", "outwardIssue.key")(link) is { Length: > 0 } key) keys.Add(key);
        }
        if (At("fields.parent.key")(issue) is { Length: > 0 } parent) keys.Add(parent);
        return keys.Count == 0 ? null : string.Join(", ", keys.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The keys of the post-incident reviews an incident links to (link type <c>Post-Incident Reviews</c>).</summary>
    public static string? ReviewLinks(JsonElement issue)
    {
        if (Find(issue, "fields.issuelinks") is not { ValueKind: JsonValueKind.Array } links) return null;
        var keys = links.EnumerateArray()
            .Where(l => At("type.name")(l)?.Replace("-", " ", StringComparison.Ordinal).Contains("incident review", StringComparison.OrdinalIgnoreCase) == true)
            .Select(l => FirstOf("inwardIssue.key", "outwardIssue.key")(l)).OfType<string>().ToList();
        return keys.Count == 0 ? null : string.Join(", ", keys);
    }
}

/// <summary>The post-incident reviews of a Jira CSV export (companion of <see cref="JiraIssuesCsv"/>).</summary>
internal sealed class JiraPostmortemsCsv : ImportFormat
{
    public override string Id => "jira-issues-csv";
    public override string Source => "jira";
    public override Entity Entity => Entity.Postmortem;
    public override string Description => "Jira / JSM post-incident reviews in an issue CSV export";

    public override IReadOnlyList<ColumnBinding> Bindings { get; } = [.. JiraFollowUps.CsvBindings, All("incident_refs", JiraFollowUps.LinkPrefixes)];

    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();
    public override IReadOnlyDictionary<string, string> StatusMap => JiraFollowUps.PostmortemStatuses;
    public override IReadOnlyList<string> DateFormats => JiraIssuesCsv.Formats;
    public override string? RecordFilter(ImportOptions options) => options.TypesFor(Source).IsPostmortem("record_type");
}

/// <summary>The action items of a Jira CSV export: other issues linked to an incident or review, or sub-tasks of one.</summary>
internal sealed class JiraActionItemsCsv : ImportFormat
{
    public override string Id => "jira-issues-csv";
    public override string Source => "jira";
    public override Entity Entity => Entity.ActionItem;
    public override string Description => "Jira / JSM action items (issues linked to an incident or review) in an issue CSV export";

    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        .. JiraFollowUps.CsvBindings,
        Map("priority", JiraHeaders.Priority),
        Map("team", "Custom field (Team)", "Team"),
        Map("acceptance", JiraFollowUps.Acceptance),
        All("incident_refs", JiraFollowUps.LinkPrefixes),
        Map("incident_refs", JiraFollowUps.Parent),
        All("postmortem_refs", JiraFollowUps.LinkPrefixes),
        Map("postmortem_refs", JiraFollowUps.Parent),
        Map("record_type", JiraHeaders.IssueType),
    ];

    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();
    public override IReadOnlyDictionary<string, string> StatusMap => JiraFollowUps.ActionItemStatuses;
    public override IReadOnlyList<string> DateFormats => JiraIssuesCsv.Formats;
    public override string? RecordFilter(ImportOptions options) =>
        $"{options.TypesFor(Source).IsOther("record_type")} AND incident_refs IS NOT NULL";
}

/// <summary>The post-incident reviews of a Jira search dump (companion of <see cref="JiraSearchJson"/>).</summary>
internal sealed class JiraPostmortemsJson : JsonImportFormat
{
    public override string Id => "jira-search-json";
    public override string Source => "jira";
    public override Entity Entity => Entity.Postmortem;
    public override string Description => "Jira / JSM post-incident reviews in a search dump";
    public override string RecordsProperty => "issues";
    public override IReadOnlyList<string> ShapeKeys => [];

    public override IReadOnlyList<JsonColumn> Columns { get; } = [.. JiraFollowUps.JsonColumns, new("incident_refs", "fields.issuelinks[].*Issue.key", JiraFollowUps.Links)];

    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();
    public override IReadOnlyDictionary<string, string> StatusMap => JiraFollowUps.PostmortemStatuses;
    public override string? RecordFilter(ImportOptions options) => options.TypesFor(Source).IsPostmortem("record_type");
}

/// <summary>The action items of a Jira search dump: other issues linked to an incident or review, or sub-tasks of one.</summary>
internal sealed class JiraActionItemsJson : JsonImportFormat
{
    public override string Id => "jira-search-json";
    public override string Source => "jira";
    public override Entity Entity => Entity.ActionItem;
    public override string Description => "Jira / JSM action items in a search dump";
    public override string RecordsProperty => "issues";
    public override IReadOnlyList<string> ShapeKeys => [];

    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        .. JiraFollowUps.JsonColumns,
        new("priority", "fields.priority.name", At("fields.priority.name")),
        new("incident_refs", "fields.issuelinks[].*Issue.key", JiraFollowUps.Links),
        new("postmortem_refs", "fields.issuelinks[].*Issue.key (postmortem_refs)", JiraFollowUps.Links),
    ];

    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = new Dictionary<string, string>();
    public override IReadOnlyDictionary<string, string> StatusMap => JiraFollowUps.ActionItemStatuses;
    public override string? RecordFilter(ImportOptions options) =>
        $"{options.TypesFor(Source).IsOther("record_type")} AND incident_refs IS NOT NULL";
}
