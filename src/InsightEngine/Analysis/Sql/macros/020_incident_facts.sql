-- incident_facts(from, to, service, team, severity, as_of): the incidents in scope (created in [from, to), matching
-- the filters; NULL = no filter) with the per-incident facts every incident metric reads (durations in seconds):
--   tta_s = acknowledged_at - created_at            ttr_s = resolved_at - created_at
--   ttm_s = mitigated_at - coalesce(started_at, created_at)    ttd_s = created_at - started_at
--   is_open          no resolve time and not in a resolved/closed status; age_s = as_of - created_at
--   no_resolve_time  resolved/closed status but no resolve time: no TTR
--   valid_times      no impossible ordering (acknowledged, mitigated or resolved before created; impact started after
--                    created). Rows failing it are data errors (flagged in data_issues at import): they are counted,
--                    and left out of every duration figure.
--   human_resolved   resolved by a person: auto_resolved is not true.
CREATE OR REPLACE TEMP MACRO incident_facts(p_from, p_to, p_service, p_team, p_severity, p_as_of) AS TABLE
SELECT i.*,
       epoch(acknowledged_at) - epoch(created_at)                        AS tta_s,
       epoch(resolved_at) - epoch(created_at)                            AS ttr_s,
       epoch(mitigated_at) - epoch(coalesce(started_at, created_at))     AS ttm_s,
       epoch(created_at) - epoch(started_at)                             AS ttd_s,
       resolved_at IS NULL AND status NOT IN ('resolved', 'closed')      AS is_open,
       resolved_at IS NULL AND status IN ('resolved', 'closed')          AS no_resolve_time,
       epoch(p_as_of) - epoch(created_at)                                AS age_s,
       NOT (coalesce(acknowledged_at < created_at, false) OR coalesce(resolved_at < created_at, false)
            OR coalesce(mitigated_at < created_at, false) OR coalesce(started_at > created_at, false)) AS valid_times,
       NOT coalesce(auto_resolved, false)                                AS human_resolved
FROM incidents i
WHERE (p_from IS NULL OR created_at >= p_from) AND (p_to IS NULL OR created_at < p_to)
  AND in_filter(service, p_service) AND in_filter(team, p_team) AND in_filter(severity, p_severity);

-- postmortem_done(completed_at, status, url): a completed postmortem (metrics.md "Learning follow-through"): a
-- completion time, or a completed status (completed, complete, done, published, closed, reviewed); where the source
-- records no status at all, a linked postmortem document counts as completed.
CREATE OR REPLACE TEMP MACRO postmortem_done(completed_at, status, url) AS
    coalesce(completed_at IS NOT NULL
             OR lower(status) IN ('completed', 'complete', 'done', 'published', 'closed', 'reviewed')
             OR (status IS NULL AND url IS NOT NULL), false);

-- postmortem_tracked(source): the source records postmortems at all (some incident of it has a postmortem field).
-- Incidents from a source that cannot are not counted as missing a postmortem: missing data is not a failure.
CREATE OR REPLACE TEMP MACRO postmortem_tracked(src) AS
    src IN (SELECT DISTINCT source FROM incidents
            WHERE postmortem_url IS NOT NULL OR postmortem_status IS NOT NULL OR postmortem_completed_at IS NOT NULL);

-- action_item_done(completed_at, status): a completion time or a done status.
CREATE OR REPLACE TEMP MACRO action_item_done(completed_at, status) AS
    coalesce(completed_at IS NOT NULL OR lower(status) IN ('done', 'completed', 'complete', 'closed', 'resolved'), false);
