-- weekly_counts($tz, $as_of): events per ISO week (Monday 00:00 in zone $tz, the metrics' weeks) for every series the
--   anomaly and forecast models read: incidents of the whole organisation (dimension 'all'), of each severity, service
--   and team; alerts of the whole organisation and of each service. Incidents are the metrics' incident_facts (the
--   same rows frequency.sql counts), so a week's count here is the count `insight metrics frequency` gives for it.
--   Every series spans the data's first to last week, weeks without an event count 0.
--   complete: the week ends on or before the latest event of the store (a week the export cut short is not a low week).
WITH inc AS (SELECT week_start(created_at, $tz) AS week, severity, service, team
             FROM incident_facts(NULL, NULL, NULL, NULL, NULL, $as_of)),
     alr AS (SELECT week_start(created_at, $tz) AS week, service FROM alerts),
     bounds AS (SELECT min(week) AS lo, max(week) AS hi FROM (SELECT week FROM inc UNION ALL SELECT week FROM alr)),
     latest AS (SELECT max(t) AS t FROM (SELECT max(created_at) AS t FROM incidents UNION ALL SELECT max(created_at) FROM alerts)),
     weeks AS (SELECT CAST(unnest(generate_series(CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP), INTERVAL 7 DAY)) AS DATE) AS week
               FROM bounds WHERE lo IS NOT NULL),
     events AS (
         SELECT 'incidents' AS measure, 'all' AS dimension, 'all' AS key, week FROM inc
         UNION ALL SELECT 'incidents', 'severity', severity, week FROM inc
         UNION ALL SELECT 'incidents', 'service', coalesce(service, '(no service)'), week FROM inc
         UNION ALL SELECT 'incidents', 'team', coalesce(team, '(no team)'), week FROM inc
         UNION ALL SELECT 'alerts', 'all', 'all', week FROM alr
         UNION ALL SELECT 'alerts', 'service', coalesce(service, '(no service)'), week FROM alr),
     series AS (SELECT DISTINCT measure, dimension, key FROM events),
     counts AS (SELECT measure, dimension, key, week, count(*) AS n FROM events GROUP BY ALL)
SELECT s.measure, s.dimension, s.key, CAST(w.week AS TIMESTAMP) AS week, coalesce(c.n, 0) AS n,
       timezone($tz, CAST(w.week + 7 AS TIMESTAMP)) <= (SELECT t FROM latest) + INTERVAL 1 SECOND AS complete
FROM series s CROSS JOIN weeks w
LEFT JOIN counts c ON c.measure = s.measure AND c.dimension = s.dimension AND c.key = s.key AND c.week = w.week
ORDER BY s.measure, s.dimension, s.key, w.week
