-- Metric: noisy-alerts-weekly — the volume over time of the noisiest rules: for each of the top $limit alert rules
-- (service + rule, ranked as noisy_alerts.sql ranks them: noise, then alerts, then name), its alerts, noise alerts
-- and pages in every ISO week (zone $tz) of the scope's alerts, weeks without alerts of the rule listed with 0.
WITH a AS (
    SELECT service, rule_key, class, pages, week_start(created_at, $tz) AS week
    FROM alert_noise($from, $to, $service, $team, $severity, $as_of, $tz, $auto_resolve_window_s, $actionable_min_open_s,
                     $flap_count, $flap_window_s, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
ranked AS (
    SELECT service, rule_key, row_number() OVER (ORDER BY count(*) FILTER (WHERE class = 'noise') DESC, count(*) DESC,
                                                          service, rule_key) AS rank
    FROM a GROUP BY service, rule_key
    HAVING count(*) FILTER (WHERE class = 'noise') > 0
    QUALIFY rank <= $limit
),
weeks AS (
    SELECT CAST(w AS DATE) AS week
    FROM (SELECT min(week) AS lo, max(week) AS hi FROM a) b, generate_series(CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP), INTERVAL 7 DAY) g(w)
    WHERE lo IS NOT NULL
),
counts AS (
    SELECT a.service, a.rule_key, a.week, count(*) AS alerts, count(*) FILTER (WHERE a.class = 'noise') AS noise, sum(a.pages) AS pages
    FROM a JOIN ranked r ON r.service IS NOT DISTINCT FROM a.service AND r.rule_key = a.rule_key
    GROUP BY ALL
)
SELECT r.rank, r.rule_key AS rule, r.service, printf('%d-W%02d', isoyear(w.week), week(w.week)) AS week, w.week AS week_start,
       coalesce(c.alerts, 0) AS alerts, coalesce(c.noise, 0) AS noise, coalesce(c.pages, 0) AS pages
FROM ranked r CROSS JOIN weeks w
LEFT JOIN counts c ON c.service IS NOT DISTINCT FROM r.service AND c.rule_key = r.rule_key AND c.week = w.week
ORDER BY r.rank, w.week;
