-- Metric: response — TTA, TTR, TTM, TTD per group (--by severity | service | team | week | month), with an overall
-- row (group 'all'). Definitions (docs/metrics.md "Response times"):
--   TTA = acknowledged_at - created_at, over acknowledged incidents only; never_acknowledged is counted beside it,
--         because leaving those out flatters MTTA, but only over incidents whose source records acknowledgement
--         (ack_recorded, over ack_recorded_n of the incidents): where none does it is NULL, not "all of them".
--   unknown: what the group's figures cannot say and why: the field (acknowledgement, impact start, mitigation), the
--         formats that do not record it and over how many incidents; NULL when every figure rests on recorded fields.
--   TTR = resolved_at - created_at, over resolved incidents. Auto-resolved incidents count (as the vendors count
--         them); ttr_human_* is the same over incidents a person resolved (auto_resolved not true).
--   TTM = mitigated_at - coalesce(started_at, created_at), where the source knows mitigation.
--   TTD = created_at - started_at, where the source knows when impact started.
--   Each: n, median and p90 (quantile_cont: linear interpolation between ranks, as numpy and Excel PERCENTILE.INC),
--         mean. Seconds.
--   ttr_km_median_s: the Kaplan-Meier (product-limit) median of TTR, counting open incidents as censored at their
--         age (as_of - created_at): the plain median leaves long-open incidents out and looks better than it is.
--         NULL when the survival curve never falls to 0.5 (more than half are still open). Where the curve sits at
--         exactly 0.5 the midpoint to the next time is taken (as R's survfit): with nothing open it equals the median.
--   open: no resolve time yet; oldest_open_age_s: the oldest one's age at as_of.
--   excluded: incidents with impossible times (resolved/acknowledged/mitigated before created, impact after created)
--         or a resolved status without a resolve time: counted in incidents, left out of every duration (TTA too).
-- Scope: incidents created in [$from, $to) matching --service/--team/--severity. Week and month are in zone $tz.
WITH f AS (
    SELECT group_key($by, created_at, $tz, severity, service, team) AS grp, *
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of)
),
d AS (            -- durations usable in figures
    SELECT grp, is_open, age_s, no_resolve_time, valid_times, acknowledged_at IS NULL AS never_acked,
           ack_recorded, start_recorded, mitigation_recorded, source_format,
           CASE WHEN valid_times AND NOT no_resolve_time THEN tta_s END AS tta,
           CASE WHEN valid_times THEN ttr_s END AS ttr,
           CASE WHEN valid_times AND human_resolved THEN ttr_s END AS ttr_human,
           CASE WHEN valid_times AND NOT no_resolve_time THEN ttm_s END AS ttm,
           CASE WHEN valid_times AND NOT no_resolve_time THEN ttd_s END AS ttd
    FROM f
),
km_input AS (     -- each group's resolved (event) and open (censored) incidents, and the same again as group 'all'
    SELECT grp, ttr AS t, 1 AS event FROM d WHERE ttr IS NOT NULL
    UNION ALL SELECT grp, age_s, 0 FROM d WHERE is_open AND valid_times
),
km_all AS (SELECT grp, t, event FROM km_input UNION ALL SELECT NULL, t, event FROM km_input),
km_steps AS (     -- at each distinct time: events d and incidents still at risk n (those whose time is >= t)
    SELECT grp, t, sum(event) AS d, count(*) AS c
    FROM km_all GROUP BY grp, t
),
km_curve AS (
    SELECT grp, t, d,
           sum(c) OVER (PARTITION BY grp ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS at_risk
    FROM km_steps
),
km_survival AS (  -- next_t: the next time the curve can drop (an event; a censored time does not move it)
    SELECT grp, t, min(t) FILTER (WHERE d > 0) OVER (PARTITION BY grp ORDER BY t ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_t,
           product(1 - d / at_risk) OVER (PARTITION BY grp ORDER BY t ROWS UNBOUNDED PRECEDING) AS s
    FROM km_curve
),
km AS (           -- the first time S(t) <= 0.5; where S is exactly 0.5 there, the midpoint to the next event time (as R's
                  -- survfit), so with nothing open the KM median equals the plain median
    SELECT grp, arg_min(CASE WHEN abs(s - 0.5) < 1e-9 AND next_t IS NOT NULL THEN (t + next_t) / 2 ELSE t END, t) AS km_median
    FROM km_survival WHERE s <= 0.5 + 1e-9 GROUP BY grp
),
figures AS (
    SELECT grp,
           count(*)                                                      AS incidents,
           count(*) FILTER (WHERE is_open)                               AS open,
           max(age_s) FILTER (WHERE is_open)                             AS oldest_open_age_s,
           CASE WHEN count(*) FILTER (WHERE ack_recorded) > 0
                THEN count(*) FILTER (WHERE never_acked AND ack_recorded) END AS never_acknowledged,
           count(*) FILTER (WHERE ack_recorded)                          AS ack_recorded_n,
           nullif(concat_ws('; ',
               unknown_reason('acknowledgement (TTA, never acknowledged)', count(*) FILTER (WHERE NOT ack_recorded), count(*),
                              string_agg(DISTINCT source_format, ', ' ORDER BY source_format) FILTER (WHERE NOT ack_recorded)),
               unknown_reason('impact start (TTD)', count(*) FILTER (WHERE NOT start_recorded), count(*),
                              string_agg(DISTINCT source_format, ', ' ORDER BY source_format) FILTER (WHERE NOT start_recorded)),
               unknown_reason('mitigation (TTM)', count(*) FILTER (WHERE NOT mitigation_recorded), count(*),
                              string_agg(DISTINCT source_format, ', ' ORDER BY source_format) FILTER (WHERE NOT mitigation_recorded))), '') AS unknown,
           count(*) FILTER (WHERE NOT valid_times OR no_resolve_time)    AS excluded,
           count(tta) AS tta_n, quantile_cont(tta, 0.5) AS tta_median_s, quantile_cont(tta, 0.9) AS tta_p90_s, avg(tta) AS tta_mean_s,
           count(ttr) AS ttr_n, quantile_cont(ttr, 0.5) AS ttr_median_s, quantile_cont(ttr, 0.9) AS ttr_p90_s, avg(ttr) AS ttr_mean_s,
           count(ttr_human) AS ttr_human_n, quantile_cont(ttr_human, 0.5) AS ttr_human_median_s,
           quantile_cont(ttr_human, 0.9) AS ttr_human_p90_s, avg(ttr_human) AS ttr_human_mean_s,
           count(ttm) AS ttm_n, quantile_cont(ttm, 0.5) AS ttm_median_s, quantile_cont(ttm, 0.9) AS ttm_p90_s, avg(ttm) AS ttm_mean_s,
           count(ttd) AS ttd_n, quantile_cont(ttd, 0.5) AS ttd_median_s, quantile_cont(ttd, 0.9) AS ttd_p90_s, avg(ttd) AS ttd_mean_s
    FROM d
    GROUP BY GROUPING SETS ((grp), ())
)
SELECT coalesce(figures.grp, 'all') AS "group", figures.* EXCLUDE (grp), km.km_median AS ttr_km_median_s
FROM figures LEFT JOIN km ON km.grp IS NOT DISTINCT FROM figures.grp
WHERE figures.incidents > 0 AND ($by <> 'all' OR figures.grp IS NULL)   -- --by all: the overall row only
ORDER BY figures.grp IS NULL, figures.grp;
