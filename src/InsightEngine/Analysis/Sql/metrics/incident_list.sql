-- Metric: incidents — the incidents in scope, one row each, the most severe first (SEV1 .. SEV5, unknown), then the
-- earliest created; the top $limit. The weekly review's "incidents of the week" reads it. Per incident:
--   tta_seconds, ttr_seconds: as response.sql defines them (NULL when not acknowledged / resolved, or when its times
--   are impossible: valid_times); is_open and age_seconds (as_of - created_at) for open ones; is_recurrence: the return
--   of a problem resolved within $recurrence_window_s before (recurrence.sql); url: the incident in its source tool.
SELECT row_number() OVER (ORDER BY coalesce(list_position(['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'], f.severity), 6),
                                   f.created_at, f.source, f.external_id) AS rank,
       f.source, f.external_id, f.number, f.title, f.service, f.team, f.severity, f.status, f.created_at,
       CASE WHEN f.valid_times THEN f.tta_s END AS tta_seconds,
       CASE WHEN f.valid_times THEN f.ttr_s END AS ttr_seconds,
       f.is_open, CASE WHEN f.is_open THEN f.age_s END AS age_seconds,
       r.is_recurrence, f.url
FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
JOIN incident_recurrence($recurrence_window_s) r USING (source, external_id)
ORDER BY rank
LIMIT $limit;
