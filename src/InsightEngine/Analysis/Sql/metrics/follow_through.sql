-- Metric: follow-through — whether incidents are learned from, per group (--by severity | service | team | week |
-- month), with an overall row. Definitions (docs/metrics.md "Learning follow-through"):
--   postmortem_due = resolved SEV1-SEV2 incidents in scope (a postmortem is owed for them) from sources that record
--       postmortems (postmortem_tracked); postmortem_untracked: the owed ones whose source records none — not
--       counted as missing, because missing data is not a failure;
--   postmortem_completed: of the due, with a completed postmortem (postmortem_done: a completion time, a completed
--       status, or, where the source has no status, a linked document; completed_by_link says how many rest on that);
--   postmortem_completion = postmortem_completed / postmortem_due;
--   postmortem_within_due: completed at most $postmortem_due_s (14 days) after the resolve, over those whose completion
--       time is known (postmortem_completion_time_known);
--   postmortem_overdue: owed, not completed, resolved more than $postmortem_due_s before as_of;
--   action items (linked to incidents in scope, any severity): total, done (a completion time or a done status),
--   overdue (not done, due before as_of), median_days_to_complete (created -> completed, done items with both times).
WITH f AS (
    SELECT group_key($by, created_at, $tz, severity, service, team) AS grp, *,
           severity IN ('SEV1', 'SEV2') AND resolved_at IS NOT NULL AND valid_times AS owed_any,
           owed_any AND postmortem_tracked(source) AS owed,
           postmortem_done(postmortem_completed_at, postmortem_status, postmortem_url) AS pm_done,
           postmortem_completed_at IS NULL AND postmortem_status IS NULL AND postmortem_url IS NOT NULL AS pm_by_link
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of)
),
items AS (
    SELECT f.grp, ai.*,
           action_item_done(ai.completed_at, ai.status) AS done
    FROM f JOIN action_items ai ON ai.source = f.source AND ai.incident_external_id = f.external_id
),
incident_figures AS (
    SELECT grp,
           count(*) FILTER (WHERE owed)                                    AS postmortem_due,
           count(*) FILTER (WHERE owed_any AND NOT owed)                   AS postmortem_untracked,
           count(*) FILTER (WHERE owed AND pm_done)                        AS postmortem_completed,
           count(*) FILTER (WHERE owed AND pm_by_link)                     AS completed_by_link,
           count(*) FILTER (WHERE owed AND postmortem_completed_at IS NOT NULL) AS postmortem_completion_time_known,
           count(*) FILTER (WHERE owed AND epoch(postmortem_completed_at) - epoch(resolved_at) <= $postmortem_due_s) AS postmortem_within_due,
           count(*) FILTER (WHERE owed AND NOT pm_done AND epoch($as_of) - epoch(resolved_at) > $postmortem_due_s) AS postmortem_overdue
    FROM f GROUP BY GROUPING SETS ((grp), ())
),
item_figures AS (
    SELECT grp,
           count(*)                                                         AS action_items,
           count(*) FILTER (WHERE done)                                     AS action_items_done,
           count(*) FILTER (WHERE NOT done AND due_at < $as_of)             AS action_items_overdue,
           quantile_cont((epoch(completed_at) - epoch(created_at)) / 86400.0, 0.5)
               FILTER (WHERE done AND completed_at >= created_at)           AS median_days_to_complete
    FROM items GROUP BY GROUPING SETS ((grp), ())
)
SELECT coalesce(i.grp, 'all') AS "group", i.postmortem_due, i.postmortem_untracked, i.postmortem_completed,
       i.postmortem_completed / nullif(i.postmortem_due, 0) AS postmortem_completion,
       i.completed_by_link, i.postmortem_completion_time_known, i.postmortem_within_due, i.postmortem_overdue,
       coalesce(a.action_items, 0) AS action_items, coalesce(a.action_items_done, 0) AS action_items_done,
       coalesce(a.action_items_overdue, 0) AS action_items_overdue, a.median_days_to_complete
FROM incident_figures i LEFT JOIN item_figures a ON a.grp IS NOT DISTINCT FROM i.grp
WHERE $by <> 'all' OR i.grp IS NULL          -- --by all: the overall row only
ORDER BY i.grp IS NULL, i.grp;
