-- 004: what each export records, and which version of a record is newest.
-- * incidents.updated_at / version: the source's own last-updated time and revision (ServiceNow sys_updated_on and
--   sys_mod_count, Jira Updated, a mapping's version column). A repeated id in one file keeps its newest row; a
--   re-import of an older export never overwrites a newer stored row (counted as stale in import_batches).
-- * import_batches.encoding / line_ends: what the file was written in (UTF-8, UTF-16, Windows-1252 ...).
-- * batch_fields: per batch, which canonical fields its file records (a column was bound to them and some row the
--   batch wrote fills it) and how (column | duration). A figure that rests on a field no batch in scope records is
--   unknown, not zero.
ALTER TABLE incidents ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE incidents ADD COLUMN version BIGINT;
ALTER TABLE import_batches ADD COLUMN stale BIGINT DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN encoding VARCHAR;
ALTER TABLE import_batches ADD COLUMN line_ends VARCHAR;

CREATE TABLE batch_fields (
    batch_id      BIGINT NOT NULL,
    field         VARCHAR NOT NULL,   -- canonical field (acknowledged_at, started_at, title ...)
    column_name   VARCHAR,            -- the file's own column it was read from
    how           VARCHAR NOT NULL,   -- column: read from a column; duration: derived from a duration column
    PRIMARY KEY (batch_id, field)
);

-- Batches imported before this migration: a field counts as recorded where any row the batch wrote fills it.
INSERT INTO batch_fields
SELECT u.last_batch_id, u.field, NULL, 'column'
FROM (UNPIVOT (SELECT last_batch_id, count(COLUMNS(* EXCLUDE (source, external_id, row_hash, first_batch_id, last_batch_id, updated_at, version)))
               FROM incidents GROUP BY last_batch_id)
      ON COLUMNS(* EXCLUDE (last_batch_id)) INTO NAME field VALUE filled) u
WHERE u.filled > 0 AND u.last_batch_id IN (SELECT batch_id FROM import_batches);
INSERT INTO batch_fields
SELECT u.last_batch_id, u.field, NULL, 'column'
FROM (UNPIVOT (SELECT last_batch_id, count(COLUMNS(* EXCLUDE (source, external_id, row_hash, first_batch_id, last_batch_id)))
               FROM alerts GROUP BY last_batch_id)
      ON COLUMNS(* EXCLUDE (last_batch_id)) INTO NAME field VALUE filled) u
WHERE u.filled > 0 AND u.last_batch_id IN (SELECT batch_id FROM import_batches);
