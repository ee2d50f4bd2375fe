-- Metric: overdue — the follow-through that is late at as_of, one row per item, the most overdue first; the top $limit.
-- The same definitions as follow_through.sql counts (docs/metrics.md "Learning follow-through"):
--   kind 'postmortem': a postmortem owed (resolved SEV1-2 incident from a source that records postmortems), not
--       completed, resolved more than $postmortem_due_s before as_of; due_at = resolved_at + $postmortem_due_s; owner =
--       the linked postmortem record's owner, else the incident's lead (commander), else its assignee.
--   kind 'action_item': an action item counted under an incident in scope (action_item_facts), open, due before as_of;
--       owner = its assignee (NULL: nobody owns it).
--   overdue_days = (as_of - due_at) in days. The incident's number, title, service, severity and url say whose it is;
--   item_url links the item itself where the tool gives one.
WITH f AS (
    SELECT *, postmortem_done(postmortem_completed_at, postmortem_status, postmortem_url) AS pm_done
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of)
),
items AS (
    SELECT 'postmortem' AS kind, f.source, f.external_id, CAST(NULL AS VARCHAR) AS item_number, CAST(NULL AS VARCHAR) AS item_title,
           coalesce(o.pm_owner, f.commander, f.assignee) AS owner, CAST(NULL AS VARCHAR) AS item_url,
           f.resolved_at + to_seconds(CAST($postmortem_due_s AS BIGINT)) AS due_at
    FROM f LEFT JOIN incident_postmortem() o ON o.source = f.source AND o.incident_id = f.external_id
    WHERE f.severity IN ('SEV1', 'SEV2') AND f.resolved_at IS NOT NULL AND f.valid_times AND postmortem_tracked(f.source)
      AND NOT f.pm_done AND epoch($as_of) - epoch(f.resolved_at) > $postmortem_due_s
    UNION ALL
    SELECT 'action_item', f.source, f.external_id, ai.number, ai.title, ai.owner, ai.url, ai.due_at
    FROM f JOIN action_item_facts($as_of) ai ON ai.source = f.source AND ai.incident_id = f.external_id
    WHERE ai.overdue
)
SELECT row_number() OVER (ORDER BY i.due_at, i.kind, i.source, i.external_id, i.item_number, i.item_title) AS rank,
       i.kind, i.source, i.external_id AS incident_external_id, f.number AS incident_number, f.title AS incident_title,
       f.service, f.severity, i.item_number, i.item_title, i.owner, i.due_at, (epoch($as_of) - epoch(i.due_at)) / 86400.0 AS overdue_days,
       f.url, i.item_url
FROM items i JOIN f ON f.source = i.source AND f.external_id = i.external_id
ORDER BY rank
LIMIT $limit;
