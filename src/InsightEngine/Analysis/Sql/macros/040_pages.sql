-- pages(from, to, service, team, severity, tz, business/sleep bands): every page a person received (metrics.md
-- "On-call load"): each incident, and each alert that is not part of an incident (an alert in an incident pages as
-- that incident, so it is not counted twice). The recipient is the person who acknowledged it, else the incident's
-- assignee, else its commander, as responder_key; NULL when the export names no one ('unattributed').
CREATE OR REPLACE TEMP MACRO pages(p_from, p_to, p_service, p_team, p_severity, p_tz,
                                   p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS TABLE
WITH raw AS (
    SELECT 'incident' AS page_kind, source, external_id, created_at, service, team, severity,
           responder_key(coalesce(nullif(trim(acknowledged_by), ''), nullif(trim(assignee), ''), commander)) AS responder
    FROM incidents
    UNION ALL
    SELECT 'alert', source, external_id, created_at, service, team, severity, responder_key(acknowledged_by)
    FROM alerts
    WHERE incident_external_id IS NULL
)
SELECT *,
       hour_band(created_at, p_tz, p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS band,
       week_start(created_at, p_tz) AS week
FROM raw
WHERE (p_from IS NULL OR created_at >= p_from) AND (p_to IS NULL OR created_at < p_to)
  AND in_filter(service, p_service) AND in_filter(team, p_team) AND in_filter(severity, p_severity);
