using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;

namespace InsightEngine.Import.Jira;

/// <summary>
/// Jira / Jira Service Management issue CSV export ("Export Excel CSV (all fields)"). Column names repeat (Watchers,
/// Labels, Component/s, Comment, some custom fields) and are read by position: the first of a repeated name is used.
/// Dates are the exporting user's format without a zone (<c>25/Feb/26 10:17 PM</c>): pass <c>--timezone</c> with the
/// user's profile zone. The first response comes from JSM's <c>[CHART] Date of First Response</c> field.
/// </summary>
public sealed class JiraIssuesCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "jira-issues-csv";

    /// <inheritdoc />
    public override string Source => "jira";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "Jira / JSM issue CSV export (all or current fields; repeated columns; dates like 25/Feb/26 10:17 PM): incident types as incidents, post-incident reviews as postmortems, issues linked to them as action items";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", [.. JiraHeaders.IssueId, .. JiraHeaders.IssueKey]),
        Map("number", JiraHeaders.IssueKey),
        Map("title", JiraHeaders.Summary),
        Map("service", "Custom field (Affected services)", "Campo personalizado (Affected services)"),
        Map("service", JiraHeaders.Components),
        Map("team", "Custom field (Team)", "Team"),
        Map("severity_raw", "Custom field (Severity)", "Campo personalizado (Severity)"),
        Map("severity_raw", JiraHeaders.Priority),
        Map("status_raw", JiraHeaders.Status),
        // Where the workflow's own status name is not in the table: its status category (To Do / In Progress / Done),
        // else a resolution other than "Unresolved" means done.
        Map("status_alt", JiraHeaders.StatusCategory),
        new("status_alt", JiraHeaders.Resolution, Transform: r =>
            $"CASE WHEN {StagingSql.OneOf($"lower(trim({r}))", JiraHeaders.Unresolved)} THEN NULL WHEN {r} IS NOT NULL THEN 'done' END"),
        Date("created_at", JiraHeaders.Created),
        Date("acknowledged_at", "Custom field ([CHART] Date of First Response)"),
        Date("resolved_at", JiraHeaders.Resolved),
        // A Done issue with an empty Resolved (a workflow without a resolution screen): when it entered Done.
        Date("done_at", JiraHeaders.StatusCategoryChanged),
        Date("updated_at", JiraHeaders.Updated),
        Map("declared_by", JiraHeaders.Reporter),
        Map("assignee", JiraHeaders.Assignee),
        Map("commander", "Custom field (Incident commander)"),
        Map("category", JiraHeaders.IssueType),
        Map("postmortem_url", "Custom field (Post-incident review)", "Outward issue link (Post-incident reviews)"),
        All("postmortem_ref", "Inward issue link (Post-Incident Reviews)", "Outward issue link (Post-Incident Reviews)"),
        Map("record_type", JiraHeaders.IssueType),
    ];

    /// <summary>Only incident issue types are incidents (<see cref="RecordTypes"/>); reviews and action items are read by the companions.</summary>
    public override string? RecordFilter(ImportOptions options) => options.TypesFor(Source).IsIncident("record_type");

    /// <inheritdoc />
    public override IReadOnlyList<ImportFormat> Companions { get; } = [new JiraPostmortemsCsv(), new JiraActionItemsCsv()];

    /// <summary>A date column, its localized month names (<c>23/sep/26</c>, <c>25/févr./26</c>) read as English.</summary>
    private static ColumnBinding Date(string field, params string[] columns) => new(field, columns, Transform: EnglishMonths);

    /// <summary>SQL turning a localized Jira date into the English form the date formats read; English ones pass as they are.</summary>
    internal static string EnglishMonths(string raw)
    {
        var sql = $"lower({raw})";
        foreach (var (local, english) in JiraHeaders.Months)
            sql = $"replace({sql}, {StagingSql.Literal("/" + local + "/")}, {StagingSql.Literal("/" + english + "/")})";
        sql = $"replace(replace(replace(replace({sql}, 'a. m.', 'AM'), 'p. m.', 'PM'), ' am', ' AM'), ' pm', ' PM')";
        return $"CASE WHEN regexp_matches({raw}, '^[0-9]{{1,2}}/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/') OR NOT regexp_matches({raw}, '^[0-9]{{1,2}}/[^/0-9]+/') THEN {raw} ELSE {sql} END";
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => Statuses;

    /// <summary>Jira's date formats as users' profiles write them (English month names), tried in order.</summary>
    public override IReadOnlyList<string> DateFormats => Formats;

    /// <summary>The formats of <see cref="DateFormats"/>, shared with the companions.</summary>
    internal static IReadOnlyList<string> Formats { get; } =
        ["%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%m/%d/%Y %I:%M %p"];

    /// <summary>
    /// JSM severity values first (Sev-1 ...), then both Jira priority schemes: Highest..Lowest, and the older
    /// Blocker/Critical/Major/Minor/Trivial.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Severities { get; } = new Dictionary<string, string>
    {
        ["sev-1"] = "SEV1", ["sev-2"] = "SEV2", ["sev-3"] = "SEV3", ["sev-4"] = "SEV4", ["sev-5"] = "SEV5",
        ["sev1"] = "SEV1", ["sev2"] = "SEV2", ["sev3"] = "SEV3", ["sev4"] = "SEV4", ["sev5"] = "SEV5",
        ["highest"] = "SEV1", ["high"] = "SEV2", ["medium"] = "SEV3", ["low"] = "SEV4", ["lowest"] = "SEV5",
        ["blocker"] = "SEV1", ["critical"] = "SEV2", ["major"] = "SEV3", ["minor"] = "SEV4", ["trivial"] = "SEV5",
        // The default priorities as Jira translates them (es, de, fr, pt-BR, ja): Highest .. Lowest.
        ["más alta"] = "SEV1", ["alta"] = "SEV2", ["media"] = "SEV3", ["baja"] = "SEV4", ["más baja"] = "SEV5",
        ["höchste"] = "SEV1", ["hoch"] = "SEV2", ["mittel"] = "SEV3", ["niedrig"] = "SEV4", ["niedrigste"] = "SEV5",
        ["la plus haute"] = "SEV1", ["plus haute"] = "SEV1", ["haute"] = "SEV2", ["moyenne"] = "SEV3", ["basse"] = "SEV4", ["la plus basse"] = "SEV5", ["plus basse"] = "SEV5",
        ["mais alta"] = "SEV1", ["média"] = "SEV3", ["baixa"] = "SEV4", ["mais baixa"] = "SEV5",
        ["最高"] = "SEV1", ["高"] = "SEV2", ["中"] = "SEV3", ["低"] = "SEV4", ["最低"] = "SEV5",
    };

    /// <summary>
    /// Common workflow status names and the three status categories (English, es, de, fr, pt-BR, ja); a custom name
    /// falls back to its status category, else to the times. Users add their own in <c>import: statuses: jira:</c>.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>
    {
        ["por hacer"] = "open", ["zu erledigen"] = "open", ["à faire"] = "open", ["itens pendentes"] = "open", ["a fazer"] = "open", ["未着手"] = "open",
        ["en curso"] = "acknowledged", ["in arbeit"] = "acknowledged", ["en cours"] = "acknowledged", ["em andamento"] = "acknowledged", ["進行中"] = "acknowledged",
        ["listo"] = "resolved", ["hecho"] = "resolved", ["fertig"] = "resolved", ["erledigt"] = "resolved", ["terminé"] = "resolved", ["terminée"] = "resolved",
        ["itens concluídos"] = "resolved", ["concluído"] = "resolved", ["完了"] = "resolved", ["resuelta"] = "resolved", ["cerrada"] = "closed",
        ["open"] = "open", ["to do"] = "open", ["new"] = "open", ["backlog"] = "open", ["waiting for support"] = "open",
        ["in progress"] = "acknowledged", ["investigating"] = "acknowledged", ["work in progress"] = "acknowledged",
        ["identified"] = "acknowledged", ["monitoring"] = "acknowledged", ["escalated"] = "acknowledged",
        ["resolved"] = "resolved", ["done"] = "resolved", ["done category"] = "resolved", ["completed"] = "resolved", ["fixed"] = "resolved",
        ["closed"] = "closed", ["cancelled"] = "closed", ["canceled"] = "closed", ["won't do"] = "closed",
    };
}
