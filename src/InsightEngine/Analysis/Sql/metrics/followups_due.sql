-- Metric: followups-due — the follow-through that falls due in the period [$from, $to) and is not done, the earliest
-- due first; the top $limit (the weekly review's "due this week"). Unlike the other lists, $from / $to bound the due
-- time, not the incident's creation: a postmortem falls due $postmortem_due_s after its incident was resolved, which
-- may be weeks before the period. Definitions as in overdue_followups.sql:
--   kind 'postmortem': owed (resolved SEV1-2, source records postmortems), not completed, due_at = resolved_at +
--       $postmortem_due_s in the period;  kind 'action_item': open, due_at in the period.
--   owner as in overdue_followups.sql; overdue = due_at before as_of (already late when the period ends later).
WITH f AS (
    SELECT *, postmortem_done(postmortem_completed_at, postmortem_status, postmortem_url) AS pm_done
    FROM incident_facts(NULL, NULL, $service, $team, $severity, $as_of)
),
items AS (
    SELECT 'postmortem' AS kind, f.source, f.external_id, CAST(NULL AS VARCHAR) AS item_number, CAST(NULL AS VARCHAR) AS item_title,
           coalesce(o.pm_owner, f.commander, f.assignee) AS owner, CAST(NULL AS VARCHAR) AS item_url,
           f.resolved_at + to_seconds(CAST($postmortem_due_s AS BIGINT)) AS due_at
    FROM f LEFT JOIN incident_postmortem() o ON o.source = f.source AND o.incident_id = f.external_id
    WHERE f.severity IN ('SEV1', 'SEV2') AND f.resolved_at IS NOT NULL AND f.valid_times AND postmortem_tracked(f.source) AND NOT f.pm_done
    UNION ALL
    SELECT 'action_item', f.source, f.external_id, ai.number, ai.title, ai.owner, ai.url, ai.due_at
    FROM f JOIN action_item_facts($as_of) ai ON ai.source = f.source AND ai.incident_id = f.external_id
    WHERE ai.state = 'open' AND ai.due_at IS NOT NULL
)
SELECT row_number() OVER (ORDER BY i.due_at, i.kind, i.source, i.external_id, i.item_number, i.item_title) AS rank,
       i.kind, i.source, i.external_id AS incident_external_id, f.number AS incident_number, f.title AS incident_title,
       f.service, f.severity, i.item_number, i.item_title, i.owner, i.due_at, i.due_at < $as_of AS overdue, f.url, i.item_url
FROM items i JOIN f ON f.source = i.source AND f.external_id = i.external_id
WHERE ($from IS NULL OR i.due_at >= $from) AND ($to IS NULL OR i.due_at < $to)
ORDER BY rank
LIMIT $limit;
