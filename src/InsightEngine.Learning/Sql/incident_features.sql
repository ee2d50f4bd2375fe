-- incident_features($tz, $window_s, $as_of): one row per incident with what the incident-anomaly and recurrence models
-- read, from the metrics' own incident_facts (the same validity rule and durations as response.sql):
--   ttr_s, tta_s       seconds to resolve / acknowledge (NULL when open, never acknowledged, or the times are invalid;
--                      tta_s also NULL where the resolve time was not recorded, as in response.sql)
--   local_hour, weekend  when it was created, in $tz
--   storm_alerts       alerts on the same service created from 30 min before to 60 min after the incident
--   problem_key        service | normalized title (the recurrence metric's definition of "the same problem"); NULL when
--                      the incident has neither a title nor a fingerprint: its problem, and so its recurrence, is unknown
--                      (prior_* are 0 and recurs_known false for it, never one "problem" of every untitled incident)
--   prior_count        earlier incidents of the same problem; prior_recurrences: how many of those were recurrences
--   days_since_last    days since the same problem last opened (NULL: first time)
--   postmortem         a completed postmortem (postmortem_done)
--   recurs             label: the problem's next incident is a recurrence (opens within $window_s after this one was
--                      resolved); recurs_known: the label is settled (it recurred, or the whole window has passed by the
--                      latest incident in the store)
WITH rec AS (SELECT * FROM incident_recurrence($window_s)),
     facts AS (
         SELECT i.source, i.external_id, i.number, i.title, i.service, i.team, i.severity, i.created_at, i.resolved_at,
                i.url, r.problem_key, r.is_recurrence,
                CASE WHEN i.valid_times THEN i.ttr_s END AS ttr_s,
                CASE WHEN i.valid_times AND NOT i.no_resolve_time THEN i.tta_s END AS tta_s,
                postmortem_done(i.postmortem_completed_at, i.postmortem_status, i.postmortem_url) AS postmortem
         FROM incident_facts(NULL, NULL, NULL, NULL, NULL, $as_of) i JOIN rec r USING (source, external_id)),
     ordered AS (
         SELECT *,
                CASE WHEN problem_key IS NULL THEN 0 ELSE count(*) OVER w - 1 END   AS prior_count,
                CASE WHEN problem_key IS NULL THEN 0
                     ELSE coalesce(sum(CAST(is_recurrence AS INTEGER)) OVER w, 0) - CAST(is_recurrence AS INTEGER) END AS prior_recurrences,
                CASE WHEN problem_key IS NOT NULL THEN (epoch(created_at) - epoch(lag(created_at) OVER w)) / 86400.0 END AS days_since_last,
                lead(created_at) OVER w                                               AS next_created,
                lead(is_recurrence) OVER w                                            AS next_is_recurrence
         FROM facts
         WINDOW w AS (PARTITION BY problem_key ORDER BY created_at, source, external_id)),
     storms AS (
         SELECT o.source, o.external_id, count(a.created_at) AS storm_alerts
         FROM ordered o LEFT JOIN alerts a
           ON a.service = o.service AND a.created_at >= o.created_at - INTERVAL 30 MINUTE AND a.created_at < o.created_at + INTERVAL 60 MINUTE
         GROUP BY ALL),
     latest AS (SELECT max(created_at) AS t FROM incidents)
SELECT o.source, o.external_id, o.number, o.title, o.service, o.team, o.severity, o.created_at, o.url, o.problem_key,
       o.ttr_s, o.tta_s,
       CAST(date_part('hour', timezone($tz, o.created_at)) AS INTEGER)    AS local_hour,
       date_part('isodow', timezone($tz, o.created_at)) >= 6             AS weekend,
       s.storm_alerts, o.prior_count, o.prior_recurrences, o.days_since_last, o.postmortem,
       coalesce(o.next_is_recurrence AND o.next_created - o.resolved_at <= to_seconds($window_s), false) AS recurs,
       o.problem_key IS NOT NULL
           AND (coalesce(o.next_is_recurrence AND o.next_created - o.resolved_at <= to_seconds($window_s), false)
                OR (o.resolved_at IS NOT NULL AND o.resolved_at + to_seconds($window_s) <= (SELECT t FROM latest))) AS recurs_known
FROM ordered o JOIN storms s USING (source, external_id)
ORDER BY o.created_at, o.source, o.external_id
