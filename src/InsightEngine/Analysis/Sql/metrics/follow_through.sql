-- Metric: follow-through — whether incidents are learned from, per group (--by severity | service | team | week |
-- month), with an overall row. Definitions (docs/metrics.md "Learning follow-through"):
--   postmortem_due = resolved SEV1-SEV2 incidents in scope (a postmortem is owed for them) from sources that record
--       postmortems (postmortem_tracked); postmortem_untracked: the owed ones whose source records none — not
--       counted as missing, because missing data is not a failure;
--   postmortem_completed: of the due, with a completed postmortem — its own fields or a linked postmortem record
--       (incident_facts; postmortem_done: a completion time, a completed status, or, where the source has no status,
--       a linked document; completed_by_link says how many rest on that);
--   postmortem_completion = postmortem_completed / postmortem_due;
--   postmortem_within_due: completed at most $postmortem_due_s (14 days) after the resolve, over those whose completion
--       time is known (postmortem_completion_time_known); postmortem_within_due_share = postmortem_within_due /
--       (postmortem_due - completed ones whose completion time is unknown): a completion without a time is neither;
--   postmortem_overdue: owed, not completed, resolved more than $postmortem_due_s before as_of;
--   action items: those counted under an incident in scope (action_item_facts: linked directly or through its
--       postmortem; an item of several incidents counts once, under the earliest), any severity: total, done, open,
--       cancelled (won't do: neither done nor owed), overdue (open, due before as_of), done_late (done after the due
--       time), no_due_date (open or done without one), median_days_to_complete (created -> completed, done items);
--   smart_items / smart_share: items that are assigned, time-bound, specific and (where the source records acceptance
--       criteria: measurable_judged) measurable (action_item_facts), over the items not cancelled.
WITH f AS (
    SELECT group_key($by, created_at, $tz, severity, service, team) AS grp, *,
           severity IN ('SEV1', 'SEV2') AND resolved_at IS NOT NULL AND valid_times AS owed_any,
           owed_any AND postmortem_tracked(source) AS owed,
           postmortem_done(postmortem_completed_at, postmortem_status, postmortem_url) AS pm_done,
           postmortem_completed_at IS NULL AND postmortem_status IS NULL AND postmortem_url IS NOT NULL AS pm_by_link
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of)
),
items AS (
    SELECT f.grp, ai.*
    FROM f JOIN action_item_facts($as_of) ai ON ai.source = f.source AND ai.incident_id = f.external_id
),
incident_figures AS (
    SELECT grp,
           count(*) FILTER (WHERE owed)                                    AS postmortem_due,
           count(*) FILTER (WHERE owed_any AND NOT owed)                   AS postmortem_untracked,
           count(*) FILTER (WHERE owed AND pm_done)                        AS postmortem_completed,
           count(*) FILTER (WHERE owed AND pm_by_link)                     AS completed_by_link,
           count(*) FILTER (WHERE owed AND postmortem_completed_at IS NOT NULL) AS postmortem_completion_time_known,
           count(*) FILTER (WHERE owed AND epoch(postmortem_completed_at) - epoch(resolved_at) <= $postmortem_due_s) AS postmortem_within_due,
           count(*) FILTER (WHERE owed AND pm_done AND postmortem_completed_at IS NULL) AS completed_time_unknown,
           count(*) FILTER (WHERE owed AND NOT pm_done AND epoch($as_of) - epoch(resolved_at) > $postmortem_due_s) AS postmortem_overdue
    FROM f GROUP BY GROUPING SETS ((grp), ())
),
item_figures AS (
    SELECT grp,
           count(*)                                                         AS action_items,
           count(*) FILTER (WHERE state = 'done')                           AS action_items_done,
           count(*) FILTER (WHERE state = 'open')                           AS action_items_open,
           count(*) FILTER (WHERE state = 'cancelled')                      AS action_items_cancelled,
           count(*) FILTER (WHERE overdue)                                  AS action_items_overdue,
           count(*) FILTER (WHERE done_late)                                AS action_items_done_late,
           count(*) FILTER (WHERE state <> 'cancelled' AND due_at IS NULL)  AS action_items_no_due_date,
           quantile_cont(days_to_close, 0.5)                                AS median_days_to_complete,
           count(*) FILTER (WHERE state <> 'cancelled' AND smart)           AS smart_items,
           count(*) FILTER (WHERE state <> 'cancelled' AND measurable_recorded) AS measurable_judged
    FROM items GROUP BY GROUPING SETS ((grp), ())
)
SELECT coalesce(i.grp, 'all') AS "group", i.postmortem_due, i.postmortem_untracked, i.postmortem_completed,
       i.postmortem_completed / nullif(i.postmortem_due, 0) AS postmortem_completion,
       i.completed_by_link, i.postmortem_completion_time_known, i.postmortem_within_due,
       i.postmortem_within_due / nullif(i.postmortem_due - i.completed_time_unknown, 0) AS postmortem_within_due_share,
       i.postmortem_overdue,
       coalesce(a.action_items, 0) AS action_items, coalesce(a.action_items_done, 0) AS action_items_done,
       coalesce(a.action_items_open, 0) AS action_items_open, coalesce(a.action_items_cancelled, 0) AS action_items_cancelled,
       coalesce(a.action_items_overdue, 0) AS action_items_overdue, coalesce(a.action_items_done_late, 0) AS action_items_done_late,
       coalesce(a.action_items_no_due_date, 0) AS action_items_no_due_date, a.median_days_to_complete,
       coalesce(a.smart_items, 0) AS smart_items,
       a.smart_items / nullif(a.action_items - a.action_items_cancelled, 0) AS smart_share,
       coalesce(a.measurable_judged, 0) AS measurable_judged
FROM incident_figures i LEFT JOIN item_figures a ON a.grp IS NOT DISTINCT FROM i.grp
WHERE $by <> 'all' OR i.grp IS NULL          -- --by all: the overall row only
ORDER BY i.grp IS NULL, i.grp;
