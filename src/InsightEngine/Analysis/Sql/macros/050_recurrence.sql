-- incident_recurrence(window_s): every incident (all of them: an earlier occurrence may lie before any --from) with
--   problem_key    service + '|' + normalize_title(title): two incidents are the same problem when these match; an
--                  incident without a usable title keys by its fingerprint (incident / dedup key) where it has one;
--                  with neither, NULL: it cannot be matched to anything and is left out of recurrence (counted as
--                  untitled), never lumped with every other untitled incident into one "problem";
--   is_recurrence  the problem's previous occurrence was resolved, and this one opened after that, at most window_s
--                  later (metrics.md "Recurrence": "opens again within 30 days after it was resolved"). One opened
--                  while the previous is still open is the same outage seen twice (an incident storm), not a return.
CREATE OR REPLACE TEMP MACRO incident_recurrence(p_window_s) AS TABLE
WITH keyed AS (
    SELECT source, external_id, created_at, resolved_at, title, service,
           coalesce(service, '(no service)') || '|'
               || coalesce(nullif(normalize_title(coalesce(title, '')), ''), 'key:' || nullif(trim(fingerprint), '')) AS problem_key
    FROM incidents
),
ordered AS (
    SELECT *, CASE WHEN problem_key IS NOT NULL
                   THEN lag(resolved_at) OVER (PARTITION BY problem_key ORDER BY created_at, source, external_id) END AS previous_seen
    FROM keyed
)
SELECT source, external_id, problem_key, normalize_title(coalesce(title, '')) AS normalized_title,
       coalesce(created_at >= previous_seen AND epoch(created_at) - epoch(previous_seen) <= p_window_s, false) AS is_recurrence
FROM ordered;
