-- Building blocks every metric query shares, created as TEMP macros on each connection that computes metrics
-- (Analysis/MetricQueries.cs), so a metric's definition lives in exactly one place and needs no migration to change.

-- in_filter(value, list): true when the filter is off (NULL) or value is one of the comma-separated list's items.
CREATE OR REPLACE TEMP MACRO in_filter(value, list) AS
    list IS NULL OR list_contains(list_transform(string_split(list, ','), x -> trim(x)), value);

-- responder_key(name_or_email): one key per person across sources, which name people differently: an e-mail address
-- becomes its local part with dots and underscores as spaces ("goran.novak@x" -> "goran novak"); names are lower-cased
-- with their spaces collapsed ("Goran  Novak" -> "goran novak"). NULL or blank -> NULL.
-- (Plain string functions first: a regular expression only where a name holds a double space; this runs per page.)
CREATE OR REPLACE TEMP MACRO responder_key(x) AS
    CASE WHEN x IS NULL OR trim(x) = '' THEN NULL
         WHEN contains(x, '@') THEN trim(replace(replace(lower(split_part(trim(x), '@', 1)), '.', ' '), '_', ' '))
         WHEN contains(x, '  ') OR contains(x, chr(9)) THEN trim(regexp_replace(lower(x), '\s+', ' ', 'g'))
         ELSE trim(lower(x)) END;

-- normalize_title(title): the recurrence fingerprint of a title (metrics.md "Recurrence"): lower-case; UUIDs, hex ids
-- (tokens mixing digits and a-f) and every run of digits replaced by '#' (so hosts "pg-node-7" -> "pg-node-#",
-- IPs -> "#.#.#.#"); whitespace collapsed. Generation/SampleGenerator.NormalizeTitle applies the same rules.
CREATE OR REPLACE TEMP MACRO normalize_title(t) AS
    trim(regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(lower(t), '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '#', 'g'),
                '\b([0-9a-f]*[0-9][0-9a-f]*[a-f][0-9a-f]*|[0-9a-f]*[a-f][0-9a-f]*[0-9][0-9a-f]*)\b', '#', 'g'),
            '[0-9]+', '#', 'g'),
        '\s+', ' ', 'g'));

-- local_hour_band(local_ts, business_start, business_end, sleep_start, sleep_end): when a page reached someone, by
-- the wall clock (metrics.md "Hour bands", PagerDuty's interruption bands by default). Callers convert each row's
-- instant to the reporting zone once (timezone(tz, ts)) and pass the local time:
--   'sleep'     sleep_start..sleep_end every day (the window may wrap midnight: 22 -> 8);
--   'business'  business_start..business_end, Monday to Friday;
--   'off_hours' everything else (evenings, weekends). Out-of-hours = off_hours + sleep.
CREATE OR REPLACE TEMP MACRO local_hour_band(lt, business_start, business_end, sleep_start, sleep_end) AS
    CASE WHEN CASE WHEN sleep_start > sleep_end
                   THEN hour(lt) + minute(lt) / 60.0 >= sleep_start OR hour(lt) + minute(lt) / 60.0 < sleep_end
                   ELSE hour(lt) + minute(lt) / 60.0 >= sleep_start AND hour(lt) + minute(lt) / 60.0 < sleep_end END THEN 'sleep'
         WHEN isodow(lt) <= 5 AND hour(lt) + minute(lt) / 60.0 >= business_start AND hour(lt) + minute(lt) / 60.0 < business_end THEN 'business'
         ELSE 'off_hours' END;

-- iso_week_label(ts, tz): the ISO 8601 week (Monday start) of an instant in zone tz, e.g. '2026-W53'.
CREATE OR REPLACE TEMP MACRO iso_week_label(ts, tz) AS
    printf('%d-W%02d', isoyear(timezone(tz, ts)), week(timezone(tz, ts)));

-- week_start(ts, tz): the local date of the Monday that starts ts's ISO week in zone tz.
CREATE OR REPLACE TEMP MACRO week_start(ts, tz) AS
    CAST(date_trunc('week', timezone(tz, ts)) AS DATE);

-- group_key(by, ts, tz, severity, service, team): the row a record is counted in for --by.
CREATE OR REPLACE TEMP MACRO group_key(p_by, ts, tz, severity, service, team) AS
    CASE p_by WHEN 'severity' THEN coalesce(severity, 'unknown')
              WHEN 'service'  THEN coalesce(service, '(no service)')
              WHEN 'team'     THEN coalesce(team, '(no team)')
              WHEN 'week'     THEN iso_week_label(ts, tz)
              WHEN 'month'    THEN strftime(timezone(tz, ts), '%Y-%m')
              ELSE 'all' END;

-- unknown_reason(what, missing, total, formats): why a figure is unknown or partial: "acknowledgement not recorded by
-- servicenow-incidents-csv (28 of 28 incidents)". NULL when every incident records it (missing = 0).
CREATE OR REPLACE TEMP MACRO unknown_reason(what, missing, total, formats) AS
    CASE WHEN missing > 0 THEN what || ' not recorded by ' || coalesce(formats, 'the source') || ' ('
         || missing || ' of ' || total || ' incidents)' END;
