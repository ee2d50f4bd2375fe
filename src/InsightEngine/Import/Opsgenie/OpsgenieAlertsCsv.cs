using InsightEngine.Model;
using static InsightEngine.Import.ColumnBinding;

namespace InsightEngine.Import.Opsgenie;

/// <summary>
/// Opsgenie's alert-list CSV. No column list is documented, so every column is matched by the alert field it is
/// built from (Message, Alias, Status, Priority, CreatedAt, Acknowledged, Owner, Tags, Source, Count, report ack/close
/// times in milliseconds), in any spelling: <c>CreatedAt</c>, <c>Created At</c> and <c>created_at</c> are one name.
/// The service comes from a <c>service:NAME</c> tag, else the Entity column; the team is the first of Teams.
/// </summary>
public sealed class OpsgenieAlertsCsv : ImportFormat
{
    /// <inheritdoc />
    public override string Id => "opsgenie-alerts-csv";

    /// <inheritdoc />
    public override string Source => "opsgenie";

    /// <inheritdoc />
    public override Entity Entity => Entity.Alert;

    /// <inheritdoc />
    public override string Description => "Opsgenie alerts CSV (alert list export; columns named after the alert fields)";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
    [
        Map("external_id", "id", "alertid", "alert_id", "tinyid"),
        Map("number", "tinyid", "tiny_id"),
        Map("fingerprint", "alias"),
        Map("title", "message"),
        // The first "service:" tag; a tag list that starts with it (the usual case) is cut without the regex, ~10x faster.
        new("service", ["tags"], Transform: raw =>
            $"CASE WHEN starts_with({raw}, 'service:') THEN split_part({raw}[9:], ',', 1) ELSE regexp_extract({raw}, '(?:^|,)\\s*service:([^,]+)', 1) END"),
        Map("service", "entity"),
        new("team", ["teams", "team", "ownerteam"], Transform: raw => $"split_part({raw}, ',', 1)"),
        Map("severity_raw", "priority"),
        Map("status_raw", "status"),
        Map("created_at", "createdat", "created_at", "created"),
        Map("acknowledged_at", "acknowledgedat"),
        Map("resolved_at", "closedat", "closed_at"),
        Map("last_occurred_at", "lastoccurredat", "last_occurred_at"),
        Map("acknowledged_by", "acknowledgedby", "report.acknowledgedby"),
        Map("resolved_by", "closedby", "report.closedby"),
        new("resolved_by_kind", ["closedby", "report.closedby"], Transform: raw =>
            $"CASE WHEN {raw} IS NULL THEN NULL WHEN {raw} LIKE '%@%' THEN 'person' " +
            $"WHEN {StagingSql.OneOf($"lower({raw})", TimeoutClosers)} THEN 'timeout' ELSE 'auto' END"),
        Map("dedup_count", "count"),
        Map("alert_source", "source", "integration"),
        Map("tags", "tags"),
        new("ack_after", ["acktime", "report.acktime"], Kind: FieldKind.Milliseconds),
        new("resolve_after", ["closetime", "report.closetime"], Kind: FieldKind.Milliseconds),
    ];

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Priorities;

    /// <summary>Opsgenie alerts are open or closed; an acknowledged open alert is <c>acknowledged</c>, derived from its times.</summary>
    public override IReadOnlyDictionary<string, string> StatusMap => Statuses;

    /// <summary>Opsgenie priorities P1..P5, shared by its formats.</summary>
    internal static IReadOnlyDictionary<string, string> Priorities { get; } = new Dictionary<string, string>
    {
        ["p1"] = "SEV1", ["p2"] = "SEV2", ["p3"] = "SEV3", ["p4"] = "SEV4", ["p5"] = "SEV5",
    };

    /// <summary>Alert statuses, shared by the CSV and JSON formats.</summary>
    internal static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>
    {
        ["closed"] = "resolved", ["resolved"] = "resolved",
    };

    /// <summary>Closers that mean a timeout or auto-close policy rather than an integration.</summary>
    private static readonly string[] TimeoutClosers = ["system", "timeout", "auto close", "autoclose", "auto-close"];

    /// <summary>person (an e-mail address), timeout (auto-close policy) or auto (the integration); the CSV's SQL says the same.</summary>
    internal static string? CloserKind(string? closer) =>
        closer is null ? null
        : closer.Contains('@', StringComparison.Ordinal) ? "person"
        : TimeoutClosers.Contains(closer.Trim().ToLowerInvariant()) ? "timeout"
        : "auto";
}
