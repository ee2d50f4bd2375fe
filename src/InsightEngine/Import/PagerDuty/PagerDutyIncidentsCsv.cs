using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;

namespace InsightEngine.Import.PagerDuty;

/// <summary>
/// PagerDuty's incidents CSV: both column families the formats notes name — the Analytics raw-incident fields
/// (<c>id, created_at, resolved_at, priority_name, service_name, team_name, seconds_to_first_ack ...</c>) and the
/// legacy raw-incidents report (<c>incident_number, created_on, resolved_on, acknowledged_by_user_names ...</c>).
/// Acknowledgement and resolve times come from the <c>seconds_to_*</c> durations when no timestamp column exists.
/// </summary>
public sealed class PagerDutyIncidentsCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "pagerduty-incidents-csv";

    /// <inheritdoc />
    public override string Source => "pagerduty";

    /// <inheritdoc />
    public override Entity Entity => Entity.Incident;

    /// <inheritdoc />
    public override string Description => "PagerDuty incidents CSV (Analytics / Insights incident download, or the legacy raw incidents report)";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "id", "incident_id", "incident_number"),
        Map("number", "incident_number"),
        Map("title", "description", "title", "summary"),
        Map("service", "service_name"),
        Map("team", "team_name", "teams"),
        Map("severity_raw", "priority_name", "priority"),
        Map("severity_raw", "urgency"), // per row: when priorities are off, urgency alone
        Map("status_raw", "status"),
        Map("created_at", "created_at", "created_on"),
        Map("acknowledged_at", "acknowledged_at", "first_acknowledged_at"),
        Map("resolved_at", "resolved_at", "resolved_on"),
        Map("acknowledged_by", "acknowledged_by_user_names", "acknowledged_by"),
        Map("resolved_by", "resolved_by_user_name", "resolved_by"),
        Map("assignee", "assigned_to_user_names", "assigned_to"),
        Map("auto_resolved", "auto_resolved"),
        Map("escalation_policy", "escalation_policy_name"),
        Map("fingerprint", "incident_key"),
        Map("alert_count", "alert_count", "alerts_count"),
        Map("url", "html_url", "url"),
        Map("ack_after", "seconds_to_first_ack"),
        Map("resolve_after", "seconds_to_resolve"),
    ];

    /// <summary>Priority P1..P5 first; without priorities, urgency high → SEV2 and low → SEV4 (metrics.md).</summary>
    public override IReadOnlyDictionary<string, string> SeverityMap => Severities;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => Statuses;

    /// <summary>PagerDuty's severity table, shared by its CSV and JSON formats.</summary>
    internal static IReadOnlyDictionary<string, string> Severities { get; } = new Dictionary<string, string>
    {
        ["p1"] = "SEV1", ["p2"] = "SEV2", ["p3"] = "SEV3", ["p4"] = "SEV4", ["p5"] = "SEV5",
        ["high"] = "SEV2", ["low"] = "SEV4",
    };

    /// <summary>PagerDuty's statuses, shared by its CSV and JSON formats.</summary>
    internal static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>
    {
        ["triggered"] = "open", ["acknowledged"] = "acknowledged", ["resolved"] = "resolved",
    };
}
