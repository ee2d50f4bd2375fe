-- Metric: recurring-problems — the problems that keep coming back, ranked by the days they were seen on (local days in
-- $tz), then occurrences, recurrences, the latest first; the top $limit; only problems seen at least twice. Days
-- lead the ranking because a problem that returns on many separate days is what keeps costing, while a storm of
-- the same failure on one bad day is one outage (it ranks by its days, and shows its occurrences). Definitions (docs/metrics.md
-- "Recurrence"): a problem is a service + normalized title; occurrences = its incidents in scope; recurrences = those
-- that are a recurrence (within $recurrence_window_s of the previous occurrence); first_seen / last_seen over its
-- incidents in scope; with_postmortem = its incidents with a postmortem linked or recorded; action_items /
-- action_items_done = items counted under its incidents (action_item_facts); severities = the canonical severities seen, highest first.
WITH f AS (
    SELECT f.source, f.external_id, f.created_at, f.title, f.service, f.team, f.severity,
           f.postmortem_url IS NOT NULL OR f.postmortem_status IS NOT NULL OR f.postmortem_completed_at IS NOT NULL AS has_postmortem,
           r.problem_key, r.normalized_title, r.is_recurrence
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    JOIN incident_recurrence($recurrence_window_s) r USING (source, external_id)
),
items AS (
    SELECT f.problem_key, count(DISTINCT (ai.source, ai.external_id)) AS total,
           count(DISTINCT (ai.source, ai.external_id)) FILTER (WHERE ai.state = 'done') AS done
    FROM f JOIN action_item_facts($as_of) ai ON ai.source = f.source AND ai.incident_id = f.external_id
    GROUP BY f.problem_key
),
problems AS (
    SELECT problem_key, any_value(service) AS service, mode(team) AS team, any_value(normalized_title) AS normalized_title,
           arg_max(title, created_at) AS example_title,
           count(DISTINCT CAST(timezone($tz, created_at) AS DATE)) AS days_seen, count(*) AS occurrences, count(*) FILTER (WHERE is_recurrence) AS recurrences,
           min(created_at) AS first_seen, max(created_at) AS last_seen,
           count(*) FILTER (WHERE has_postmortem) AS with_postmortem,
           string_agg(DISTINCT severity, ',' ORDER BY severity) AS severities
    FROM f WHERE problem_key IS NOT NULL GROUP BY problem_key   -- untitled incidents match nothing
    HAVING count(*) >= 2
)
SELECT row_number() OVER (ORDER BY p.days_seen DESC, p.occurrences DESC, p.recurrences DESC, p.last_seen DESC, p.problem_key) AS rank,
       p.service, p.team, p.normalized_title, p.example_title, p.days_seen, p.occurrences, p.recurrences, p.first_seen, p.last_seen,
       p.with_postmortem, coalesce(i.total, 0) AS action_items, coalesce(i.done, 0) AS action_items_done, p.severities
FROM problems p LEFT JOIN items i USING (problem_key)
ORDER BY rank
LIMIT $limit;
