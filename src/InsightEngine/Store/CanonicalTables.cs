namespace InsightEngine.Store;

/// <summary>A table of the canonical store that users read (queries) and take away (exports).</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Key">Columns that order its rows (an export is the same file for the same data).</param>
/// <param name="Time">The instant its rows are filed under by month in a partitioned export (null: by source only, or not at all).</param>
/// <param name="HasSource">Whether its rows name their source (a partitioned export files them by it).</param>
public sealed record CanonicalTable(string Name, string Description, string Key, string? Time = null, bool HasSource = true);

/// <summary>The canonical tables (the rest of the database is bookkeeping: schema versions, the analysis cache).</summary>
public static class CanonicalTables
{
    /// <summary>In the order a reader meets them.</summary>
    public static IReadOnlyList<CanonicalTable> All { get; } =
    [
        new("incidents", "One row per incident (source + external_id), times in UTC", "source, external_id", "created_at"),
        new("alerts", "One row per alert; incident_external_id links it to its incident where the source does", "source, external_id", "created_at"),
        new("assignments", "Who was assigned, acknowledged, resolved or led each incident", "source, incident_external_id, assigned_at, responder, role", "assigned_at"),
        new("postmortems", "Postmortems / post-incident reviews / problems, linked to their incidents (incident_refs, incidents.postmortem_ref)", "source, external_id", "created_at"),
        new("action_items", "Action items of incidents and postmortems: owner, due, completion, status, acceptance criterion", "source, external_id", "created_at"),
        new("timeline_events", "Incident log entries: trigger, notify, acknowledge, escalate, resolve ...", "source, incident_external_id, occurred_at, external_id", "occurred_at"),
        new("import_batches", "One row per imported file: source, format, SHA-256, rows read / inserted / updated / rejected", "batch_id", "imported_at"),
        new("import_rejects", "Rows an import refused: file line, column, value, reason", "batch_id, line, column_name", HasSource: false),
        new("data_issues", "Rows imported with a flagged problem (e.g. resolved before created)", "batch_id, line, source, external_id, kind"),
    ];
}
