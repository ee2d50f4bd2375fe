-- Metric: loop-closed — did the loop close? Whether problems whose action items were done came back less often than
-- those with open or no action items (docs/metrics.md "Did the loop close"). The unit is an occurrence: an incident in
-- scope with a known problem (incident_recurrence: service + normalized title, else fingerprint), resolved, and settled
-- (resolved at least $recurrence_window_s before as_of, so a return could have been seen). Its follow-up is
--   'all_done'    it has action items (linked directly or through its postmortem: action_item_links) and every one is done
--                 or cancelled, with at least one done;
--   'open'        some of its action items are still open;
--   'none'        it has no action items (or only cancelled ones).
-- recurred = the problem's next occurrence opened within $recurrence_window_s after this one was resolved (that next
-- occurrence is a recurrence in the recurrence metric's sense).
-- recurrence_rate = recurred / occurrences, with a 95 % Wilson interval (rate_low, rate_high). verdict (on the
-- all_done row): 'lower' / 'higher' when its interval lies wholly below / above the others' (open and none together),
-- 'no clear difference' when they overlap, 'too few to compare' when either side has fewer than 10 occurrences.
WITH returns AS (
    -- For every incident of a known problem: did the problem's next occurrence return within the window after this one
    -- was resolved? That is the next occurrence's is_recurrence (incident_recurrence: opened after the previous was
    -- resolved, at most the window later), so this metric and the recurrence metric count the same returns.
    SELECT r.source, r.external_id,
           coalesce(lead(r.is_recurrence) OVER (PARTITION BY r.problem_key ORDER BY i.created_at, r.source, r.external_id), false) AS recurred
    FROM incident_recurrence($recurrence_window_s) r JOIN incidents i USING (source, external_id)
    WHERE r.problem_key IS NOT NULL
),
occurrences AS (
    SELECT f.source, f.external_id, rt.recurred
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    JOIN returns rt USING (source, external_id)
    WHERE f.resolved_at IS NOT NULL AND f.valid_times AND epoch($as_of) - epoch(f.resolved_at) >= $recurrence_window_s
),
followed AS (
    SELECT l.source, l.incident_id,
           count(*) FILTER (WHERE a.state = 'open') AS open_items,
           count(*) FILTER (WHERE a.state = 'done') AS done_items
    FROM action_item_links() l
    JOIN (SELECT source, external_id, action_item_state(status, completed_at) AS state FROM action_items) a
      ON a.source = l.source AND a.external_id = l.item_id
    GROUP BY ALL
),
classified AS (
    SELECT o.*,
           CASE WHEN coalesce(fo.open_items, 0) > 0 THEN 'open' WHEN coalesce(fo.done_items, 0) > 0 THEN 'all_done' ELSE 'none' END AS follow_up
    FROM occurrences o LEFT JOIN followed fo ON fo.source = o.source AND fo.incident_id = o.external_id
),
groups AS (
    SELECT follow_up, count(*) AS occurrences, count(*) FILTER (WHERE recurred) AS recurred FROM classified GROUP BY follow_up
    UNION ALL
    SELECT 'open_or_none', count(*), count(*) FILTER (WHERE recurred) FROM classified WHERE follow_up <> 'all_done'
),
rated AS (
    SELECT g.*, recurred / nullif(occurrences, 0) AS recurrence_rate,
           -- Wilson score interval, z = 1.96
           CASE WHEN occurrences > 0 THEN ((recurred / occurrences) + 1.9208 / occurrences
                - 1.96 * sqrt((recurred / occurrences) * (1 - recurred / occurrences) / occurrences + 0.9604 / occurrences ^ 2))
                / (1 + 3.8416 / occurrences) END AS rate_low,
           CASE WHEN occurrences > 0 THEN ((recurred / occurrences) + 1.9208 / occurrences
                + 1.96 * sqrt((recurred / occurrences) * (1 - recurred / occurrences) / occurrences + 0.9604 / occurrences ^ 2))
                / (1 + 3.8416 / occurrences) END AS rate_high
    FROM groups g
),
closed AS (SELECT * FROM rated WHERE follow_up = 'all_done'),
other AS (SELECT * FROM rated WHERE follow_up = 'open_or_none')
SELECT k.follow_up AS "group", coalesce(r.occurrences, 0) AS occurrences, coalesce(r.recurred, 0) AS recurred,
       r.recurrence_rate, r.rate_low, r.rate_high,
       CASE WHEN k.follow_up <> 'all_done' THEN NULL
            WHEN coalesce(c.occurrences, 0) < 10 OR coalesce(o.occurrences, 0) < 10 THEN 'too few to compare'
            WHEN c.rate_high < o.rate_low THEN 'lower'
            WHEN c.rate_low > o.rate_high THEN 'higher'
            ELSE 'no clear difference' END AS verdict
FROM (SELECT unnest(['all_done', 'open', 'none', 'open_or_none']) AS follow_up) k
LEFT JOIN rated r ON r.follow_up = k.follow_up
LEFT JOIN closed c ON true LEFT JOIN other o ON true
ORDER BY list_position(['all_done', 'open', 'none', 'open_or_none'], k.follow_up);
