-- Metric: oncall — on-call load per group (--by week | month | team | service | severity), with an overall row.
-- Definitions (docs/metrics.md "On-call load"; what a page is and who received it: pages macro):
--   pages: pages in scope; unattributed: those whose export names no recipient; responders: distinct recipients;
--   out_of_hours_pages: outside business hours (evenings, weekends and sleep hours); sleep_pages: in sleep hours;
--   weeks: ISO weeks (zone $tz) from the first to the last week of the scope ($from/$to, else the pages' own span);
--   pages_per_responder_week = attributed pages / (responders x weeks);
--   max_responder_pages: the most pages one responder received;
--   top10_share: the share of attributed pages received by the top 10% of responders (ceil(10% of responders), ranked
--   by pages, ties by name): "a few key individuals shoulder the burden" when it is high.
WITH p AS (
    SELECT group_key($by, created_at, $tz, severity, service, team) AS grp, *
    FROM pages($from, $to, $service, $team, $severity, $tz, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
all_groups AS (SELECT grp, * EXCLUDE (grp) FROM p UNION ALL SELECT NULL, * EXCLUDE (grp) FROM p),
span AS (
    SELECT grp, greatest(1, (coalesce(week_start(CAST($to AS TIMESTAMPTZ) - INTERVAL 1 MICROSECOND, $tz), max(week))
                         - coalesce(week_start(CAST($from AS TIMESTAMPTZ), $tz), min(week))) // 7 + 1) AS weeks
    FROM all_groups GROUP BY grp
),
per_responder AS (
    SELECT grp, responder, count(*) AS pages,
           row_number() OVER (PARTITION BY grp ORDER BY count(*) DESC, responder) AS rank,
           count(*) OVER (PARTITION BY grp) AS responders
    FROM all_groups WHERE responder IS NOT NULL
    GROUP BY grp, responder
),
concentration AS (
    SELECT grp, any_value(responders) AS responders, max(pages) AS max_responder_pages, sum(pages) AS attributed,
           sum(pages) FILTER (WHERE rank <= ceil(responders * 0.1)) / sum(pages) AS top10_share
    FROM per_responder GROUP BY grp
),
totals AS (
    SELECT grp, count(*) AS pages, count(*) FILTER (WHERE responder IS NULL) AS unattributed,
           count(*) FILTER (WHERE band <> 'business') AS out_of_hours_pages, count(*) FILTER (WHERE band = 'sleep') AS sleep_pages
    FROM all_groups GROUP BY grp
)
SELECT coalesce(t.grp, 'all') AS "group", t.pages, t.unattributed, coalesce(c.responders, 0) AS responders,
       t.out_of_hours_pages, t.sleep_pages, s.weeks,
       c.attributed / nullif(c.responders * s.weeks, 0) AS pages_per_responder_week,
       c.max_responder_pages, c.top10_share
FROM totals t JOIN span s ON s.grp IS NOT DISTINCT FROM t.grp
LEFT JOIN concentration c ON c.grp IS NOT DISTINCT FROM t.grp
WHERE $by <> 'all' OR t.grp IS NULL          -- --by all: the overall row only
ORDER BY t.grp IS NULL, t.grp;
