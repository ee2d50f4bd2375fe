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
--   *_recorded       the incident's source records that field (docs/metrics.md "Recorded or not"): the file its row
--                    came from had a column for it (batch_fields of its last batch), or the row fills it anyway, or
--                    (acknowledgement) the source's timeline of the incident was imported. A figure resting on a field
--                    that is not recorded is unknown, never zero: "never acknowledged" only counts incidents whose
--                    source records acknowledgement.
--   source_format    the format of the file the row came from (to name what does not record a field).
--   postmortem_*     the incident's own postmortem fields, else those of the postmortem record linked to it
--                    (incident_postmortem: a Jira post-incident review, a ServiceNow problem).
CREATE OR REPLACE TEMP MACRO incident_facts(p_from, p_to, p_service, p_team, p_severity, p_as_of) AS TABLE
SELECT i.* REPLACE (coalesce(i.postmortem_url, pm.pm_url) AS postmortem_url,
                    coalesce(i.postmortem_status, pm.pm_status) AS postmortem_status,
                    coalesce(i.postmortem_completed_at, pm.pm_completed_at) AS postmortem_completed_at),
       acknowledged_at IS NOT NULL OR coalesce(list_contains(bf.recorded, 'acknowledged_at'), false) OR te.te_incident IS NOT NULL AS ack_recorded,
       started_at IS NOT NULL OR coalesce(list_contains(bf.recorded, 'started_at'), false)           AS start_recorded,
       mitigated_at IS NOT NULL OR coalesce(list_contains(bf.recorded, 'mitigated_at'), false)       AS mitigation_recorded,
       title IS NOT NULL OR fingerprint IS NOT NULL                                                  AS title_recorded,
       declared_by IS NOT NULL OR coalesce(list_contains(bf.recorded, 'declared_by'), false)         AS declarer_recorded,
       coalesce(ib.format, i.source)                                                                AS source_format,
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
LEFT JOIN (SELECT batch_id AS bf_batch, list(field) AS recorded FROM batch_fields GROUP BY batch_id) bf ON bf.bf_batch = i.last_batch_id
LEFT JOIN (SELECT batch_id AS ib_batch, format FROM import_batches) ib ON ib.ib_batch = i.last_batch_id
LEFT JOIN (SELECT DISTINCT source AS te_source, incident_external_id AS te_incident FROM timeline_events) te
       ON te.te_source = i.source AND te.te_incident = i.external_id
LEFT JOIN incident_postmortem() pm ON pm.source = i.source AND pm.incident_id = i.external_id
WHERE (p_from IS NULL OR created_at >= p_from) AND (p_to IS NULL OR created_at < p_to)
  AND in_filter(service, p_service) AND in_filter(team, p_team) AND in_filter(severity, p_severity);

-- postmortem_done(completed_at, status, url): a completed postmortem (metrics.md "Learning follow-through"): a
-- completion time, or a completed status (completed, complete, done, published, closed, reviewed); where the source
-- records no status at all, a linked postmortem document counts as completed.
CREATE OR REPLACE TEMP MACRO postmortem_done(completed_at, status, url) AS
    coalesce(completed_at IS NOT NULL
             OR lower(status) IN ('completed', 'complete', 'done', 'published', 'closed', 'reviewed')
             OR (status IS NULL AND url IS NOT NULL), false);

-- postmortem_tracked(source): the source records postmortems at all (some incident of it has a postmortem field, or
-- postmortem records of it were imported). Incidents from a source that cannot are not counted as missing a
-- postmortem: missing data is not a failure.
CREATE OR REPLACE TEMP MACRO postmortem_tracked(src) AS
    src IN (SELECT DISTINCT source FROM incidents
            WHERE postmortem_url IS NOT NULL OR postmortem_status IS NOT NULL OR postmortem_completed_at IS NOT NULL OR postmortem_ref IS NOT NULL
            UNION SELECT DISTINCT source FROM postmortems);


