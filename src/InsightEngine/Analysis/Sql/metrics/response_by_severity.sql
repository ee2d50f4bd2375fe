-- Metric: response times (TTA, TTR) by canonical severity, with an overall row (severity = 'all').
-- Definitions (docs/metrics.md; ../shared/design/metrics.md):
--   TTA (time to acknowledge) = acknowledged_at - created_at, over acknowledged incidents only;
--       incidents never acknowledged are counted beside it (never_acknowledged), because leaving them out flatters MTTA.
--   TTR (time to resolve)     = resolved_at - created_at, over resolved incidents; open incidents have no TTR and are
--       counted as open. Auto-resolved incidents count, as the vendors count them; the human-resolved-only TTR
--       (auto_resolved is not true) is reported beside it.
--   MTTA / MTTR = the mean; the headline figures are the median and p90 (quantile_cont: linear interpolation
--       between the two nearest ranks, as numpy's default and Excel's PERCENTILE.INC).
--   Negative durations (acknowledged or resolved before created) and incidents marked resolved without a resolve
--       time are data errors flagged in data_issues: they are left out and counted in excluded.
-- Scope: incidents created in [$from, $to) (either bound may be NULL = open-ended). All durations in seconds.
WITH scoped AS (
    SELECT severity,
           resolved_at IS NULL AND status NOT IN ('resolved', 'closed') AS is_open,
           resolved_at IS NULL AND status IN ('resolved', 'closed')     AS no_resolve_time,
           acknowledged_at IS NULL                          AS never_acked,
           coalesce(auto_resolved, false)                   AS auto,
           epoch(acknowledged_at) - epoch(created_at)       AS tta,
           epoch(resolved_at) - epoch(created_at)           AS ttr
    FROM incidents
    WHERE ($from IS NULL OR created_at >= $from)
      AND ($to IS NULL OR created_at < $to)
)
SELECT coalesce(severity, 'all')                                          AS severity,
       count(*)                                                           AS incidents,
       count(*) FILTER (WHERE is_open)                                    AS open,
       count(*) FILTER (WHERE never_acked)                                AS never_acknowledged,
       count(*) FILTER (WHERE tta < 0 OR ttr < 0 OR no_resolve_time)      AS excluded,
       count(tta) FILTER (WHERE tta >= 0)                                 AS tta_n,
       quantile_cont(tta, 0.5) FILTER (WHERE tta >= 0)                    AS tta_median,
       quantile_cont(tta, 0.9) FILTER (WHERE tta >= 0)                    AS tta_p90,
       avg(tta) FILTER (WHERE tta >= 0)                                   AS tta_mean,
       count(ttr) FILTER (WHERE ttr >= 0)                                 AS ttr_n,
       quantile_cont(ttr, 0.5) FILTER (WHERE ttr >= 0)                    AS ttr_median,
       quantile_cont(ttr, 0.9) FILTER (WHERE ttr >= 0)                    AS ttr_p90,
       avg(ttr) FILTER (WHERE ttr >= 0)                                   AS ttr_mean,
       count(ttr) FILTER (WHERE ttr >= 0 AND NOT auto)                    AS ttr_human_n,
       quantile_cont(ttr, 0.5) FILTER (WHERE ttr >= 0 AND NOT auto)       AS ttr_human_median,
       quantile_cont(ttr, 0.9) FILTER (WHERE ttr >= 0 AND NOT auto)       AS ttr_human_p90,
       avg(ttr) FILTER (WHERE ttr >= 0 AND NOT auto)                      AS ttr_human_mean
FROM scoped
GROUP BY GROUPING SETS ((severity), ())
HAVING count(*) > 0           -- an empty period gives no rows, not an 'all' row of zeros
ORDER BY severity IS NULL, severity
