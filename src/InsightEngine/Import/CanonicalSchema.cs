using InsightEngine.Model;

namespace InsightEngine.Import;

/// <summary>
/// The fields importers fill, per entity. Must agree with <c>Store/Sql/schema</c>: <see cref="Verify"/> checks the
/// live table once per import, so a drift between the two fails before any row is read.
/// </summary>
public static class CanonicalSchema
{
    /// <summary>The field holding a record's own id in its source (every entity has it).</summary>
    public const string IdField = "external_id";

    /// <summary>Fields of an incident row.</summary>
    public static IReadOnlyList<CanonicalField> Incident { get; } =
    [
        new("external_id", FieldKind.Text, Required: true),
        new("number", FieldKind.Text),
        new("title", FieldKind.Text),
        new("service", FieldKind.Text),
        new("team", FieldKind.Text),
        new("severity_raw", FieldKind.Text),
        new("status_raw", FieldKind.Text),
        new("started_at", FieldKind.Timestamp),
        new("created_at", FieldKind.Timestamp, Required: true),
        new("acknowledged_at", FieldKind.Timestamp),
        new("mitigated_at", FieldKind.Timestamp),
        new("resolved_at", FieldKind.Timestamp),
        new("closed_at", FieldKind.Timestamp),
        new("declared_by", FieldKind.Text),
        new("declarer_group", FieldKind.Text),
        new("created_by_automation", FieldKind.Boolean),
        new("commander", FieldKind.Text),
        new("assignee", FieldKind.Text),
        new("acknowledged_by", FieldKind.Text),
        new("resolved_by", FieldKind.Text),
        new("auto_resolved", FieldKind.Boolean),
        new("escalation_policy", FieldKind.Text),
        new("detection_source", FieldKind.Text),
        new("category", FieldKind.Text),
        new("fingerprint", FieldKind.Text),
        new("alert_count", FieldKind.Integer),
        new("postmortem_url", FieldKind.Text),
        new("postmortem_status", FieldKind.Text),
        new("postmortem_completed_at", FieldKind.Timestamp),
        new("postmortem_ref", FieldKind.Text),
        new("url", FieldKind.Text),
        new("updated_at", FieldKind.Timestamp),
        new("version", FieldKind.Integer),
        new("record_type", FieldKind.Text, StagingOnly: true),
        new("status_alt", FieldKind.Text, StagingOnly: true),
        new("done_at", FieldKind.Timestamp, StagingOnly: true),
        new("ack_after", FieldKind.Seconds, StagingOnly: true),
        new("resolve_after", FieldKind.Seconds, StagingOnly: true),
    ];

    /// <summary>Fields of an alert row.</summary>
    public static IReadOnlyList<CanonicalField> Alert { get; } =
    [
        new("external_id", FieldKind.Text, Required: true),
        new("number", FieldKind.Text),
        new("incident_external_id", FieldKind.Text),
        new("fingerprint", FieldKind.Text),
        new("title", FieldKind.Text),
        new("service", FieldKind.Text),
        new("team", FieldKind.Text),
        new("severity_raw", FieldKind.Text),
        new("status_raw", FieldKind.Text),
        new("created_at", FieldKind.Timestamp, Required: true),
        new("acknowledged_at", FieldKind.Timestamp),
        new("resolved_at", FieldKind.Timestamp),
        new("last_occurred_at", FieldKind.Timestamp),
        new("acknowledged_by", FieldKind.Text),
        new("resolved_by", FieldKind.Text),
        new("resolved_by_kind", FieldKind.Text),
        new("notification_count", FieldKind.Integer),
        new("dedup_count", FieldKind.Integer),
        new("alert_source", FieldKind.Text),
        new("tags", FieldKind.Text),
        new("url", FieldKind.Text),
        new("status_alt", FieldKind.Text, StagingOnly: true),
        new("ack_after", FieldKind.Seconds, StagingOnly: true),
        new("resolve_after", FieldKind.Seconds, StagingOnly: true),
    ];

