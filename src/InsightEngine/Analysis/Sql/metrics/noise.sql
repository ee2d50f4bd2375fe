-- Metric: noise — the alert noise ratio per group (--by service | team | severity | rule | week | month), with an
-- overall row (group 'all'). Definitions (docs/metrics.md "Alert noise"; the classes and kinds: alert_noise macro):
--   alerts = all alerts created in scope; actionable, noise and open (not classed yet) split them;
--   noise_ratio = noise / (actionable + noise): open alerts are left out until they are classed;
--   flapping, duplicate, auto_resolved, never_acked, brief: noise alerts of each kind (they sum to noise);
--   out_of_hours_share: share of the group's alerts created outside business hours (evenings, weekends, sleep hours);
--   alert_tta_median_seconds: median acknowledged_at - created_at over acknowledged alerts (ours: an alert nobody
--   acknowledged is not a response); alert_tta_close_as_ack_mean_seconds: Opsgenie's own MTTA, a mean in which an alert
--   closed without acknowledgement counts as acknowledged at its close (coalesce(acknowledged_at, resolved_at)), so
--   the vendor's figure can be checked against ours (docs/metrics.md "How these compare").
WITH a AS (
    SELECT CASE WHEN $by = 'rule' THEN coalesce(service, '(no service)') || ' / ' || rule_key
                ELSE group_key($by, created_at, $tz, severity, service, team) END AS grp, *
    FROM alert_noise($from, $to, $service, $team, $severity, $as_of, $tz, $auto_resolve_window_s, $actionable_min_open_s,
                     $flap_count, $flap_window_s, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
)
SELECT coalesce(grp, 'all') AS "group",
       count(*)                                             AS alerts,
       count(*) FILTER (WHERE class = 'actionable')         AS actionable,
       count(*) FILTER (WHERE class = 'noise')              AS noise,
       count(*) FILTER (WHERE class = 'open')               AS open,
       count(*) FILTER (WHERE class = 'noise') / nullif(count(*) FILTER (WHERE class <> 'open'), 0) AS noise_ratio,
       count(*) FILTER (WHERE noise_kind = 'flapping')      AS flapping,
       count(*) FILTER (WHERE noise_kind = 'duplicate')     AS duplicate,
       count(*) FILTER (WHERE noise_kind = 'auto_resolved') AS auto_resolved,
       count(*) FILTER (WHERE noise_kind = 'never_acked')   AS never_acked,
       count(*) FILTER (WHERE noise_kind = 'brief')         AS brief,
       count(*) FILTER (WHERE band <> 'business') / count(*) AS out_of_hours_share,
       quantile_cont(epoch(acknowledged_at) - epoch(created_at), 0.5) FILTER (WHERE acknowledged_at >= created_at) AS alert_tta_median_seconds,
       avg(epoch(coalesce(acknowledged_at, resolved_at)) - epoch(created_at))
           FILTER (WHERE coalesce(acknowledged_at, resolved_at) >= created_at) AS alert_tta_close_as_ack_mean_seconds
FROM a
GROUP BY GROUPING SETS ((grp), ())
HAVING $by <> 'all' OR grp IS NULL          -- --by all: the overall row only
ORDER BY grp IS NULL, grp;
