-- The row-level building blocks of the metrics, as views for insight query / insight shell: every row, whole store,
-- default thresholds, the as-of instant of the data (what `insight metrics` uses without --as-of). Their columns are
-- defined where the macros are (Analysis/Sql/macros/*.sql); call the macros themselves for another scope.
-- The parameters are written in as literals when the session opens (views cannot take parameters).

-- all_incident_facts: every incident with tta_s, ttr_s, ttm_s, ttd_s, is_open, age_s, valid_times, human_resolved.
CREATE OR REPLACE TEMP VIEW all_incident_facts AS
SELECT * FROM incident_facts(NULL, NULL, NULL, NULL, NULL, $as_of);

-- all_alert_noise: every alert with its rule_key, open_s, class (actionable | noise | open), noise_kind, band, pages.
CREATE OR REPLACE TEMP VIEW all_alert_noise AS
SELECT * FROM alert_noise(NULL, NULL, NULL, NULL, NULL, $as_of, $tz,
                          $auto_resolve_window_s, $actionable_min_open_s, $flap_count, $flap_window_s,
                          $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h);

-- all_pages: every page a person received (an incident, or an alert outside any incident), its recipient, band, week.
CREATE OR REPLACE TEMP VIEW all_pages AS
SELECT * FROM pages(NULL, NULL, NULL, NULL, NULL, $tz,
                    $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h);

-- all_recurrences: every incident with its problem_key and is_recurrence (returned within the recurrence window).
CREATE OR REPLACE TEMP VIEW all_recurrences AS
SELECT * FROM incident_recurrence($recurrence_window_s);
