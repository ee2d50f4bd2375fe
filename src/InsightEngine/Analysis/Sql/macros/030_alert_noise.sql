-- alert_noise(from, to, service, team, severity, as_of, auto_resolve_window_s, actionable_min_open_s, flap_count,
-- flap_window_s): every alert in scope (its identifying, time and ownership columns) with its class (metrics.md "Alert noise"):
--   rule_key    the alert rule: fingerprint (alias / dedup key / rule), else the normalized title; with the service
--               it is the unit the noisy-alert list ranks.
--   open_s      resolved_at (else as_of) - created_at.
--   class       'actionable'  linked to an incident, or acknowledged and open at least actionable_min_open_s;
--               'noise'       otherwise, once closed (or flapping / duplicate, open or not);
--               'open'        still open, unacknowledged and not yet flapping or duplicate: not classed yet, left out
--                             of the noise ratio.
--   noise_kind  the first that applies: 'flapping' (the same service + rule triggered >= flap_count times within
--               flap_window_s, this alert among them), 'duplicate' (the source folded occurrences into it:
--               dedup_count > 1), 'auto_resolved' (closed unacknowledged within auto_resolve_window_s, not by a
--               person), 'never_acked' (closed without acknowledgement), 'brief' (acknowledged but closed within
--               actionable_min_open_s: ours, the four kinds above leave it unnamed).
--   band        local_hour_band of created_at in the reporting zone; pages = notification_count where the source has it, else 1.
-- Flapping is found over all alerts, not only those in scope, so a burst that straddles --from still counts.
-- Two macros: alert_classes classes every alert (no scope, no zone: the expensive part, two window passes) and is
-- what MetricQueries.Materialize computes once for a run of several metrics; alert_noise scopes it and adds the band.
CREATE OR REPLACE TEMP MACRO alert_classes(p_as_of, p_auto_resolve_window_s, p_actionable_min_open_s, p_flap_count, p_flap_window_s) AS TABLE
WITH keyed AS (
    SELECT a.*,
           coalesce(nullif(trim(fingerprint), ''), normalize_title(title)) AS rule_key,
           epoch(created_at) AS t
    FROM alerts a
),
burst_ends AS (   -- triggers of the same rule in the window ending at each alert
    SELECT *, count(*) OVER (PARTITION BY service, rule_key ORDER BY t
                             RANGE BETWEEN p_flap_window_s PRECEDING AND CURRENT ROW) AS triggers_before
    FROM keyed
),
bursts AS (       -- an alert flaps when some window of flap_window_s that holds it has flap_count triggers
    SELECT *, max(triggers_before) OVER (PARTITION BY service, rule_key ORDER BY t
                                         RANGE BETWEEN CURRENT ROW AND p_flap_window_s FOLLOWING) >= p_flap_count AS flapping
    FROM burst_ends
),
classed AS (
    SELECT *,
           epoch(coalesce(resolved_at, p_as_of)) - t AS open_s,
           incident_external_id IS NOT NULL
             OR (acknowledged_at IS NOT NULL AND epoch(coalesce(resolved_at, p_as_of)) - t >= p_actionable_min_open_s) AS actionable,
           CASE WHEN flapping THEN 'flapping'
                WHEN coalesce(dedup_count, 1) > 1 THEN 'duplicate'
                WHEN resolved_at IS NULL THEN NULL
                WHEN acknowledged_at IS NULL AND epoch(resolved_at) - t <= p_auto_resolve_window_s
                     AND coalesce(resolved_by_kind, 'auto') <> 'person' THEN 'auto_resolved'
                WHEN acknowledged_at IS NULL THEN 'never_acked'
                ELSE 'brief' END AS kind_if_noise
    FROM bursts
)
SELECT source, external_id, incident_external_id, fingerprint, rule_key, title, service, team, severity, status,
       created_at, acknowledged_at, resolved_at, acknowledged_by, flapping, open_s, actionable,
       CASE WHEN actionable THEN 'actionable' WHEN kind_if_noise IS NULL THEN 'open' ELSE 'noise' END AS class,
       CASE WHEN actionable THEN NULL ELSE kind_if_noise END AS noise_kind,
       coalesce(notification_count, 1) AS pages
FROM classed;

CREATE OR REPLACE TEMP MACRO alert_noise(p_from, p_to, p_service, p_team, p_severity, p_as_of, p_tz,
                                         p_auto_resolve_window_s, p_actionable_min_open_s, p_flap_count, p_flap_window_s,
                                         p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS TABLE
SELECT *, local_hour_band(timezone(p_tz, created_at), p_business_start, p_business_end, p_sleep_start, p_sleep_end) AS band
FROM alert_classes(p_as_of, p_auto_resolve_window_s, p_actionable_min_open_s, p_flap_count, p_flap_window_s)
WHERE (p_from IS NULL OR created_at >= p_from) AND (p_to IS NULL OR created_at < p_to)
  AND in_filter(service, p_service) AND in_filter(team, p_team) AND in_filter(severity, p_severity);
