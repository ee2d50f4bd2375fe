-- Field coverage: for each source and entity (incident | alert), how many rows fill each canonical field
-- (filled = non-NULL; share = filled / rows). A field a source never fills cannot feed the figures that need it
-- (TTD needs started_at, follow-through needs postmortem fields ...): docs/formats.md lists which formats can fill
-- which fields; this shows what the imported data actually holds. Bookkeeping columns are left out.
WITH incident_counts AS (
    SELECT 'incident' AS entity, source, count(*) AS total_rows,
           count(COLUMNS(* EXCLUDE (source, external_id, row_hash, first_batch_id, last_batch_id)))
    FROM incidents GROUP BY source
),
alert_counts AS (
    SELECT 'alert' AS entity, source, count(*) AS total_rows,
           count(COLUMNS(* EXCLUDE (source, external_id, row_hash, first_batch_id, last_batch_id)))
    FROM alerts GROUP BY source
),
filled AS (
    SELECT * FROM (UNPIVOT incident_counts ON COLUMNS(* EXCLUDE (entity, source, total_rows)) INTO NAME field VALUE filled)
    UNION ALL
    SELECT * FROM (UNPIVOT alert_counts ON COLUMNS(* EXCLUDE (entity, source, total_rows)) INTO NAME field VALUE filled)
),
recorded AS (
    SELECT 'incident' AS entity, i.source, bf.field, count(*) AS recorded
    FROM incidents i JOIN batch_fields bf ON bf.batch_id = i.last_batch_id GROUP BY ALL
    UNION ALL
    SELECT 'alert', a.source, bf.field, count(*)
    FROM alerts a JOIN batch_fields bf ON bf.batch_id = a.last_batch_id GROUP BY ALL
)
SELECT f.entity, f.source, f.field, f.filled, f.total_rows AS "rows",
       round(f.filled / f.total_rows, 4) AS share,
       greatest(coalesce(r.recorded, 0), f.filled) AS recorded
FROM filled f
LEFT JOIN recorded r ON r.entity = f.entity AND r.source = f.source AND r.field = f.field
JOIN duckdb_columns() c
  ON c.table_name = f.entity || 's' AND c.column_name = f.field AND c.schema_name = 'main' AND c.database_name = current_database()
ORDER BY f.entity DESC, f.source, c.column_index
