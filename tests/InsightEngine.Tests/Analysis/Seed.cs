using System.Globalization;
using InsightEngine.Store;

namespace InsightEngine.Tests.Analysis;

/// <summary>Writes hand-made canonical rows straight into a store, so a metric test states exactly the data it computes on.</summary>
internal static class Seed
{
    public static DateTime? T(string? iso) =>
        iso is null ? null : DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    public static void Incident(InsightStore store, string id, string created, string? resolved = null, string severity = "SEV3",
        string? service = "api", string? team = "core", string? ack = null, string? title = null, bool? auto = null,
        string? started = null, string? mitigated = null, string? assignee = null, string? ackBy = null, string? declaredBy = null,
        string? declarerGroup = null, bool? automation = null, string? pmUrl = null, string? pmStatus = null, string? pmCompleted = null,
        string source = "test", string? resolvedBy = null, string? number = null, string? pmRef = null, string? commander = null) =>
        store.Execute("""
            INSERT INTO incidents (source, external_id, number, postmortem_ref, commander, title, service, team, severity, status, started_at, created_at, acknowledged_at,
                mitigated_at, resolved_at, declared_by, declarer_group, created_by_automation, assignee, acknowledged_by, resolved_by,
                auto_resolved, postmortem_url, postmortem_status, postmortem_completed_at, row_hash, first_batch_id, last_batch_id)
            VALUES ($source, $id, $number, $pmRef, $commander, $title, $service, $team, $severity, $status, $started, $created, $ack, $mitigated, $resolved,
                $declared, $group, $automation, $assignee, $ackBy, $resolvedBy, $auto, $pmUrl, $pmStatus, $pmCompleted, 0, 1, 1)
            """,
            ("source", source), ("id", id), ("title", title ?? $"Incident {id}"), ("service", service), ("team", team), ("severity", severity),
            ("status", resolved is null ? "open" : "resolved"), ("started", T(started)), ("created", T(created)), ("ack", T(ack)),
            ("mitigated", T(mitigated)), ("resolved", T(resolved)), ("declared", declaredBy), ("group", declarerGroup),
            ("automation", automation), ("assignee", assignee), ("ackBy", ackBy), ("resolvedBy", resolvedBy), ("auto", auto),
            ("pmUrl", pmUrl), ("pmStatus", pmStatus), ("pmCompleted", T(pmCompleted)), ("number", number), ("pmRef", pmRef), ("commander", commander));

    public static void Alert(InsightStore store, string id, string created, string? resolved = null, string? ack = null,
        string rule = "api:Rule", string? service = "api", string? team = "core", string? resolvedByKind = null, int? dedup = null,
        string? incident = null, string? ackBy = null, string source = "test", string severity = "SEV3") =>
        store.Execute("""
            INSERT INTO alerts (source, external_id, incident_external_id, fingerprint, title, service, team, severity, status,
                created_at, acknowledged_at, resolved_at, acknowledged_by, resolved_by_kind, dedup_count, row_hash, first_batch_id, last_batch_id)
            VALUES ($source, $id, $incident, $rule, $title, $service, $team, $severity, $status, $created, $ack, $resolved, $ackBy, $kind, $dedup, 0, 1, 1)
            """,
            ("source", source), ("id", id), ("incident", incident), ("rule", rule), ("title", $"Alert {rule}"), ("service", service),
            ("team", team), ("severity", severity), ("status", resolved is null ? "open" : "resolved"), ("created", T(created)),
            ("ack", T(ack)), ("resolved", T(resolved)), ("ackBy", ackBy), ("kind", resolvedByKind), ("dedup", dedup));

    public static void ActionItem(InsightStore store, string id, string incident, string created, string? due = null, string? completed = null,
        string? status = null, string source = "test", string? owner = "owner", string title = "Add a pool alarm on checkout-db", string? postmortem = null,
        string? acceptance = null, string? team = null) =>
        store.Execute("""
            INSERT INTO action_items (source, external_id, incident_refs, postmortem_refs, title, status, owner, team, acceptance, created_at, due_at,
                completed_at, row_hash, first_batch_id, last_batch_id)
            VALUES ($source, $id, $incident, $postmortem, $title, $status, $owner, $team, $acceptance, $created, $due, $completed, 0, 1, 1)
            """,
            ("source", source), ("id", id), ("incident", incident), ("postmortem", postmortem), ("title", title),
            ("status", status ?? (completed is null ? "open" : "done")), ("owner", owner), ("team", team), ("acceptance", acceptance),
            ("created", T(created)), ("due", T(due)), ("completed", T(completed)));

    public static void Postmortem(InsightStore store, string id, string? incidents, string status, string? completed = null, string source = "test",
        string? owner = null, string? number = null) =>
        store.Execute("""
            INSERT INTO postmortems (source, external_id, number, incident_refs, status, owner, completed_at, row_hash, first_batch_id, last_batch_id)
            VALUES ($source, $id, $number, $incidents, $status, $owner, $completed, 0, 1, 1)
            """,
            ("source", source), ("id", id), ("number", number), ("incidents", incidents), ("status", status), ("owner", owner), ("completed", T(completed)));

    public static void Notify(InsightStore store, string incident, string at, string user, string source = "test") =>
        store.Execute("""
            INSERT INTO timeline_events (source, external_id, incident_external_id, occurred_at, kind, actor, automated, row_hash, first_batch_id, last_batch_id)
            VALUES ($source, $id, $incident, $at, 'notify', $user, true, 0, 1, 1)
            """,
            ("source", source), ("id", $"N-{incident}-{user}"), ("incident", incident), ("at", T(at)), ("user", user));
}
