-- The instant the data describes ("as of"): the latest time anything in the store records. Open incidents' ages,
-- overdue postmortems and open alerts are measured at it, so a metric over the same data gives the same figure
-- whenever it is run. --as-of overrides it.
SELECT greatest(
    (SELECT max(greatest(created_at, acknowledged_at, mitigated_at, resolved_at, closed_at)) FROM incidents),
    (SELECT max(greatest(created_at, acknowledged_at, resolved_at, last_occurred_at)) FROM alerts),
    (SELECT max(occurred_at) FROM timeline_events),
    (SELECT max(greatest(created_at, completed_at, updated_at)) FROM action_items),
    (SELECT max(greatest(created_at, completed_at, updated_at)) FROM postmortems));
