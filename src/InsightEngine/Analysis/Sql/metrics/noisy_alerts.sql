-- Metric: noisy-alerts — the ranked list a team prunes in its weekly review: alert rules (service + rule_key) ordered
-- by noise alerts, then alerts, then name; the top $limit. Definitions (docs/metrics.md "Alert noise"):
--   alerts, noise, noise_share = noise / classed alerts (actionable + noise);
--   dominant_noise_kind: the kind most of its noise alerts have (ties: flapping, duplicate, auto_resolved,
--   never_acked, brief); out_of_hours_share: its alerts created outside business hours / its alerts;
--   median_open_seconds: median of resolved_at (else as_of) - created_at; pages: notifications sent (notification_count,
--   else 1 an alert), out_of_hours_pages and sleep_pages those outside business hours and in sleep hours, noise_pages
--   those of its noise alerts (what pruning the rule would save);
--   first_seen / last_seen; example_title: its latest alert's title.
WITH a AS (
    SELECT * FROM alert_noise($from, $to, $service, $team, $severity, $as_of, $tz, $auto_resolve_window_s, $actionable_min_open_s,
                              $flap_count, $flap_window_s, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
kinds AS (
    SELECT service, rule_key, noise_kind, count(*) AS n,
           row_number() OVER (PARTITION BY service, rule_key ORDER BY count(*) DESC,
               list_position(['flapping', 'duplicate', 'auto_resolved', 'never_acked', 'brief'], noise_kind)) AS pick
    FROM a WHERE noise_kind IS NOT NULL
    GROUP BY service, rule_key, noise_kind
),
rules AS (
    SELECT service, rule_key,
           mode(team) AS team,
           count(*) AS alerts,
           count(*) FILTER (WHERE class = 'noise') AS noise,
           count(*) FILTER (WHERE class = 'noise') / nullif(count(*) FILTER (WHERE class <> 'open'), 0) AS noise_share,
           count(*) FILTER (WHERE band <> 'business') / count(*) AS out_of_hours_share,
           quantile_cont(open_s, 0.5) AS median_open_seconds,
           sum(pages) AS pages,
           sum(pages) FILTER (WHERE band <> 'business') AS out_of_hours_pages,
           sum(pages) FILTER (WHERE band = 'sleep') AS sleep_pages,
           sum(pages) FILTER (WHERE class = 'noise') AS noise_pages,
           min(created_at) AS first_seen, max(created_at) AS last_seen,
           arg_max(title, created_at) AS example_title
    FROM a GROUP BY service, rule_key
)
SELECT row_number() OVER (ORDER BY r.noise DESC, r.alerts DESC, r.service, r.rule_key) AS rank,
       r.rule_key AS rule, r.service, r.team, r.alerts, r.noise, r.noise_share, k.noise_kind AS dominant_noise_kind,
       r.out_of_hours_share, r.median_open_seconds, r.pages, coalesce(r.out_of_hours_pages, 0) AS out_of_hours_pages,
       coalesce(r.sleep_pages, 0) AS sleep_pages, coalesce(r.noise_pages, 0) AS noise_pages, r.first_seen, r.last_seen, r.example_title
FROM rules r LEFT JOIN kinds k ON k.service IS NOT DISTINCT FROM r.service AND k.rule_key = r.rule_key AND k.pick = 1
WHERE r.noise > 0
ORDER BY rank
LIMIT $limit;
