-- Metric: oncall-responders — who carries the pager: responders ranked by pages received in scope (ties by name), the
-- top $limit. Definitions (docs/metrics.md "On-call load"; pages macro): pages, incident_pages, alert_pages;
-- out_of_hours_pages (evenings, weekends, sleep hours) and sleep_pages; weeks_paged: ISO weeks with at least one
-- page; peak_week_pages: the most in one week; share = pages / all attributed pages in scope.
WITH p AS (
    SELECT * FROM pages($from, $to, $service, $team, $severity, $tz, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
    WHERE responder IS NOT NULL
),
weekly AS (SELECT responder, week, count(*) AS n FROM p GROUP BY responder, week)
SELECT row_number() OVER (ORDER BY count(*) DESC, p.responder) AS rank, p.responder,
       mode(p.team) AS team,
       count(*) AS pages,
       count(*) FILTER (WHERE page_kind = 'incident') AS incident_pages,
       count(*) FILTER (WHERE page_kind = 'alert') AS alert_pages,
       count(*) FILTER (WHERE band <> 'business') AS out_of_hours_pages,
       count(*) FILTER (WHERE band = 'sleep') AS sleep_pages,
       (SELECT count(*) FROM weekly w WHERE w.responder = p.responder) AS weeks_paged,
       (SELECT max(n) FROM weekly w WHERE w.responder = p.responder) AS peak_week_pages,
       count(*) / sum(count(*)) OVER () AS share
FROM p
GROUP BY p.responder
ORDER BY rank
LIMIT $limit;
