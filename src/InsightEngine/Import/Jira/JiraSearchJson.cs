using System.Globalization;
using System.Text.Json;
using InsightEngine.Import.Json;
using InsightEngine.Model;
using static InsightEngine.Import.Json.JsonValues;

namespace InsightEngine.Import.Jira;

/// <summary>
/// Jira <c>GET /rest/api/2|3/search</c> (and <c>/search/jql</c>) dumps with <c>expand=changelog</c>: <c>{"issues": [...]}</c>.
/// The changelog's status transitions give the times Jira has no field for: the first move into a working status is the
/// first response (acknowledged, by its author); without <c>resolutiondate</c>, the last transition into a done-category status is the
/// resolution. Timestamps carry offsets without a colon (<c>2020-06-12T08:13:13.360+0800</c>).
/// </summary>
public sealed class JiraSearchJson : JsonImportFormat
{
    /// <inheritdoc />
    public override string Id => "jira-search-json";

    /// <inheritdoc />
    public override string Source => "jira";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "Jira REST /rest/api/2|3/search dump ({\"issues\": [...]}, with expand=changelog for response times): incidents, post-incident reviews, linked action items";

    /// <inheritdoc />
    public override string RecordsProperty => "issues";

    /// <inheritdoc />
    public override IReadOnlyList<string> ShapeKeys { get; } = ["id", "key", "self", "fields", "expand", "changelog"];

    /// <inheritdoc />
    public override IReadOnlyList<JsonColumn> Columns { get; } =
    [
        new("external_id", "id", At("id")),
        new("number", "key", At("key")),
        new("title", "fields.summary", At("fields.summary")),
        new("service", "fields.components[0].name", At("fields.components[0].name")),
        new("severity_raw", "fields.priority.name", At("fields.priority.name")),
        new("status_raw", "fields.status.name", At("fields.status.name")),
        new("status_alt", "fields.status.statusCategory.name", At("fields.status.statusCategory.name")),
        new("created_at", "fields.created", At("fields.created")),
        new("acknowledged_at", "changelog (first status change)", e => FirstTransition(e)?.At),
        new("acknowledged_by", "changelog (first status change author)", e => FirstTransition(e)?.By),
        new("resolved_at", "fields.resolutiondate", e => At("fields.resolutiondate")(e) ?? LastDoneTransition(e)),
        new("declared_by", "fields.reporter.displayName", At("fields.reporter.displayName")),
        new("assignee", "fields.assignee.displayName", At("fields.assignee.displayName")),
        new("category", "fields.issuetype.name", At("fields.issuetype.name")),
        new("url", "self", BrowseUrl),
        new("updated_at", "fields.updated", At("fields.updated")),
        new("postmortem_ref", "fields.issuelinks[Post-Incident Reviews]", JiraFollowUps.ReviewLinks),
        new("record_type", "fields.issuetype.name", At("fields.issuetype.name")),
    ];

    /// <summary>Only incident issue types are incidents (<see cref="RecordTypes"/>); reviews and action items are read by the companions.</summary>
    public override string? RecordFilter(ImportOptions options) => options.TypesFor(Source).IsIncident("record_type");

    /// <inheritdoc />
    public override IReadOnlyList<ImportFormat> Companions { get; } = [new JiraPostmortemsJson(), new JiraActionItemsJson()];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => JiraIssuesCsv.Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => JiraIssuesCsv.Statuses;

    /// <summary>Status changes in time order: (created, author, to-status name).</summary>
    private static List<(DateTimeOffset T, string At, string? By, string? To)> Transitions(JsonElement issue)
    {
        var result = new List<(DateTimeOffset, string, string?, string?)>();
        if (Find(issue, "changelog.histories") is not { ValueKind: JsonValueKind.Array } histories) return result;
        foreach (var h in histories.EnumerateArray())
        {
            if (At("created")(h) is not { } created || !TryParse(created, out var t)) continue;
            if (Find(h, "items") is not { ValueKind: JsonValueKind.Array } items) continue;
            foreach (var item in items.EnumerateArray())
                if (At("field")(item) == "status")
                    result.Add((t, created, FirstOf("author.displayName", "author.name")(h), At("toString")(item)));
        }
        return result.OrderBy(x => x.Item1).ToList();
    }

    /// <summary>
    /// The first response: the first move into a working status (In Progress, Investigating, or any status that is not a
    /// known open, resolved or closed one). An issue moved straight from Open to Resolved was never acknowledged.
    /// </summary>
    private static (string At, string? By)? FirstTransition(JsonElement issue)
    {
        foreach (var t in Transitions(issue))
        {
            var mapped = t.To is null ? null : JiraIssuesCsv.Statuses.GetValueOrDefault(t.To.ToLowerInvariant());
            if (mapped is null or "acknowledged") return (t.At, t.By);
        }
        return null;
    }

    /// <summary>The last transition into a resolved/closed status, for issues without <c>resolutiondate</c>.</summary>
    private static string? LastDoneTransition(JsonElement issue)
    {
        if (At("fields.status.statusCategory.key")(issue) is { } category && category != "done") return null;
        return Transitions(issue).LastOrDefault(t => t.To is not null
            && JiraIssuesCsv.Statuses.TryGetValue(t.To.ToLowerInvariant(), out var s) && s is "resolved" or "closed").At;
    }

    /// <summary><c>https://x.atlassian.net/rest/api/3/issue/10001</c> → <c>https://x.atlassian.net/browse/KEY</c>.</summary>
    internal static string? BrowseUrl(JsonElement issue)
    {
        if (At("self")(issue) is not { } self || At("key")(issue) is not { } key) return null;
        var i = self.IndexOf("/rest/api/", StringComparison.Ordinal);
        return i < 0 ? null : $"{self[..i]}/browse/{key}";
    }

    /// <summary>Jira's <c>+0800</c> offsets, which <see cref="DateTimeOffset"/> parses only with the colon.</summary>
    private static bool TryParse(string s, out DateTimeOffset t)
    {
        if (s.Length > 5 && s[^5] is '+' or '-' && s[^4..].All(char.IsDigit)) s = s[..^2] + ":" + s[^2..];
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out t);
    }
}
