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
    public override string Description => "Jira / JSM issue CSV export (all or current fields; repeated columns; dates like 25/Feb/26 10:17 PM)";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "Issue id", "Issue key"),
        Map("number", "Issue key"),
        Map("title", "Summary"),
        Map("service", "Custom field (Affected services)"),
        Map("service", "Component/s"),
        Map("team", "Custom field (Team)", "Team"),
        Map("severity_raw", "Custom field (Severity)"),
        Map("severity_raw", "Priority"),
        Map("status_raw", "Status"),
        Map("created_at", "Created"),
        Map("acknowledged_at", "Custom field ([CHART] Date of First Response)"),
        Map("resolved_at", "Resolved"),
        Map("declared_by", "Reporter"),
        Map("assignee", "Assignee"),
        Map("commander", "Custom field (Incident commander)"),
        Map("category", "Issue Type"),
        Map("postmortem_url", "Custom field (Post-incident review)", "Outward issue link (Post-incident reviews)"),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => Statuses;

    /// <summary>Jira's date formats as users' profiles write them (English month names), tried in order.</summary>
    public override IReadOnlyList<string> DateFormats { get; } =
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
    };

    /// <summary>Common workflow status names; a custom one is derived from the times instead.</summary>
    internal static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>
    {
        ["open"] = "open", ["to do"] = "open", ["new"] = "open", ["backlog"] = "open", ["waiting for support"] = "open",
        ["in progress"] = "acknowledged", ["investigating"] = "acknowledged", ["work in progress"] = "acknowledged",
        ["identified"] = "acknowledged", ["monitoring"] = "acknowledged", ["escalated"] = "acknowledged",
        ["resolved"] = "resolved", ["done"] = "resolved", ["completed"] = "resolved", ["fixed"] = "resolved",
        ["closed"] = "closed", ["cancelled"] = "closed", ["canceled"] = "closed", ["won't do"] = "closed",
    };
}
