-- pages(from, to, service, team, severity, tz, business/sleep bands): every page a person received (metrics.md
-- "On-call load"): each incident, and each alert that is not part of an incident (an alert in an incident pages as
-- that incident, so it is not counted twice). The recipient, as responder_key, is the first person the source says
-- it notified (PagerDuty notify log entries), else who acknowledged it, else the assignee, else the commander (lead),
-- else a person who resolved it (not an integration); NULL when the export names no one ('unattributed').
-- Two macros: page_recipients attributes every page (no scope, no zone: computed once by MetricQueries.Materialize
-- for a run of several metrics); pages scopes it and adds the band and the local week.
CREATE OR REPLACE TEMP MACRO page_recipients() AS TABLE
WITH notified AS (
    SELECT source, incident_external_id, arg_min(actor, occurred_at) AS actor
    FROM timeline_events WHERE kind = 'notify' AND actor IS NOT NULL   -- a notify event's actor is the user paged
    GROUP BY source, incident_external_id
)
SELECT 'incident' AS page_kind, i.source, i.external_id, i.created_at, i.service, i.team, i.severity,
       responder_key(coalesce(nullif(trim(n.actor), ''), nullif(trim(i.acknowledged_by), ''), nullif(trim(i.assignee), ''),
                              nullif(trim(i.commander), ''),
                              CASE WHEN NOT coalesce(i.auto_resolved, false) THEN nullif(trim(i.resolved_by), '') END)) AS responder
FROM incidents i
LEFT JOIN notified n ON n.source = i.source AND n.incident_external_id = i.external_id
UNION ALL
SELECT 'alert', source, external_id, created_at, service, team, severity, responder_key(acknowledged_by)
FROM alerts
WHERE incident_external_id IS NULL;

CREATE OR REPLACE TEMP MACRO pages(p_from, p_to, p_service, p_team, p_severity, p_tz,
                                   p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS TABLE
SELECT * EXCLUDE (local_at),
       local_hour_band(local_at, p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS band,
       CAST(date_trunc('week', local_at) AS DATE) AS week
FROM (SELECT *, timezone(p_tz, created_at) AS local_at FROM page_recipients())
WHERE (p_from IS NULL OR created_at >= p_from) AND (p_to IS NULL OR created_at < p_to)
  AND in_filter(service, p_service) AND in_filter(team, p_team) AND in_filter(severity, p_severity);
