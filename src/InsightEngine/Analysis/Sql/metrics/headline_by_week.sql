-- Metric: the headline figures of each ISO week (zone $tz) from the week of $from to the week of $to (else the data's
-- span), every week listed. The week-over-week and trailing-12-week comparison (Analysis/Deltas.cs) reads these.
-- Each figure is the metric of the same name computed over that week alone, with the n it rests on:
--   incidents, high_severity (SEV1 + SEV2), low_severity_share (frequency.sql); tta_median_seconds over tta_n, ttr_median_seconds over
--   ttr_n (response.sql: valid times only); alerts, noise_ratio over classed_alerts (noise.sql); pages,
--   out_of_hours_pages, sleep_pages (oncall.sql); recurrence_rate over incidents with a title or fingerprint (recurrence.sql);
--   postmortem_completion over postmortem_due (follow_through.sql, by the week the incident was created).
WITH f AS (
    SELECT week_start(f.created_at, $tz) AS week, f.*, r.is_recurrence, r.problem_key IS NOT NULL AS matchable,
           f.severity IN ('SEV1', 'SEV2') AND f.resolved_at IS NOT NULL AND f.valid_times AND postmortem_tracked(f.source) AS owed,
           postmortem_done(f.postmortem_completed_at, f.postmortem_status, f.postmortem_url) AS pm_done
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    JOIN incident_recurrence($recurrence_window_s) r USING (source, external_id)
),
a AS (
    SELECT week_start(created_at, $tz) AS week, class
    FROM alert_noise($from, $to, $service, $team, $severity, $as_of, $tz, $auto_resolve_window_s, $actionable_min_open_s,
                     $flap_count, $flap_window_s, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
p AS (
    SELECT week, band
    FROM pages($from, $to, $service, $team, $severity, $tz, $business_start_h, $business_end_h, $sleep_start_h, $sleep_end_h)
),
bounds AS (
    SELECT coalesce(week_start(CAST($from AS TIMESTAMPTZ), $tz), least((SELECT min(week) FROM f), (SELECT min(week) FROM a))) AS first_week,
           coalesce(week_start(CAST($to AS TIMESTAMPTZ) - INTERVAL 1 MICROSECOND, $tz),
                    greatest((SELECT max(week) FROM f), (SELECT max(week) FROM a))) AS last_week
),
weeks AS (
    SELECT CAST(w AS DATE) AS week
    FROM bounds, generate_series(CAST(first_week AS TIMESTAMP), CAST(last_week AS TIMESTAMP), INTERVAL 7 DAY) g(w)
    WHERE first_week IS NOT NULL
),
fi AS (
    SELECT week, count(*) AS incidents,
           count(*) FILTER (WHERE severity IN ('SEV1', 'SEV2')) AS high_severity,
           count(*) FILTER (WHERE severity IN ('SEV3', 'SEV4', 'SEV5')) / nullif(count(*) FILTER (WHERE severity <> 'unknown'), 0) AS low_severity_share,
           count(tta_s) FILTER (WHERE valid_times AND NOT no_resolve_time) AS tta_n,
           quantile_cont(tta_s, 0.5) FILTER (WHERE valid_times AND NOT no_resolve_time) AS tta_median_seconds,
           count(ttr_s) FILTER (WHERE valid_times) AS ttr_n, quantile_cont(ttr_s, 0.5) FILTER (WHERE valid_times) AS ttr_median_seconds,
           count(*) FILTER (WHERE is_recurrence) / nullif(count(*) FILTER (WHERE matchable), 0) AS recurrence_rate,
           count(*) FILTER (WHERE owed) AS postmortem_due,
           count(*) FILTER (WHERE owed AND pm_done) / nullif(count(*) FILTER (WHERE owed), 0) AS postmortem_completion
    FROM f GROUP BY week
),
ai AS (
    SELECT week, count(*) AS alerts, count(*) FILTER (WHERE class <> 'open') AS classed_alerts,
           count(*) FILTER (WHERE class = 'noise') / nullif(count(*) FILTER (WHERE class <> 'open'), 0) AS noise_ratio
    FROM a GROUP BY week
),
pi AS (
    SELECT week, count(*) AS pages, count(*) FILTER (WHERE band <> 'business') AS out_of_hours_pages,
           count(*) FILTER (WHERE band = 'sleep') AS sleep_pages
    FROM p GROUP BY week
)
SELECT printf('%d-W%02d', isoyear(w.week), week(w.week)) AS week, w.week AS week_start,
       coalesce(fi.incidents, 0) AS incidents, coalesce(fi.high_severity, 0) AS high_severity, fi.low_severity_share,
       coalesce(fi.tta_n, 0) AS tta_n, fi.tta_median_seconds, coalesce(fi.ttr_n, 0) AS ttr_n, fi.ttr_median_seconds,
       coalesce(ai.alerts, 0) AS alerts, coalesce(ai.classed_alerts, 0) AS classed_alerts, ai.noise_ratio,
       coalesce(pi.pages, 0) AS pages, coalesce(pi.out_of_hours_pages, 0) AS out_of_hours_pages,
       coalesce(pi.sleep_pages, 0) AS sleep_pages, fi.recurrence_rate,
       coalesce(fi.postmortem_due, 0) AS postmortem_due, fi.postmortem_completion
FROM weeks w LEFT JOIN fi USING (week) LEFT JOIN ai USING (week) LEFT JOIN pi USING (week)
ORDER BY w.week;
