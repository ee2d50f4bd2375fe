-- 006: where each pull from a tool's API got to (issue 24). One row per (source, account, stream): account is the API's
-- base URL (never a credential); cursor_at the end of the last time window whose pages were all imported (committed in
-- the same transaction as the page that completed it, so a pull killed halfway starts that window again: no gap, and
-- re-imported records are updated in place, never duplicated). Every stream of a pull gets its row, with first_from, when
-- the pull starts, so a stream the pull never reached (it stopped on an earlier one) starts where it was asked to, not
-- at the default reach of a first pull. last_error says why the last pull stopped.
CREATE TABLE pull_cursors (
    source          VARCHAR NOT NULL,
    account         VARCHAR NOT NULL,
    stream          VARCHAR NOT NULL,
    cursor_at       TIMESTAMPTZ,
    first_from      TIMESTAMPTZ,       -- where the first pull of the stream started: a stream whose pull never finished a window starts there again
    last_pull_at    TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ,
    pages           BIGINT NOT NULL DEFAULT 0,
    records         BIGINT NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    PRIMARY KEY (source, account, stream)
);
