-- 007: re-importing an unchanged file is recognised, not re-read (issue 25). A batch records the fingerprint of how its
-- file was read (the import plan's SQL, the zone, this build), and the counts a summary repeats. A later import of a file
-- with the same SHA-256 and the same fingerprint, when no other batch has written that source's records since, would
-- write nothing: it is recorded as a batch of its own (repeat_of names the batch it repeats; its rejects and record
-- types are copied), without reading the file again, and the data version (what the analysis cache and the service's
-- result cache are keyed on: the latest batch that wrote a row) does not move.
ALTER TABLE import_batches ADD COLUMN plan_fingerprint VARCHAR;
ALTER TABLE import_batches ADD COLUMN repeat_of BIGINT;
ALTER TABLE import_batches ADD COLUMN derived_acks BIGINT DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN derived_resolves BIGINT DEFAULT 0;
