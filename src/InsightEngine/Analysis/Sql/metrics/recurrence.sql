-- Metric: recurrence — the recurrence rate per group (--by severity | service | team | week | month), with an overall
-- row. Definitions (docs/metrics.md "Recurrence"; problem_key and is_recurrence: incident_recurrence macro):
--   recurrences = incidents in scope that are a recurrence: the same problem (service + normalized title) was last
--                 seen at most $recurrence_window_s before (30 days by default), whether or not that earlier
--                 occurrence lies in the period;
--   untitled = incidents with neither a title nor a fingerprint: they cannot be matched, so they are left out;
--   recurrence_rate = recurrences / (incidents - untitled), NULL when none has a title; problems = distinct problems
--   in scope; recurring_problems = those with at least one recurrence in scope.
WITH f AS (
    SELECT group_key($by, f.created_at, $tz, f.severity, f.service, f.team) AS grp, r.problem_key, r.is_recurrence
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    JOIN incident_recurrence($recurrence_window_s) r USING (source, external_id)
)
SELECT coalesce(grp, 'all') AS "group",
       count(*)                                               AS incidents,
       count(*) FILTER (WHERE is_recurrence)                  AS recurrences,
       count(*) FILTER (WHERE is_recurrence) / nullif(count(problem_key), 0) AS recurrence_rate,
       count(DISTINCT problem_key)                            AS problems,
       count(DISTINCT problem_key) FILTER (WHERE is_recurrence) AS recurring_problems,
       count(*) FILTER (WHERE problem_key IS NULL)            AS untitled
FROM f
GROUP BY GROUPING SETS ((grp), ())
HAVING $by <> 'all' OR grp IS NULL          -- --by all: the overall row only
ORDER BY grp IS NULL, grp;