    /// <summary>Fields of a timeline event row.</summary>
    public static IReadOnlyList<CanonicalField> Event { get; } =
    [
        new("external_id", FieldKind.Text, Required: true),
        new("incident_external_id", FieldKind.Text, Required: true),
        new("occurred_at", FieldKind.Timestamp, Required: true),
        new("kind", FieldKind.Text, Required: true),
        new("kind_raw", FieldKind.Text),
        new("actor", FieldKind.Text),
        new("automated", FieldKind.Boolean),
        new("detail", FieldKind.Text),
    ];

    /// <summary>Fields of a postmortem row (a review or problem record of its own, linked to its incidents).</summary>
    public static IReadOnlyList<CanonicalField> Postmortem { get; } =
    [
        new("external_id", FieldKind.Text, Required: true),
        new("alt_id", FieldKind.Text),
        new("number", FieldKind.Text),
        new("title", FieldKind.Text),
        new("status_raw", FieldKind.Text),
        new("owner", FieldKind.Text),
        new("created_at", FieldKind.Timestamp),
        new("due_at", FieldKind.Timestamp),
        new("completed_at", FieldKind.Timestamp),
        new("updated_at", FieldKind.Timestamp),
        new("incident_refs", FieldKind.Text),
        new("url", FieldKind.Text),
        new("status_alt", FieldKind.Text, StagingOnly: true),
        new("record_type", FieldKind.Text, StagingOnly: true),
    ];

    /// <summary>Fields of an action-item row (a follow-up of an incident or of its postmortem).</summary>
    public static IReadOnlyList<CanonicalField> ActionItem { get; } =
    [
        new("external_id", FieldKind.Text, Required: true),
        new("number", FieldKind.Text),
        new("title", FieldKind.Text),
        new("status_raw", FieldKind.Text),
        new("priority", FieldKind.Text),
        new("owner", FieldKind.Text),
        new("team", FieldKind.Text),
        new("created_at", FieldKind.Timestamp),
        new("due_at", FieldKind.Timestamp),
        new("completed_at", FieldKind.Timestamp),
        new("updated_at", FieldKind.Timestamp),
        new("acceptance", FieldKind.Text),
        new("incident_refs", FieldKind.Text),
        new("postmortem_refs", FieldKind.Text),
        new("url", FieldKind.Text),
        new("status_alt", FieldKind.Text, StagingOnly: true),
        new("record_type", FieldKind.Text, StagingOnly: true),
    ];

    /// <summary>Columns computed by the pipeline rather than read from a file.</summary>
    public static IReadOnlyList<string> PipelineColumns(Entity entity) => entity switch
    {
        Entity.Event => ["source", "row_hash", "first_batch_id", "last_batch_id"],
        Entity.Postmortem or Entity.ActionItem => ["source", "status", "row_hash", "first_batch_id", "last_batch_id"],
        _ => ["source", "severity", "status", "row_hash", "first_batch_id", "last_batch_id"],
    };

    /// <summary>The fields of <paramref name="entity"/>.</summary>
    public static IReadOnlyList<CanonicalField> For(Entity entity) => entity switch
    {
        Entity.Incident => Incident,
        Entity.Alert => Alert,
        Entity.Postmortem => Postmortem,
        Entity.ActionItem => ActionItem,
        _ => Event,
    };

    /// <summary>Checks that the live table has exactly the columns this schema and the pipeline write.</summary>
    public static void Verify(Store.InsightStore store, Entity entity)
    {
        var actual = store.Query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            r => r.GetString(0), ("t", entity.Table())).ToHashSet(StringComparer.Ordinal);
        var expected = For(entity).Where(f => !f.StagingOnly).Select(f => f.Name).Concat(PipelineColumns(entity))
            .ToHashSet(StringComparer.Ordinal);
        if (!actual.SetEquals(expected))
        {
            throw new InvalidOperationException(
                $"Schema drift in '{entity.Table()}': table has [{string.Join(", ", actual.Except(expected))}] " +
                $"that the importer lacks, importer has [{string.Join(", ", expected.Except(actual))}] that the table lacks.");
        }
    }
}
