-- Postmortems and action items kept as records of their own (postmortems, action_items), and how they attach to
-- incidents (docs/metrics.md "Learning follow-through"). A record links to others of the same source by any key they
-- are known by: an incident by its id or number, a postmortem by its id, number or alt_id (ServiceNow sys_id).

-- refs_list(refs): a comma-separated list of ids or numbers ("OPS-1, OPS-2") as a list of trimmed, non-empty keys.
CREATE OR REPLACE TEMP MACRO refs_list(refs) AS
    list_filter(list_transform(string_split(coalesce(refs, ''), ','), x -> trim(x)), x -> x <> '');

-- incident_keys() / postmortem_keys(): every key a record is known by, one row each.
CREATE OR REPLACE TEMP MACRO incident_keys() AS TABLE
SELECT source, incident_id, k FROM (
    SELECT source, external_id AS incident_id, unnest([external_id, number]) AS k FROM incidents) WHERE k IS NOT NULL;
CREATE OR REPLACE TEMP MACRO postmortem_keys() AS TABLE
SELECT source, postmortem_id, k FROM (
    SELECT source, external_id AS postmortem_id, unnest([external_id, number, alt_id]) AS k FROM postmortems) WHERE k IS NOT NULL;

-- postmortem_links(): (source, incident_id, postmortem_id) for every incident a postmortem covers: the postmortem names
-- the incident (incident_refs: a Jira review's links) or the incident names the postmortem (postmortem_ref: ServiceNow
-- problem_id, a Jira incident's review link). A problem with two incidents covers both.
CREATE OR REPLACE TEMP MACRO postmortem_links() AS TABLE
SELECT DISTINCT source, incident_id, postmortem_id FROM (
    SELECT r.source, ik.incident_id, r.postmortem_id
    FROM (SELECT source, external_id AS postmortem_id, unnest(refs_list(incident_refs)) AS k FROM postmortems) r
    JOIN incident_keys() ik ON ik.source = r.source AND ik.k = r.k
    UNION ALL
    SELECT r.source, r.incident_id, pk.postmortem_id
    FROM (SELECT source, external_id AS incident_id, unnest(refs_list(postmortem_ref)) AS k FROM incidents) r
    JOIN postmortem_keys() pk ON pk.source = r.source AND pk.k = r.k);

-- incident_postmortem(): per incident with a linked postmortem record, the postmortem as the incident's figures read
-- it: completed when any linked one is (the earliest completion time among them), else the furthest along
-- (in_progress before open, cancelled last); its url from the same record; an owner of one of them.
CREATE OR REPLACE TEMP MACRO incident_postmortem() AS TABLE
SELECT l.source, l.incident_id,
       arg_min(p.status, CASE p.status WHEN 'completed' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'open' THEN 2 ELSE 3 END) AS pm_status,
       min(p.completed_at) FILTER (WHERE p.status = 'completed') AS pm_completed_at,
       arg_min(coalesce(p.url, p.number), CASE p.status WHEN 'completed' THEN 0 ELSE 1 END) AS pm_url,
       min(p.owner) AS pm_owner,
       count(*) AS pm_records
FROM postmortem_links() l JOIN postmortems p ON p.source = l.source AND p.external_id = l.postmortem_id
GROUP BY ALL;

-- action_item_links(): (source, item_id, incident_id) for every incident an action item follows up: named by the item
-- (incident_refs), or covered by a postmortem the item belongs to (postmortem_refs). A problem task of a problem with two
-- incidents follows up both.
CREATE OR REPLACE TEMP MACRO action_item_links() AS TABLE
SELECT DISTINCT source, item_id, incident_id FROM (
    SELECT r.source, r.item_id, ik.incident_id
    FROM (SELECT source, external_id AS item_id, unnest(refs_list(incident_refs)) AS k FROM action_items) r
    JOIN incident_keys() ik ON ik.source = r.source AND ik.k = r.k
    UNION ALL
    SELECT r.source, r.item_id, l.incident_id
    FROM (SELECT source, external_id AS item_id, unnest(refs_list(postmortem_refs)) AS k FROM action_items) r
    JOIN postmortem_keys() pk ON pk.source = r.source AND pk.k = r.k
    JOIN postmortem_links() l ON l.source = r.source AND l.postmortem_id = pk.postmortem_id);

-- action_item_state(status, completed_at): done | cancelled | open — done = the done status, or a completion time and no
-- cancelled status; cancelled = won't do / not doing / deleted (neither done nor owed); open otherwise.
CREATE OR REPLACE TEMP MACRO action_item_state(status, completed_at) AS
    CASE WHEN status = 'cancelled' THEN 'cancelled' WHEN status = 'done' OR completed_at IS NOT NULL THEN 'done' ELSE 'open' END;

-- title_words(t): a title's words, lower-case (letters, digits and the - _ . / inside names like checkout-db).
CREATE OR REPLACE TEMP MACRO title_words(t) AS
    list_filter(regexp_split_to_array(lower(coalesce(t, '')), '[^\p{L}\p{N}\-_./]+'), w -> w <> '');

-- action_item_specific(title): the item names a concrete change (docs/metrics.md "SMART action items"): at least three
-- words, and not a vague verb followed only by vague words — "Investigate", "Look into the outage", "Follow up on this
-- issue", "Improve monitoring" are not specific; "Add a pool-exhaustion alarm on checkout-db" and "Investigate why
-- checkout-db pool is exhausted" are.
CREATE OR REPLACE TEMP MACRO action_item_specific(t) AS
    len(title_words(t)) >= 3 AND NOT (
        list_contains(['investigate', 'look', 'check', 'review', 'discuss', 'follow', 'followup', 'follow-up', 'think', 'consider',
                       'explore', 'monitor', 'improve', 'fix', 'revisit', 'sync', 'understand', 'analyse', 'analyze', 'research',
                       'tbd', 'todo', 'to-do', 'figure', 'see', 'talk', 'address', 'handle', 'clean', 'cleanup'], title_words(t)[1])
        AND len(list_filter(title_words(t)[2:], w -> NOT list_contains(
            ['into', 'at', 'up', 'on', 'out', 'about', 'the', 'a', 'an', 'this', 'that', 'these', 'it', 'issue', 'issues', 'problem',
             'problems', 'incident', 'incidents', 'outage', 'outages', 'things', 'thing', 'stuff', 'more', 'further', 'alerting',
             'alerts', 'alert', 'monitoring', 'root', 'cause', 'causes', 'why', 'what', 'happened', 'again', 'later', 'options',
             'situation', 'with', 'team', 'teams', 'and', 'of', 'for', 'to', 'in', 'process', 'processes', 'docs',
             'documentation', 'performance', 'stability', 'reliability', 'system', 'systems', 'everything', 'all', 'some', 'any'], w))) = 0);

-- action_item_facts(as_of): every action item with the incident it is counted under (the earliest created incident it
-- follows up, so an item of a problem with two incidents counts once) and its follow-through facts:
--   state        action_item_state: done | cancelled | open;
--   overdue      open and due before as_of;  done_late: done after its due time;
--   days_to_close  (completed_at - created_at) in days, done items with both times;
--   assigned / time_bound / specific / measurable: the SMART criteria (an owner; a due date; action_item_specific;
--                an acceptance criterion) — measurable is judged only where the item's source records acceptance
--                criteria (measurable_recorded: the item's batch filled the field), else it does not count against it;
--   smart        assigned AND time_bound AND specific AND (measurable OR NOT measurable_recorded);
--   team         the item's own team, else its incident's.
CREATE OR REPLACE TEMP MACRO action_item_facts(p_as_of) AS TABLE
WITH attached AS (
    SELECT l.source, l.item_id, arg_min(l.incident_id, i.created_at) AS incident_id, count(*) AS incidents_followed
    FROM action_item_links() l JOIN incidents i ON i.source = l.source AND i.external_id = l.incident_id
    GROUP BY ALL
),
recorded AS (SELECT batch_id, list(field) AS fields FROM batch_fields GROUP BY batch_id)
SELECT a.source, a.external_id, a.number, a.title, a.status, a.status_raw, a.priority, a.owner,
       coalesce(a.team, i.team) AS team, a.created_at, a.due_at, a.completed_at, a.url,
       att.incident_id, att.incidents_followed, i.number AS incident_number, i.title AS incident_title, i.severity AS incident_severity,
       i.service AS incident_service, i.url AS incident_url,
       action_item_state(a.status, a.completed_at) AS state,
       coalesce(state = 'open' AND a.due_at < p_as_of, false) AS overdue,
       coalesce(state = 'done' AND a.completed_at > a.due_at, false) AS done_late,
       CASE WHEN state = 'done' AND a.completed_at >= a.created_at THEN (epoch(a.completed_at) - epoch(a.created_at)) / 86400.0 END AS days_to_close,
       a.owner IS NOT NULL AS assigned,
       a.due_at IS NOT NULL AS time_bound,
       action_item_specific(a.title) AS specific,
       a.acceptance IS NOT NULL AS measurable,
       a.acceptance IS NOT NULL OR coalesce(list_contains(r.fields, 'acceptance'), false) AS measurable_recorded,
       assigned AND time_bound AND specific AND (measurable OR NOT measurable_recorded) AS smart
FROM action_items a
JOIN attached att ON att.source = a.source AND att.item_id = a.external_id
JOIN incidents i ON i.source = att.source AND i.external_id = att.incident_id
LEFT JOIN recorded r ON r.batch_id = a.last_batch_id;
