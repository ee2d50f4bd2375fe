using InsightEngine.Import;
using InsightEngine.Import.Mapping;

namespace InsightEngine.Tests.Import;

public class MappingTests
{
    private static ImportResult ImportHelpdesk(InsightEngine.Store.InsightStore store, string? tz = null) =>
        new Importer(store).ImportFile(TestSupport.Fixture("generic/helpdesk.csv"),
            new ImportOptions { Mapping = MappingFile.Load(TestSupport.Fixture("generic/helpdesk.yaml")), TimeZone = tz });

    [Fact]
    public void A_mapped_csv_lands_field_by_field()
    {
        using var store = TestSupport.MemoryStore();
        var r = ImportHelpdesk(store);

        Assert.Equal((3L, 3L, 0L), (r.Read, r.Inserted, r.Rejected));
        Assert.Equal(("acme-helpdesk", "mapping:helpdesk.yaml", "Europe/Berlin", 5L), (r.Source, r.Format, r.TimeZone, r.NaiveTimestamps));
        var hd1 = store.Query("SELECT title, severity, severity_raw, status, service, team, declared_by, created_at, resolved_at FROM incidents WHERE external_id = 'HD-1'",
            x => (x.GetString(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4), x.GetString(5), x.GetString(6), x.GetDateTime(7), x.GetDateTime(8))).Single();
        // 09:15 in Berlin on 2 March (CET, UTC+1) is 08:15 UTC.
        Assert.Equal(("Checkout down; customers see \"502\"", "SEV1", "Urgent", "resolved", "checkout-api", "checkout", "ana@acme.example",
            new DateTime(2026, 3, 2, 8, 15, 0), new DateTime(2026, 3, 2, 9, 45, 0)), hd1);
        // Across the spring-forward night: 23:30 CET to 03:30 CEST is three hours.
        Assert.Equal(10800, store.Scalar<double>("SELECT epoch(resolved_at) - epoch(created_at) FROM incidents WHERE external_id = 'HD-2'"));
        Assert.Equal("Slow search\r\nafter deploy", store.Scalar<string>("SELECT title FROM incidents WHERE external_id = 'HD-2'"));
        Assert.Equal(("acknowledged", "SEV4"), store.Query("SELECT status, severity FROM incidents WHERE external_id = 'HD-3'",
            x => (x.GetString(0), x.GetString(1))).Single());
        Assert.Null(store.Scalar<string>("SELECT service FROM incidents WHERE external_id = 'HD-3'"));
    }

    [Fact]
    public void Timezone_on_the_command_line_overrides_the_mappings()
    {
        using var store = TestSupport.MemoryStore();
        var r = ImportHelpdesk(store, "UTC");
        Assert.Equal("UTC", r.TimeZone);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 15, 0), store.Scalar<DateTime>("SELECT created_at FROM incidents WHERE external_id = 'HD-1'"));
    }

    [Fact]
    public void A_json_mapping_works_like_yaml()
    {
        using var dir = new TempDir();
        var json = TestSupport.WriteFile(dir, "map.json", """
            {"source": "acme-helpdesk", "timezone": "Europe/Berlin", "date_formats": ["%d/%m/%Y %H:%M"],
             "columns": {"external_id": "Ticket", "created_at": "Opened", "resolved_at": "Closed", "severity_raw": "Prio"},
             "severity": {"urgent": "sev1"}}
            """);
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("generic/helpdesk.csv"), new ImportOptions { Mapping = MappingFile.Load(json) });
        Assert.Equal(3, r.Inserted);
        Assert.Equal("SEV1", store.Scalar<string>("SELECT severity FROM incidents WHERE external_id = 'HD-1'"));
        Assert.Equal("unknown", store.Scalar<string>("SELECT severity FROM incidents WHERE external_id = 'HD-2'"));
    }

    [Fact]
    public void Every_mistake_in_a_mapping_is_reported_at_once_with_its_line()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "bad.yaml", """
            source: acme helpdesk
            entity: ticket
            timezone: Mars/Base
            colums: {}
            columns:
              titel: Subject
              created_at: Opened
            severity:
              Urgent: P1
            status:
              Done: finished
            """);
        var e = Assert.Throws<MappingException>(() => MappingFile.Load(path));
        Assert.Contains("bad.yaml:1: 'source' may hold letters", e.Message);
        Assert.Contains("bad.yaml:2: 'entity' must be incident, alert, action_item or postmortem, not 'ticket'", e.Message);
        Assert.Contains("bad.yaml:3: unknown time zone 'Mars/Base'", e.Message);
        Assert.Contains("bad.yaml:4: unknown key 'colums' (did you mean 'columns'?)", e.Message);
        Assert.Contains("bad.yaml:6: 'titel' is not a canonical incident field (did you mean 'title'?)", e.Message);
        Assert.Contains("must map the required field 'external_id'", e.Message);
        Assert.Contains("bad.yaml:9: severity 'Urgent' maps to 'P1'; expected SEV1", e.Message);
        Assert.Contains("bad.yaml:11: status 'Done' maps to 'finished'", e.Message);
    }

    [Theory]
    [InlineData("source: [unclosed", "not valid YAML or JSON")]
    [InlineData("- just\n- a list\n", "expected a mapping")]
    [InlineData("source: x\n", "'columns' is required")]
    public void Malformed_mappings_are_refused(string content, string expected)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<MappingException>(() => MappingFile.Load(TestSupport.WriteFile(dir, "m.yaml", content)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_mapped_column_the_file_lacks_fails_the_file_and_names_it()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "m.yaml", "source: x\ncolumns:\n  external_id: Ticket\n  created_at: Opened\n  service: Komponente\n");
        using var store = TestSupport.MemoryStore();
        var e = Assert.Throws<ImportException>(() => new Importer(store).ImportFile(TestSupport.Fixture("generic/helpdesk.csv"),
            new ImportOptions { Mapping = MappingFile.Load(path) }));
        Assert.Contains("'Komponente' (for service)", e.Message);
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM incidents"));
    }

    [Fact]
    public void Source_and_mapping_together_are_refused()
    {
        var options = new ImportOptions { Format = "pagerduty-incidents-csv", Mapping = MappingFile.Load(TestSupport.Fixture("generic/helpdesk.yaml")) };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void A_mapping_can_adjust_a_built_in_format_severity_table()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "pd.yaml", """
            format: pagerduty-incidents-csv
            severity: { P3: SEV2 }   # this account's P3 is what others call SEV2
            columns:
              title: service_name
            """);
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), new ImportOptions { Mapping = MappingFile.Load(path) });

        Assert.Equal(("pagerduty", "pagerduty-incidents-csv+mapping:pd.yaml", 5L), (r.Source, r.Format, r.Inserted));
        var rows = store.Query("SELECT external_id, severity, title FROM incidents ORDER BY 1", x => (x.GetString(0), x.GetString(1), x.GetString(2)));
        Assert.Equal(("PABC004", "SEV2", "payments-api"), rows[3]);   // overridden
        Assert.Equal(("PABC001", "SEV1", "checkout-api"), rows[0]);   // the built-in table still applies
        Assert.Equal("SEV4", rows[2].Item2);                          // no priority: urgency low, from the built-in table
    }

    [Fact]
    public void An_unknown_base_format_is_named_with_a_suggestion()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<MappingException>(() => MappingFile.Load(TestSupport.WriteFile(dir, "m.yaml", "format: pagerduty-incident-csv\n")));
        Assert.Contains("did you mean 'pagerduty-incidents-csv'", e.Message);
    }
}
