using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Import.Mapping;

namespace InsightEngine.Tests.Import;

/// <summary>
/// Postmortems and action items from every tool that records them, on hand-written exports shaped like the vendors'
/// (../shared/formats, the vendors' API schemas): which records land where, with which fields, and what the summary says.
/// </summary>
public sealed class FollowUpImportTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-03-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_jira_csv_of_incidents_reviews_and_tasks_becomes_incidents_postmortems_and_action_items_and_says_what_it_skipped()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/jsm-reviews.csv"));

        // 7 issues: 2 incidents; 1 post-incident review; 2 tasks and a sub-task linked to them; 1 unlinked bug, skipped.
        Assert.Equal(("incident", 2L, 2L, 5L), (r.Entity, r.Read, r.Inserted, r.Other));
        Assert.Equal(["postmortem", "action_item"], r.Companions.Select(c => c.Entity));
        Assert.Equal((1L, 1L), (r.Companions[0].Read, r.Companions[0].Inserted));
        Assert.Equal((3L, 3L), (r.Companions[1].Read, r.Companions[1].Inserted));
        Assert.Contains(new RecordTypeCount("Bug", 1, "skipped"), r.RecordTypes);
        Assert.Contains(new RecordTypeCount("Post-incident review", 1, "postmortem"), r.RecordTypes);
        Assert.Contains(new RecordTypeCount("Sub-task", 1, "action_item"), r.RecordTypes);
        Assert.Equal(7, r.RecordTypes.Sum(t => t.Records));
        Assert.Equal(["Incident|2|incident", "Bug|1|skipped"],
            store.Query("SELECT record_type || '|' || records || '|' || became FROM import_batch_types WHERE batch_id = $b ORDER BY became, record_type",
                x => x.GetString(0), ("b", r.BatchId)));
        Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM incidents"));

        // The review names its incident in its inward "Post-Incident Reviews" link; a due date without a time is due at the
        // end of that day.
        Golden.Expect(store, "postmortems", "10003", ("number", "OPS-3"), ("status", "completed"), ("incident_refs", "OPS-1"),
            ("owner", "Cy"), ("completed_at", "2026-03-10 09:00:00"), ("due_at", "2026-03-16 23:59:00"));
        // Repeated link columns are all read; a sub-task's parent (Cloud writes the parent's issue id) links it.
        Golden.Expect(store, "action_items", "10005", ("incident_refs", "OPS-1, OPS-2"), ("status", "done"), ("owner", null));
        Golden.Expect(store, "action_items", "10006", ("incident_refs", "10002"), ("status", "in_progress"), ("status_raw", "In Progress"));
        Golden.Expect(store, "action_items", "10004", ("postmortem_refs", "OPS-3"), ("status", "open"), ("owner", "Dee"),
            ("acceptance", "Alarm fires in staging at 80% pool use"), ("due_at", "2026-03-20 23:59:00"));
    }

    [Fact]
    public void Reimporting_a_jira_search_changes_nothing_and_every_pass_says_unchanged()
    {
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        _ = importer.ImportFile(TestSupport.Fixture("jira/jsm-reviews-search.json"));
        var again = importer.ImportFile(TestSupport.Fixture("jira/jsm-reviews-search.json"));

        Assert.Equal([2L, 1L, 2L], new[] { again }.Concat(again.Companions).Select(x => x.Unchanged));
        Assert.All(new[] { again }.Concat(again.Companions), x => Assert.Equal(0, x.Inserted + x.Updated));
        Assert.Equal((2L, 1L, 2L), (store.Scalar<long>("SELECT count(*) FROM incidents"), store.Scalar<long>("SELECT count(*) FROM postmortems"),
            store.Scalar<long>("SELECT count(*) FROM action_items")));
    }

    [Fact]
    public void A_jira_search_links_reviews_and_tasks_through_issuelinks_and_parents()
    {
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/jsm-reviews-search.json"));

        Assert.Contains(new RecordTypeCount("Story", 1, "skipped"), r.RecordTypes);
        Golden.Expect(store, "incidents", "20001", ("postmortem_ref", "OPS-13"));
        Golden.Expect(store, "postmortems", "20003", ("status", "in_progress"), ("status_raw", "In Review"), ("incident_refs", "OPS-11"),
            ("url", "https://acme.atlassian.net/browse/OPS-13"));
        Golden.Expect(store, "action_items", "20004", ("postmortem_refs", "OPS-13"), ("status", "done"), ("completed_at", "2026-03-25 09:00:00"),
            ("due_at", "2026-03-18 23:59:59"));
        Golden.Expect(store, "action_items", "20005", ("incident_refs", "OPS-11"), ("status", "open"));

        var row = FollowThrough.Compute(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, By = "all" }).Rows.Single();
        // OPS-11's review is in review (not completed); OPS-12 has none: 0 of 2. Both items count under OPS-11: one done
        // a week late, one open and overdue.
        Assert.Equal((2L, 0L, 2L), (row.PostmortemDue, row.PostmortemCompleted, row.ActionItems));
        Assert.Equal((1L, 1L, 1L), (row.ActionItemsDone, row.ActionItemsDoneLate, row.ActionItemsOverdue));
    }

    [Fact]
    public void Users_name_their_own_incident_and_review_types()
    {
        using var store = TestSupport.MemoryStore();
        var options = new ImportOptions
        {
            Types = new Dictionary<string, RecordTypes> { ["jira"] = new(["Bug"], ["Post-incident review"]) },
        };
        var r = new Importer(store).ImportFile(TestSupport.Fixture("jira/jsm-reviews.csv"), options);

        // The bug is the incident now; the two "Incident" issues link to nothing themselves, so they are skipped.
        Assert.Equal(1, r.Read);
        Assert.Contains(new RecordTypeCount("Bug", 1, "incident"), r.RecordTypes);
        Assert.Contains(new RecordTypeCount("Incident", 2, "skipped"), r.RecordTypes);
    }

    [Fact]
    public void Record_types_come_from_insight_yaml_and_a_mistake_names_its_line()
    {
        using var dir = new TempDir();
        var good = TestSupport.WriteFile(dir, "insight.yaml", "import:\n  record_types:\n    jira:\n      incident: [Bug, Outage]\n");
        var settings = InsightEngine.Settings.SettingsLoader.Load(good, dir.Path, new System.Collections.Hashtable());
        var types = settings.ForImport().TypesFor("jira");
        Assert.Equal(["Bug", "Outage"], types.Incident);
        Assert.Equal(RecordTypes.Defaults["jira"].Postmortem, types.Postmortem);   // a list left out keeps its default

        var bad = TestSupport.WriteFile(dir, "bad.yaml", "import:\n  record_types:\n    jira:\n      incident: [Review]\n      postmortem: [Review]\n");
        var e = Assert.Throws<InvalidDataException>(() => ImportSettingsFile.Apply(bad, new ImportOptions()));
        Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Review' is listed as both", e.Message, StringComparison.Ordinal);
        var unknown = TestSupport.WriteFile(dir, "unknown.yaml", "import:\n  record_types:\n    servicenow:\n      incident: [Incident]\n");
        Assert.Contains("only jira exports mix record types", Assert.Throws<InvalidDataException>(() => ImportSettingsFile.Apply(unknown, new ImportOptions())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceNow_problems_are_postmortems_of_the_incidents_that_name_them_and_problem_tasks_their_action_items()
    {
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        var incidents = importer.ImportFile(TestSupport.Fixture("servicenow/incidents-problems.csv"));
        var problems = importer.ImportFile(TestSupport.Fixture("servicenow/problems.csv"));
        var tasks = importer.ImportFile(TestSupport.Fixture("servicenow/problem-tasks.csv"));

        Assert.Equal(("servicenow-incidents-csv", "servicenow-problems-csv", "servicenow-problem-tasks-csv"), (incidents.Format, problems.Format, tasks.Format));
        Golden.Expect(store, "incidents", "INC0020001", ("postmortem_ref", "PRB0040012"));
        // Fix in Progress: the root cause is known; completed when it got there (fix_at).
        Golden.Expect(store, "postmortems", "PRB0040012", ("status", "completed"), ("completed_at", "2026-03-12 15:00:00"), ("owner", "Cy Park"));
        Golden.Expect(store, "action_items", "PTASK0010003", ("status", "cancelled"), ("status_raw", "canceled"));
        Golden.Expect(store, "action_items", "PTASK0010002", ("status", "in_progress"), ("postmortem_refs", "PRB0040012"));

        var session = new AnalysisSession(store);
        var bySeverity = FollowThrough.Compute(session, new MetricRequest { AsOf = AsOf, By = "severity" }).Rows;
        var all = bySeverity.Single(x => x.Group == "all");
        // One problem, two incidents: both covered (10 and 3 days after their resolves); INC0020003 has no problem: owed, overdue.
        Assert.Equal((3L, 2L, 2L, 1L), (all.PostmortemDue, all.PostmortemCompleted, all.PostmortemWithinDue, all.PostmortemOverdue));
        // The three tasks count once, under the first incident (SEV1).
        Assert.Equal((3L, 1L, 1L, 1L), (all.ActionItems, all.ActionItemsDone, all.ActionItemsOpen, all.ActionItemsCancelled));
        Assert.Equal(3, bySeverity.Single(x => x.Group == "SEV1").ActionItems);
        Assert.Equal(1, all.ActionItemsOverdue);   // PTASK0010002, due 2026-03-25
    }

    [Fact]
    public void ServiceNow_table_api_dumps_link_tasks_to_problems_by_sys_id()
    {
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        var problem = importer.ImportFile(TestSupport.Fixture("servicenow/problem-api.json"));
        var tasks = importer.ImportFile(TestSupport.Fixture("servicenow/problem-task-api.json"));
        using var dir = new TempDir();
        var incidents = TestSupport.WriteFile(dir, "incidents.json", """
            {"result":[{"number":"INC0030001","sys_id":"a1","short_description":"Checkout DB pool exhausted","opened_at":"2026-03-02 09:00:00",
              "resolved_at":"2026-03-02 10:00:00","priority":"1","state":"6","assignment_group":"","sys_mod_count":"2","incident_state":"6","caller_id":"",
              "problem_id":{"link":"https://acme.service-now.com/api/now/table/problem/4ba6a28e87a05110f4c365f73cbb354e","value":"4ba6a28e87a05110f4c365f73cbb354e"},
              "calendar_stc":"3600","sys_updated_on":"2026-03-02 10:00:00"}]}
            """);
        var incident = importer.ImportFile(incidents);

        Assert.Equal(("servicenow-problem-json", "servicenow-problem-task-json", "servicenow-table-json"), (problem.Format, tasks.Format, incident.Format));
        Golden.Expect(store, "postmortems", "PRB0040012", ("alt_id", "4ba6a28e87a05110f4c365f73cbb354e"), ("status", "completed"));
        Golden.Expect(store, "action_items", "PTASK0010003", ("status", "cancelled"));
        var row = FollowThrough.Compute(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, By = "all" }).Rows.Single();
        Assert.Equal((1L, 1L, 2L, 1L, 1L), (row.PostmortemDue, row.PostmortemCompleted, row.ActionItems, row.ActionItemsDone, row.ActionItemsCancelled));
    }

    [Fact]
    public void Incident_io_follow_ups_and_postmortem_documents_attach_to_their_incidents()
    {
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        _ = importer.ImportFile(TestSupport.Fixture("incidentio/incidents-api.json"));
        var followUps = importer.ImportFile(TestSupport.Fixture("incidentio/follow-ups-api.json"));
        var documents = importer.ImportFile(TestSupport.Fixture("incidentio/postmortem-documents-api.json"));

        Assert.Equal(("incidentio-follow-ups-json", 3L), (followUps.Format, followUps.Inserted));
        Assert.Equal(("incidentio-postmortems-json", 1L), (documents.Format, documents.Inserted));
        Golden.Expect(store, "action_items", "01FU0000000000000000000001", ("status", "done"), ("owner", "Lisa Karlin Curtis"), ("priority", "Urgent"),
            ("number", "PAY-77"), ("url", "https://acme.atlassian.net/browse/PAY-77"), ("completed_at", "2026-03-06 10:00:00"));
        Golden.Expect(store, "action_items", "01FU0000000000000000000003", ("status", "cancelled"), ("status_raw", "not_doing"));
        Golden.Expect(store, "postmortems", "01PM0000000000000000000001", ("status", "completed"), ("completed_at", null));

        var row = FollowThrough.Compute(new AnalysisSession(store), new MetricRequest { AsOf = AsOf, By = "all" }).Rows.Single();
        // INC-123 (Critical, resolved) has a completed document without a completion time; INC-124 (SEV4) owes none.
        Assert.Equal((1L, 1L, 0L), (row.PostmortemDue, row.PostmortemCompleted, row.PostmortemCompletionTimeKnown));
        // incident.io follow-ups have no due date: none is time-bound, so none is SMART; not_doing is left out.
        Assert.Equal((3L, 1L, 1L, 1L, 0L, 2L), (row.ActionItems, row.ActionItemsDone, row.ActionItemsOpen, row.ActionItemsCancelled, row.SmartItems, row.ActionItemsNoDueDate));
        Assert.Equal(0, row.MeasurableJudged);
    }

    [Fact]
    public void Opsgenie_postmortem_reports_attach_to_their_root_incident()
    {
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        _ = importer.ImportFile(TestSupport.Fixture("opsgenie/incidents-api.json"));
        var r = importer.ImportFile(TestSupport.Fixture("opsgenie/postmortems-api.json"));

        Assert.Equal(("opsgenie-postmortems-json", 1L), (r.Format, r.Inserted));
        Golden.Expect(store, "postmortems", "4e4b3a71-1fa4-47fb-9b27-23dcbde566a5", ("status", "in_progress"), ("status_raw", "draft"),
            ("owner", "John Doe"), ("incident_refs", "4e6b2a10-2a5b-4c58-9c8c-6c5c0b2f0c01"));
        // The P1 incident was resolved on 2026-10-25; its report is still a draft a month later.
        var asOf = DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var overdue = Lists.Overdue(new AnalysisSession(store), new MetricRequest { AsOf = asOf }).Rows.Where(o => o.Kind == "postmortem").ToList();
        Assert.Contains(overdue, o => o.IncidentExternalId == "4e6b2a10-2a5b-4c58-9c8c-6c5c0b2f0c01" && o.Owner == "John Doe");
    }

    [Fact]
    public void Any_csv_of_action_items_imports_through_a_mapping()
    {
        using var store = TestSupport.MemoryStore();
        var mapping = MappingFile.Load(TestSupport.Fixture("generic/action-items.yaml"));
        var r = new Importer(store).ImportFile(TestSupport.Fixture("generic/action-items.csv"), new ImportOptions { Mapping = mapping });

        Assert.Equal(("action_item", 2L, 2L), (r.Entity, r.Read, r.Inserted));
        Golden.Expect(store, "action_items", "AI-1", ("incident_refs", "INC0020003"), ("status", "done"), ("due_at", "2026-03-10 23:59:59"),
            ("completed_at", "2026-03-12 00:00:00"), ("acceptance", "Alert fires in staging on a synthetic 2s p99"));
        Golden.Expect(store, "action_items", "AI-2", ("status", "open"), ("owner", null), ("due_at", null));
        Assert.Equal("acceptance", store.Scalar<string>("SELECT field FROM batch_fields WHERE batch_id = $b AND field = 'acceptance'", ("b", r.BatchId)));
    }

    [Fact]
    public void A_mapping_for_action_items_refuses_incident_statuses()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "m.yaml", "source: x\nentity: action_item\ncolumns: { external_id: Id }\nstatus: { Done: resolved }\n");
        var e = Assert.Throws<MappingException>(() => MappingFile.Load(path));
        Assert.Contains("open, in_progress, done, cancelled", e.Message, StringComparison.Ordinal);
    }
}
