-- Metric: frequency — incidents declared per ISO week (Monday start, in zone $tz), per group (--by severity |
-- service | team; week or month give one row per week with group 'all'). Definitions (docs/metrics.md "Frequency"):
--   incidents: created in the week; sev1..sev5, unknown: by canonical severity;
--   low_severity_share = (SEV3 + SEV4 + SEV5) / incidents of known severity: a healthy organisation declares many
--   small incidents. Every week of the period is listed, with zeros, so quiet weeks count in averages.
--   Rows with week 'all' total each group over the period; weekly_mean / weekly_max are over the listed weeks.
-- Scope: incidents created in [$from, $to) matching --service/--team/--severity. The weeks run from the week of
-- $from (else the first incident) to the week of $to (else the last incident).
WITH f AS (
    SELECT CASE WHEN $by IN ('severity', 'service', 'team') THEN group_key($by, created_at, $tz, severity, service, team) ELSE 'all' END AS grp,
           week_start(created_at, $tz) AS week, severity
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of)
),
bounds AS (
    SELECT coalesce(week_start(CAST($from AS TIMESTAMPTZ), $tz), min(week)) AS first_week,
           coalesce(week_start(CAST($to AS TIMESTAMPTZ) - INTERVAL 1 MICROSECOND, $tz), max(week)) AS last_week
    FROM f
),
weeks AS (
    SELECT CAST(w AS DATE) AS week
    FROM bounds, generate_series(CAST(first_week AS TIMESTAMP), CAST(last_week AS TIMESTAMP), INTERVAL 7 DAY) g(w)
    WHERE first_week IS NOT NULL
),
groups AS (SELECT DISTINCT grp FROM f),
grid AS (SELECT grp, week FROM groups CROSS JOIN weeks),
weekly AS (
    SELECT g.grp, g.week,
           count(f.week) AS incidents,
           count(*) FILTER (WHERE f.severity = 'SEV1') AS sev1, count(*) FILTER (WHERE f.severity = 'SEV2') AS sev2,
           count(*) FILTER (WHERE f.severity = 'SEV3') AS sev3, count(*) FILTER (WHERE f.severity = 'SEV4') AS sev4,
           count(*) FILTER (WHERE f.severity = 'SEV5') AS sev5, count(*) FILTER (WHERE f.severity = 'unknown') AS unknown
    FROM grid g LEFT JOIN f ON f.grp = g.grp AND f.week = g.week
    GROUP BY g.grp, g.week
),
rows AS (
    SELECT grp, printf('%d-W%02d', isoyear(week), week(week)) AS week_label, week AS week_start,
           incidents, sev1, sev2, sev3, sev4, sev5, unknown, NULL::DOUBLE AS weekly_mean, NULL::BIGINT AS weekly_max
    FROM weekly
    UNION ALL
    SELECT grp, 'all', NULL, sum(incidents), sum(sev1), sum(sev2), sum(sev3), sum(sev4), sum(sev5), sum(unknown),
           avg(incidents), max(incidents)
    FROM weekly GROUP BY grp
)
SELECT week_label AS week, week_start, grp AS "group", incidents, sev1, sev2, sev3, sev4, sev5, unknown,
       (sev3 + sev4 + sev5) / nullif(incidents - unknown, 0) AS low_severity_share, weekly_mean, weekly_max
FROM rows
ORDER BY grp, week_start NULLS LAST;
