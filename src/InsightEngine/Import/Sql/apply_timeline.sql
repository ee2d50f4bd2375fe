-- Fills incidents from their timeline events where the incident row lacks the fact ($source: one tool's rows).
-- Why: PagerDuty's /incidents API drops `acknowledgements` once an incident is resolved, and its CSVs may lack a resolver;
-- /log_entries keeps both. Definitions:
--   acknowledged_at = the earlier of the row's own value and the first 'acknowledge' event (first human response);
--   acknowledged_by = that event's actor when the event is the earlier one;
--   resolved_at / resolved_by / auto_resolved = the last 'resolve' event, only for rows already resolved or closed
--   whose export gave no time or resolver (an open row is not resolved by an older event).
-- row_hash is left alone: it describes the exported row, so re-importing the same incidents file stays "unchanged".
UPDATE incidents AS i SET
    acknowledged_at = least(i.acknowledged_at, e.first_ack),
    acknowledged_by = CASE WHEN e.first_ack IS NOT NULL AND (i.acknowledged_at IS NULL OR e.first_ack < i.acknowledged_at)
                           THEN coalesce(e.first_acker, i.acknowledged_by) ELSE i.acknowledged_by END,
    resolved_at     = CASE WHEN i.status IN ('resolved', 'closed') THEN coalesce(i.resolved_at, e.resolved) ELSE i.resolved_at END,
    resolved_by     = CASE WHEN i.status IN ('resolved', 'closed') THEN coalesce(i.resolved_by, e.resolver) ELSE i.resolved_by END,
    auto_resolved   = CASE WHEN i.status IN ('resolved', 'closed') THEN coalesce(i.auto_resolved, e.auto_resolved) ELSE i.auto_resolved END
FROM (
    SELECT incident_external_id,
           min(occurred_at) FILTER (WHERE kind = 'acknowledge')                 AS first_ack,
           arg_min(actor, occurred_at) FILTER (WHERE kind = 'acknowledge')      AS first_acker,
           max(occurred_at) FILTER (WHERE kind = 'resolve')                     AS resolved,
           arg_max(actor, occurred_at) FILTER (WHERE kind = 'resolve')          AS resolver,
           arg_max(automated, occurred_at) FILTER (WHERE kind = 'resolve')      AS auto_resolved
    FROM timeline_events
    WHERE source = $source
    GROUP BY incident_external_id
) AS e
WHERE i.source = $source AND i.external_id = e.incident_external_id
  AND ((e.first_ack IS NOT NULL AND (i.acknowledged_at IS NULL OR e.first_ack < i.acknowledged_at))
       OR (i.status IN ('resolved', 'closed') AND e.resolved IS NOT NULL
           AND (i.resolved_at IS NULL OR i.resolved_by IS NULL OR i.auto_resolved IS NULL)));

-- A "resolved but no resolve time" issue is settled once the timeline supplies the time.
DELETE FROM data_issues AS d
WHERE d.source = $source AND d.entity = 'incident' AND d.kind = 'resolved_without_time'
  AND EXISTS (SELECT 1 FROM incidents i WHERE i.source = d.source AND i.external_id = d.external_id AND i.resolved_at IS NOT NULL);
