-- Maturity signal: who leads incidents (docs/maturity.md "top_team_share"). Over the incidents in scope that name a
-- team (the owning / assigned / leading team as the source records it):
--   top_team         the team with the most incidents (ties: by name);
--   top_team_share   its incidents / incidents with a team: near 1 = one central team runs incidents (Centralized),
--                    low = the service-owning teams lead their own (Distributed);
--   teams            distinct teams that led at least one incident; with_team: the n behind the share.
WITH f AS (
    SELECT team FROM incident_facts($from, $to, $service, $team, $severity, $as_of) WHERE team IS NOT NULL AND trim(team) <> ''
),
counts AS (SELECT team, count(*) AS n FROM f GROUP BY team)
SELECT (SELECT team FROM counts ORDER BY n DESC, team LIMIT 1) AS top_team,
       coalesce(max(n), 0) AS top_team_incidents,
       coalesce(sum(n), 0) AS with_team,
       count(*) AS teams,
       max(n) / nullif(sum(n), 0) AS top_team_share
FROM counts;
