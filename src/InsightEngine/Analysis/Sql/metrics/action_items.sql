-- Metric: action-items — who owes what: the action items counted under incidents in scope (action_item_facts: linked
-- directly or through the incident's postmortem; an item of several incidents counts once), per owner (default), team
-- (the item's own, else its incident's), severity of the incident, or all, with an overall row. Definitions
-- (docs/metrics.md "Learning follow-through"):
--   items, done, open, cancelled (won't do), overdue (open and due before as_of), done_late (done after the due time),
--   no_due_date (not cancelled, no due date), unassigned (no owner), median_days_to_complete (created -> completed,
--   done items), oldest_overdue_days (as_of - the earliest due time of an overdue item);
--   smart_items / smart_share: assigned, time-bound, specific and (where recorded) measurable, over items not cancelled;
--   measurable_judged: items whose source records an acceptance criterion field.
WITH items AS (
    SELECT CASE $by WHEN 'owner' THEN coalesce(ai.owner, '(unassigned)')
                    WHEN 'team' THEN coalesce(ai.team, '(no team)')
                    WHEN 'severity' THEN coalesce(f.severity, 'unknown')
                    ELSE 'all' END AS grp, ai.*
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    JOIN action_item_facts($as_of) ai ON ai.source = f.source AND ai.incident_id = f.external_id
)
SELECT coalesce(grp, 'all') AS "group",
       count(*)                                                        AS items,
       count(*) FILTER (WHERE state = 'done')                          AS done,
       count(*) FILTER (WHERE state = 'open')                          AS open,
       count(*) FILTER (WHERE state = 'cancelled')                     AS cancelled,
       count(*) FILTER (WHERE overdue)                                 AS overdue,
       count(*) FILTER (WHERE done_late)                               AS done_late,
       count(*) FILTER (WHERE state <> 'cancelled' AND due_at IS NULL) AS no_due_date,
       count(*) FILTER (WHERE state <> 'cancelled' AND owner IS NULL)  AS unassigned,
       quantile_cont(days_to_close, 0.5)                               AS median_days_to_complete,
       max(epoch($as_of) - epoch(due_at)) FILTER (WHERE overdue) / 86400.0 AS oldest_overdue_days,
       count(*) FILTER (WHERE state <> 'cancelled' AND smart)          AS smart_items,
       count(*) FILTER (WHERE state <> 'cancelled' AND smart) / nullif(count(*) FILTER (WHERE state <> 'cancelled'), 0) AS smart_share,
       count(*) FILTER (WHERE state <> 'cancelled' AND measurable_recorded) AS measurable_judged
FROM items
GROUP BY GROUPING SETS ((grp), ())
HAVING $by <> 'all' OR grp IS NULL
ORDER BY grp IS NULL, overdue DESC, open DESC, grp;
