using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;

namespace InsightEngine.Import.IncidentIo;

/// <summary>
/// incident.io's incidents CSV export. No documented column list was found (../shared/formats §5 is unverified), so the
/// importer matches the field names the API uses, in the spellings a CSV export gives them (<c>Reference</c>,
/// <c>Created At</c>, <c>Accepted At</c>, <c>Incident Lead</c> ...); anything else is a <c>--mapping</c> away.
/// </summary>
public sealed class IncidentIoIncidentsCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "incidentio-incidents-csv";

    /// <inheritdoc />
    public override string Source => "incidentio";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "incident.io incidents CSV export (Reference, Name, Severity, Status, timestamps, Incident Lead, custom fields)";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "ID", "Incident ID"),
        Map("number", "Reference"),
        Map("title", "Name", "Title"),
        Map("service", "Affected Services", "Services", "Service"),
        Map("team", "Team", "Teams", "Owning Team"),
        Map("severity_raw", "Severity"),
        Map("status_raw", "Status Category", "Status"),
        Map("created_at", "Created At", "Reported At", "Created"),
        Map("started_at", "Impact Started At", "Impact Started"),
        Map("acknowledged_at", "Accepted At", "Accepted"),
        Map("mitigated_at", "Mitigated At", "Fixed At"),
        Map("resolved_at", "Resolved At", "Resolved"),
        Map("closed_at", "Closed At", "Closed"),
        Map("declared_by", "Reporter", "Creator", "Created By", "Declared By"),
        Map("commander", "Incident Lead", "Lead"),
        Map("category", "Incident Type", "Type"),
        Map("postmortem_url", "Postmortem Document URL", "Postmortem URL", "Postmortem"),
        Map("postmortem_status", "Postmortem Status", "Postmortem Document Status"),
        Map("url", "Permalink", "URL"),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => Statuses;

    /// <summary>incident.io's default severities (Critical, Major, Minor) and the common SEV/P numbering teams configure.</summary>
    internal static IReadOnlyDictionary<string, string> Severities { get; } = new Dictionary<string, string>
    {
        ["critical"] = "SEV1", ["major"] = "SEV2", ["minor"] = "SEV3",
        ["sev1"] = "SEV1", ["sev2"] = "SEV2", ["sev3"] = "SEV3", ["sev4"] = "SEV4", ["sev5"] = "SEV5",
        ["sev 1"] = "SEV1", ["sev 2"] = "SEV2", ["sev 3"] = "SEV3", ["sev 4"] = "SEV4", ["sev 5"] = "SEV5",
        ["p1"] = "SEV1", ["p2"] = "SEV2", ["p3"] = "SEV3", ["p4"] = "SEV4", ["p5"] = "SEV5",
    };

    /// <summary>Status categories (triage, live, learning, closed, declined, merged, canceled, paused) and default status names.</summary>
    internal static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>
    {
        ["triage"] = "open", ["live"] = "acknowledged", ["active"] = "acknowledged", ["paused"] = "acknowledged",
        ["investigating"] = "acknowledged", ["fixing"] = "acknowledged", ["monitoring"] = "acknowledged",
        ["learning"] = "resolved", ["post-incident"] = "resolved", ["documenting"] = "resolved",
        ["closed"] = "closed", ["declined"] = "closed", ["merged"] = "closed", ["canceled"] = "closed", ["cancelled"] = "closed",
    };
}
