-- 001: the canonical store. Every importer writes these tables; nothing downstream reads a vendor format.
-- All timestamps are TIMESTAMPTZ and stored in UTC. Keys are (source, external_id): re-importing a row updates it.
-- The keys of incidents and alerts carry no PRIMARY KEY index on purpose: DuckDB's index made bulk imports several
-- times slower. The importer keeps them unique (repeated ids in a file are rejected; a changed row is replaced).

CREATE SEQUENCE import_batch_seq START 1;

-- One row per imported file. rows_read = inserted + updated + unchanged + rejected, always.
CREATE TABLE import_batches (
    batch_id        BIGINT PRIMARY KEY,
    source          VARCHAR NOT NULL,      -- pagerduty, opsgenie, ...
    format          VARCHAR NOT NULL,      -- pagerduty-incidents-csv, ...
    entity          VARCHAR NOT NULL,      -- incident | alert
    file_name       VARCHAR NOT NULL,      -- the path as given to the import
    file_sha256     VARCHAR NOT NULL,
    file_bytes      BIGINT NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL,
    timezone        VARCHAR NOT NULL,      -- zone used for timestamps that carry no offset
    naive_timestamps BIGINT NOT NULL,      -- how many timestamps had no offset and were read in that zone
    rows_read       BIGINT NOT NULL,
    inserted        BIGINT NOT NULL,
    updated         BIGINT NOT NULL,
    unchanged       BIGINT NOT NULL,
    rejected        BIGINT NOT NULL,
    data_issues     BIGINT NOT NULL,
    status          VARCHAR NOT NULL       -- completed (a failed file leaves no row: its transaction rolls back)
);

CREATE TABLE incidents (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    number                  VARCHAR,          -- the human number (PagerDuty incident_number, INC0001234 ...)
    title                   VARCHAR,
    service                 VARCHAR,
    team                    VARCHAR,
    severity                VARCHAR NOT NULL, -- SEV1..SEV5 | unknown (canonical)
    severity_raw            VARCHAR,          -- the vendor's own value (P1, high, 1 - Critical ...)
    status                  VARCHAR NOT NULL, -- open | acknowledged | resolved | closed
    status_raw              VARCHAR,
    started_at              TIMESTAMPTZ,      -- impact began
    created_at              TIMESTAMPTZ NOT NULL,
    acknowledged_at         TIMESTAMPTZ,      -- first human acknowledgement
    mitigated_at            TIMESTAMPTZ,
    resolved_at             TIMESTAMPTZ,
    closed_at               TIMESTAMPTZ,
    declared_by             VARCHAR,
    declarer_group          VARCHAR,          -- engineering, support, legal ... where the source says
    created_by_automation   BOOLEAN,
    commander               VARCHAR,
    assignee                VARCHAR,
    acknowledged_by         VARCHAR,
    resolved_by             VARCHAR,
    auto_resolved           BOOLEAN,          -- resolved by the integration or a timeout, not a person
    escalation_policy       VARCHAR,
    detection_source        VARCHAR,
    category                VARCHAR,
    fingerprint             VARCHAR,          -- incident key / dedup key where the source has one
    alert_count             INTEGER,
    postmortem_url          VARCHAR,
    postmortem_status       VARCHAR,
    postmortem_completed_at TIMESTAMPTZ,
    url                     VARCHAR,
    row_hash                UBIGINT NOT NULL, -- hash of every canonical field: equal hash = unchanged row
    first_batch_id          BIGINT NOT NULL,
    last_batch_id           BIGINT NOT NULL
);

CREATE TABLE alerts (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    number                  VARCHAR,          -- Opsgenie tinyId ...
    incident_external_id    VARCHAR,          -- the incident this alert belongs to, where the source links them
    fingerprint             VARCHAR,          -- alias / dedup key / alert rule
    title                   VARCHAR,
    service                 VARCHAR,
    team                    VARCHAR,
    severity                VARCHAR NOT NULL,
    severity_raw            VARCHAR,
    status                  VARCHAR NOT NULL, -- open | acknowledged | resolved | closed
    status_raw              VARCHAR,
    created_at              TIMESTAMPTZ NOT NULL,
    acknowledged_at         TIMESTAMPTZ,
    resolved_at             TIMESTAMPTZ,
    last_occurred_at        TIMESTAMPTZ,
    acknowledged_by         VARCHAR,
    resolved_by             VARCHAR,
    resolved_by_kind        VARCHAR,          -- person | auto | timeout
    notification_count      INTEGER,
    dedup_count             INTEGER,          -- occurrences folded into this alert by the source (Opsgenie count)
    alert_source            VARCHAR,          -- the monitoring tool / integration that raised it
    tags                    VARCHAR,
    url                     VARCHAR,
    row_hash                UBIGINT NOT NULL,
    first_batch_id          BIGINT NOT NULL,
    last_batch_id           BIGINT NOT NULL
);

-- Who responded to an incident, when, in which role (filled where a source has it).
CREATE TABLE assignments (
    source                  VARCHAR NOT NULL,
    incident_external_id    VARCHAR NOT NULL,
    responder               VARCHAR NOT NULL,
    role                    VARCHAR,          -- assignee | acknowledger | resolver | commander | ...
    assigned_at             TIMESTAMPTZ,
    batch_id                BIGINT NOT NULL
);

CREATE TABLE action_items (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    incident_external_id    VARCHAR,
    title                   VARCHAR,
    status                  VARCHAR,
    created_at              TIMESTAMPTZ,
    due_at                  TIMESTAMPTZ,
    completed_at            TIMESTAMPTZ,
    batch_id                BIGINT NOT NULL,
    PRIMARY KEY (source, external_id)
);

CREATE TABLE timeline_events (
    source                  VARCHAR NOT NULL,
    incident_external_id    VARCHAR NOT NULL,
    occurred_at             TIMESTAMPTZ NOT NULL,
    kind                    VARCHAR NOT NULL,
    actor                   VARCHAR,
    detail                  VARCHAR,
    batch_id                BIGINT NOT NULL
);

-- Rows that could not be imported: one row per bad cell (a line may appear more than once).
CREATE TABLE import_rejects (
    batch_id        BIGINT NOT NULL,
    line            BIGINT NOT NULL,   -- physical line in the file where the record starts (header = line 1)
    column_name     VARCHAR,           -- the file's own column name
    raw_value       VARCHAR,
    reason          VARCHAR NOT NULL
);

-- Rows that were imported but are flagged, and left out of the metrics they would distort.
CREATE TABLE data_issues (
    source          VARCHAR NOT NULL,
    entity          VARCHAR NOT NULL,  -- incident | alert
    external_id     VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,  -- resolved_before_created | acknowledged_before_created | ...
    detail          VARCHAR NOT NULL,
    batch_id        BIGINT NOT NULL,
    line            BIGINT
);
