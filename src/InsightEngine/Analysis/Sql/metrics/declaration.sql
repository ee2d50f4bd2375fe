-- Metric: declaration — who declares incidents, per group (--by severity | service | team | week | month), with an
-- overall row. Definitions (docs/metrics.md "Declaration breadth"):
--   with_declarer: incidents whose export names who declared them; declarers: distinct declarers (responder_key);
--   top3_share: the share of those incidents declared by the three most frequent declarers;
--   outside_engineering: declared by someone outside engineering: the source's declarer group where it has one
--       (support, legal, ...); where it has none, a declarer who never received a page in the whole store (not on
--       any rota) counts as outside, and outside_by_proxy says how many rest on that inference. That inference needs
--       paging data: with no page recipient in the store at all nobody is "on a rota", so the proxy is off and those
--       declarers count as unknown (outside_unknown), never as outside;
--   outside_engineering_share = outside_engineering / (with_declarer - outside_unknown), NULL when nothing is known;
--   automatic: created by an alert or integration (created_by_automation); human: declared by a named person and not
--   automatic; unknown: neither is known; human_share = human / (human + automatic).
WITH responders AS (
    SELECT DISTINCT responder FROM page_recipients() WHERE responder IS NOT NULL
),
proxy AS (SELECT count(*) > 0 AS usable FROM responders),
f AS (
    SELECT group_key($by, f.created_at, $tz, f.severity, f.service, f.team) AS grp,
           responder_key(f.declared_by) AS declarer, f.declarer_group, f.created_by_automation,
           r.responder IS NOT NULL AS on_rota, proxy.usable AS proxy_usable
    FROM incident_facts($from, $to, $service, $team, $severity, $as_of) f
    CROSS JOIN proxy
    LEFT JOIN responders r ON r.responder = responder_key(f.declared_by)
),
g AS (SELECT grp, * EXCLUDE (grp) FROM f UNION ALL SELECT NULL, * EXCLUDE (grp) FROM f),
ranked AS (
    SELECT grp, declarer, count(*) AS n, row_number() OVER (PARTITION BY grp ORDER BY count(*) DESC, declarer) AS rank
    FROM g WHERE declarer IS NOT NULL GROUP BY grp, declarer
),
top3 AS (SELECT grp, sum(n) FILTER (WHERE rank <= 3) / sum(n) AS top3_share FROM ranked GROUP BY grp),
figures AS (
    SELECT grp, count(*) AS incidents,
           count(declarer) AS with_declarer,
           count(DISTINCT declarer) AS declarers,
           count(*) FILTER (WHERE declarer IS NOT NULL AND (lower(declarer_group) <> 'engineering' OR (declarer_group IS NULL AND proxy_usable AND NOT on_rota))) AS outside_engineering,
           count(*) FILTER (WHERE declarer IS NOT NULL AND declarer_group IS NULL AND proxy_usable AND NOT on_rota) AS outside_by_proxy,
           count(*) FILTER (WHERE declarer IS NOT NULL AND declarer_group IS NULL AND NOT proxy_usable) AS outside_unknown,
           count(*) FILTER (WHERE created_by_automation) AS automatic,
           count(*) FILTER (WHERE NOT coalesce(created_by_automation, false) AND declarer IS NOT NULL) AS human,
           count(*) FILTER (WHERE created_by_automation IS NULL AND declarer IS NULL) AS unknown
    FROM g GROUP BY grp
)
SELECT coalesce(f.grp, 'all') AS "group", f.incidents, f.with_declarer, f.declarers, t.top3_share,
       f.outside_engineering, f.outside_engineering / nullif(f.with_declarer - f.outside_unknown, 0) AS outside_engineering_share,
       f.outside_by_proxy, f.outside_unknown, f.human, f.automatic, f.unknown, f.human / nullif(f.human + f.automatic, 0) AS human_share
FROM figures f LEFT JOIN top3 t ON t.grp IS NOT DISTINCT FROM f.grp
WHERE $by <> 'all' OR f.grp IS NULL          -- --by all: the overall row only
ORDER BY f.grp IS NULL, f.grp;
