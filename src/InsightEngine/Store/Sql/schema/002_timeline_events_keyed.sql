-- 002: timeline events become a keyed, importable entity (PagerDuty log entries, status transitions ...).
-- Each event has the source's own id, so re-importing a log-entry dump is idempotent like incidents and alerts;
-- acknowledgement and resolution times missing from an incident row are filled from its events (apply_timeline.sql).
-- No importer wrote the 001 table, so it is replaced rather than altered.
DROP TABLE timeline_events;

CREATE TABLE timeline_events (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,  -- the source's event id (PagerDuty log entry id ...)
    incident_external_id    VARCHAR NOT NULL,
    occurred_at             TIMESTAMPTZ NOT NULL,
    kind                    VARCHAR NOT NULL,  -- trigger | notify | acknowledge | assign | escalate | resolve | annotate | ...
    kind_raw                VARCHAR,           -- the source's own type (acknowledge_log_entry ...)
    actor                   VARCHAR,           -- who did it (user name), or the integration for automatic events
    automated               BOOLEAN,           -- done by an integration, a timeout or a rule, not a person
    detail                  VARCHAR,
    row_hash                UBIGINT NOT NULL,
    first_batch_id          BIGINT NOT NULL,
    last_batch_id           BIGINT NOT NULL
);

-- Rows of a file that a later row of the same file replaces (ServiceNow audit exports: one row per sys_mod_count).
ALTER TABLE import_batches ADD COLUMN superseded BIGINT DEFAULT 0; -- (DuckDB cannot add a NOT NULL column)
