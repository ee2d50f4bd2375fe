-- Metric: pages-by-hour — the on-call load heat map: pages (pages.sql: each incident, and each alert not part of an
-- incident) per local hour of the week in zone $tz. Every one of the 168 cells is listed, empty ones with 0:
--   weekday 1 = Monday .. 7 = Sunday (ISO), hour 0..23 local, pages, and band: the cell's local_hour_band
--   (business | off_hours | sleep) with the configured business and sleep hours.
WITH p AS (
    SELECT isodow(timezone($tz, created_at)) AS weekday, hour(timezone($tz, created_at)) AS hour
    FROM pages($from, $to, $service, $team, $severity, $tz, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
counts AS (SELECT weekday, hour, count(*) AS pages FROM p GROUP BY ALL),
cells AS (
    SELECT d AS weekday, h AS hour, TIMESTAMP '2024-01-01' + to_days(CAST(d - 1 AS INTEGER)) + to_hours(CAST(h AS INTEGER)) AS local_at
    FROM range(1, 8) t(d), range(0, 24) u(h)         -- 2024-01-01 is a Monday
)
SELECT CAST(c.weekday AS BIGINT) AS weekday, CAST(c.hour AS BIGINT) AS hour, coalesce(n.pages, 0) AS pages,
       local_hour_band(c.local_at, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h) AS band
FROM cells c LEFT JOIN counts n USING (weekday, hour)
ORDER BY c.weekday, c.hour;
