-- 005: postmortems and action items as records of their own (issue 23).
-- * postmortems: a postmortem / post-incident review / problem record kept apart from the incident (a Jira
--   "Post-incident review" issue, a ServiceNow problem). incident_refs lists the incidents it covers, by their id or
--   number in the same source ("OPS-12, OPS-14"); an incident may name it instead (incidents.postmortem_ref:
--   ServiceNow problem_id). Its completion feeds the incident's postmortem figures (docs/metrics.md).
-- * action_items: the follow-ups of incidents and postmortems (incident.io follow-ups, Jira issues linked to an
--   incident or its review, ServiceNow problem tasks, a mapped CSV). incident_refs / postmortem_refs list what it belongs
--   to; status is canonical (open | in_progress | done | cancelled), status_raw the tool's own; acceptance is the
--   item's done / acceptance criterion where the tool has a field for one. Keys are (source, external_id) and re-imports
--   update in place, as for incidents. The table of version 1 (never filled by an importer) is replaced, its rows kept.
ALTER TABLE incidents ADD COLUMN postmortem_ref VARCHAR;

ALTER TABLE action_items RENAME TO action_items_v1;
CREATE TABLE action_items (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    number                  VARCHAR,          -- the human key (Jira OPS-31, PTASK0010001)
    title                   VARCHAR,
    status                  VARCHAR NOT NULL, -- open | in_progress | done | cancelled
    status_raw              VARCHAR,
    priority                VARCHAR,
    owner                   VARCHAR,          -- the assignee
    team                    VARCHAR,
    created_at              TIMESTAMPTZ,
    due_at                  TIMESTAMPTZ,
    completed_at            TIMESTAMPTZ,
    updated_at              TIMESTAMPTZ,
    acceptance              VARCHAR,          -- acceptance / done criterion, where the tool records one
    incident_refs           VARCHAR,          -- incidents it follows up, comma-separated ids or numbers
    postmortem_refs         VARCHAR,          -- postmortems / problems it belongs to, comma-separated ids or numbers
    url                     VARCHAR,
    row_hash                UBIGINT NOT NULL,
    first_batch_id          BIGINT NOT NULL,
    last_batch_id           BIGINT NOT NULL
);

-- Rows written into the old table by hand (no importer filled it) are kept: its incident link and status carry over.
INSERT INTO action_items (source, external_id, title, status, status_raw, created_at, due_at, completed_at, incident_refs, row_hash,
                          first_batch_id, last_batch_id)
SELECT source, external_id, title,
       CASE WHEN completed_at IS NOT NULL OR lower(status) IN ('done', 'completed', 'complete', 'closed', 'resolved') THEN 'done'
            WHEN lower(status) IN ('cancelled', 'canceled', 'won''t do') THEN 'cancelled' ELSE 'open' END,
       status, created_at, due_at, completed_at, incident_external_id, 0, batch_id, batch_id
FROM action_items_v1;
DROP TABLE action_items_v1;

CREATE TABLE postmortems (
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    alt_id                  VARCHAR,          -- another id the source links it by (ServiceNow sys_id)
    number                  VARCHAR,          -- the human key (OPS-40, PRB0040012)
    title                   VARCHAR,
    status                  VARCHAR NOT NULL, -- open | in_progress | completed | cancelled
    status_raw              VARCHAR,
    owner                   VARCHAR,
    created_at              TIMESTAMPTZ,
    due_at                  TIMESTAMPTZ,
    completed_at            TIMESTAMPTZ,
    updated_at              TIMESTAMPTZ,
    incident_refs           VARCHAR,          -- incidents it covers, comma-separated ids or numbers
    url                     VARCHAR,
    row_hash                UBIGINT NOT NULL,
    first_batch_id          BIGINT NOT NULL,
    last_batch_id           BIGINT NOT NULL
);

-- Records of a file that were neither this batch's entity nor rejected: a Jira search's other issue types, handed to
-- the postmortem and action-item passes of the same file or skipped (import_batch_types says which).
ALTER TABLE import_batches ADD COLUMN other_records BIGINT DEFAULT 0;
CREATE TABLE import_batch_types (
    batch_id      BIGINT NOT NULL,
    record_type   VARCHAR NOT NULL,   -- the tool's own type name (Incident, Post-incident review, Task ...)
    records       BIGINT NOT NULL,
    became        VARCHAR NOT NULL    -- incident | postmortem | action_item | skipped
);
