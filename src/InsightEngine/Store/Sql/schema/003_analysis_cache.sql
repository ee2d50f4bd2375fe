-- 003: the analysis cache (Analysis/SharedBlocks.cs). The metrics share a few expensive building blocks computed over
-- every row (alert classes, page recipients, recurrence). After an import they are computed once into
-- analysis_<block> tables for the thresholds in force; a metric query uses such a table only while this row's key
-- (data version = latest import batch, as-of instant, thresholds) equals its own request's, and computes the block
-- live otherwise. Deleting these rows or tables loses nothing but speed.
CREATE TABLE analysis_cache (
    block        VARCHAR PRIMARY KEY,   -- the macro the table stands in for: alert_classes, page_recipients, ...
    cache_key    VARCHAR NOT NULL,      -- data version | the macro's arguments
    refreshed_at TIMESTAMPTZ NOT NULL
);
