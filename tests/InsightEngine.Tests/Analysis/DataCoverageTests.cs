using InsightEngine.Analysis;

namespace InsightEngine.Tests.Analysis;

/// <summary>Field coverage on hand-made rows: filled counts per source and entity, shares, empty store.</summary>
public sealed class DataCoverageTests
{
    [Fact]
    public void Counts_the_rows_that_fill_each_field_per_source()
    {
        using var store = TestSupport.MemoryStore();
        Assert.Empty(DataCoverage.Fields(store));

        Seed.Incident(store, "1", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", ack: "2026-03-01T10:05:00Z", source: "a");
        Seed.Incident(store, "2", "2026-03-02T10:00:00Z", source: "a", service: null);
        Seed.Incident(store, "3", "2026-03-03T10:00:00Z", "2026-03-03T12:00:00Z", source: "b", started: "2026-03-03T09:00:00Z");
        Seed.Alert(store, "x", "2026-03-01T10:00:00Z", source: "a");

        var rows = DataCoverage.Fields(store);
        FieldCoverage Of(string entity, string source, string field) => rows.Single(r => r.Entity == entity && r.Source == source && r.Field == field);

        Assert.Equal((1, 2, 0.5), (Of("incident", "a", "service").Filled, Of("incident", "a", "service").Rows, Of("incident", "a", "service").Share));
        Assert.Equal(1, Of("incident", "a", "acknowledged_at").Filled);
        Assert.Equal(1, Of("incident", "a", "resolved_at").Filled);
        Assert.Equal(0, Of("incident", "a", "started_at").Filled);
        Assert.Equal(1.0, Of("incident", "b", "started_at").Share);
        Assert.Equal(0, Of("incident", "b", "acknowledged_at").Filled);
        Assert.Equal(1, Of("alert", "a", "fingerprint").Filled);
        Assert.DoesNotContain(rows, r => r.Field is "row_hash" or "first_batch_id" or "external_id" or "source");
        // Incidents first, in table order: title before created_at.
        Assert.Equal("incident", rows[0].Entity);
        var fields = rows.Where(r => r.Entity == "incident" && r.Source == "a").Select(r => r.Field).ToList();
        Assert.True(fields.IndexOf("title") < fields.IndexOf("created_at"));
    }

    [Fact]
    public void Recorded_tells_a_real_never_from_a_field_the_export_lacks()
    {
        using var store = TestSupport.MemoryStore();
        new InsightEngine.Import.Importer(store).ImportFile(TestSupport.Fixture("servicenow/list-windows1252.csv"));
        var rows = DataCoverage.Fields(store);
        FieldCoverage Of(string field) => rows.Single(r => r.Entity == "incident" && r.Source == "servicenow" && r.Field == field);

        // The list view has no work_start column: acknowledgement is not recorded at all. Resolve times are recorded
        // for all six rows (the calendar_duration column), filled for the four closed or resolved ones.
        Assert.Equal((0L, 0L), (Of("acknowledged_at").Filled, Of("acknowledged_at").Recorded));
        Assert.Equal((4L, 6L), (Of("resolved_at").Filled, Of("resolved_at").Recorded));
        Assert.Equal((6L, 6L), (Of("title").Filled, Of("title").Recorded));
    }
}
