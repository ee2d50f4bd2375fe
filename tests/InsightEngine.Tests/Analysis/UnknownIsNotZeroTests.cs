using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Analysis;

/// <summary>
/// Figures resting on a field a source does not record are unknown, with the reason; in a mixed store they are computed
/// over the incidents whose source records the field (issue 19). Plus the two definition slips found on hand-made data.
/// </summary>
public class UnknownIsNotZeroTests
{
    private const string PdHeader = "id,description,status,priority_name,service_name,created_at,resolved_at,auto_resolved,seconds_to_first_ack";
    private const string SnHeader = "number,short_description,priority,state,opened_at,resolved_at";

    private static void Import(InsightStore store, TempDir dir, string name, string content) =>
        new Importer(store).ImportFile(TestSupport.WriteFile(dir, name, content), new ImportOptions { TimeZone = "UTC" });

    [Fact]
    public void In_a_mixed_store_never_acknowledged_counts_only_sources_that_record_acknowledgement()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        // PagerDuty records acknowledgement (seconds_to_first_ack): one acked, one never. ServiceNow's list view does not.
        Import(store, dir, "pd.csv", PdHeader + "\n" +
            "A,a,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,120\n" +
            "B,b,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,\n");
        Import(store, dir, "sn.csv", SnHeader + "\n" +
            "INC1,x,1 - Critical,Resolved,2026-03-02 10:00:00,2026-03-02 12:00:00\n" +
            "INC2,y,1 - Critical,Resolved,2026-03-02 10:00:00,2026-03-02 12:00:00\n" +
            "INC3,z,1 - Critical,New,2026-03-02 10:00:00,\n");

        var sev1 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV1");

        Assert.Equal((5L, 1L, 2L), (sev1.Incidents, sev1.NeverAcknowledged, sev1.AcknowledgementRecorded));
        Assert.Equal(1L, sev1.TimeToAcknowledge.N);
        Assert.Contains("acknowledgement (TTA, never acknowledged) not recorded by servicenow-incidents-csv (3 of 5 incidents)", sev1.Unknown);
    }

    [Fact]
    public void A_column_no_row_fills_records_nothing()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        // The acknowledgement column is there but empty in every row (an unused field): unknown, not "3 of 3 never".
        Import(store, dir, "pd.csv", PdHeader + "\n" +
            "A,a,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,\n" +
            "B,b,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,\n" +
            "C,c,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,\n");

        var all = Response.Compute(new AnalysisSession(store), new MetricRequest { By = "all" }).Rows.Single();

        Assert.Null(all.NeverAcknowledged);
        Assert.Contains("not recorded by pagerduty-incidents-csv (3 of 3 incidents)", all.Unknown);
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM batch_fields WHERE field = 'acknowledged_at'"));
        Assert.Equal(1, store.Scalar<int>("SELECT count(*) FROM batch_fields WHERE field = 'resolved_at'"));
    }

    [Fact]
    public void Time_to_acknowledge_leaves_out_rows_resolved_without_a_resolve_time()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        // B says resolved but gives no resolve time: flagged, and out of every duration, TTA included (600 s not counted).
        Import(store, dir, "pd.csv", PdHeader + "\n" +
            "A,a,resolved,P2,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,60\n" +
            "B,b,resolved,P2,api,2026-03-02T10:00:00Z,,false,600\n");

        var sev2 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV2");

        Assert.Equal(new DurationStats(1, 60, 60, 60), sev2.TimeToAcknowledge);
        Assert.Equal(1L, sev2.Excluded);
    }

    [Fact]
    public void Kaplan_meier_median_takes_the_midpoint_to_the_next_event_not_to_a_censored_time()
    {
        using var store = TestSupport.MemoryStore();
        // Resolved after 100, 200 and 300 s; one open at age 250 s. S(100) = 3/4, S(200) = 1/2 exactly, the 250 s
        // incident is censored (no drop), S(300) = 0. R: survfit(Surv(c(100,200,250,300), c(1,1,0,1)) ~ 1) gives median
        // 250 = (200 + 300) / 2; taking the censored 250 as the next time gave 225.
        Seed.Incident(store, "a", "2026-03-02T10:00:00Z", "2026-03-02T10:01:40Z");
        Seed.Incident(store, "b", "2026-03-02T10:00:00Z", "2026-03-02T10:03:20Z");
        Seed.Incident(store, "c", "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z");
        Seed.Incident(store, "d", "2026-03-02T10:00:00Z");
        var asOf = DateTimeOffset.Parse("2026-03-02T10:04:10Z", System.Globalization.CultureInfo.InvariantCulture);

        var all = Response.Compute(new AnalysisSession(store), new MetricRequest { By = "all", AsOf = asOf }).Rows.Single();

        Assert.Equal(250, all.TimeToResolveKaplanMeierMedianSeconds);
    }

    [Fact]
    public void Untitled_incidents_are_not_one_recurring_problem()
    {
        using var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        // Five incidents without a title, one a day: before, they were one "problem" recurring four times (80 %).
        // Two titled ones: "Disk full" returns a day after it was resolved.
        Import(store, dir, "sn.csv", SnHeader + "\n" +
            "INC1,,3 - Moderate,Resolved,2026-03-02 10:00:00,2026-03-02 11:00:00\n" +
            "INC2,,3 - Moderate,Resolved,2026-03-03 10:00:00,2026-03-03 11:00:00\n" +
            "INC3,,3 - Moderate,Resolved,2026-03-04 10:00:00,2026-03-04 11:00:00\n" +
            "INC4,,3 - Moderate,Resolved,2026-03-05 10:00:00,2026-03-05 11:00:00\n" +
            "INC5,,3 - Moderate,Resolved,2026-03-06 10:00:00,2026-03-06 11:00:00\n" +
            "INC6,Disk full on db-1,3 - Moderate,Resolved,2026-03-02 10:00:00,2026-03-02 11:00:00\n" +
            "INC7,Disk full on db-2,3 - Moderate,Resolved,2026-03-03 10:00:00,2026-03-03 11:00:00\n");

        var all = Recurrence.Compute(new AnalysisSession(store), new MetricRequest { By = "all" }).Rows.Single();

        Assert.Equal((7L, 5L, 1L, 1L), (all.Incidents, all.Untitled, all.Recurrences, all.Problems));
        Assert.Equal(0.5, all.RecurrenceRate);
        var problems = Recurrence.TopProblems(new AnalysisSession(store), new MetricRequest()).Rows;
        Assert.Single(problems);
    }

    [Fact]
    public void With_no_paging_data_declarers_are_not_outside_engineering_by_proxy()
    {
        using var store = TestSupport.MemoryStore();
        Seed.Incident(store, "a", "2026-03-02T10:00:00Z", declaredBy: "Ana");
        Seed.Incident(store, "b", "2026-03-02T10:00:00Z", declaredBy: "Luis");
        Seed.Incident(store, "c", "2026-03-02T10:00:00Z", declaredBy: "Marta", declarerGroup: "support");

        var all = Declaration.Compute(new AnalysisSession(store), new MetricRequest { By = "all" }).Rows.Single();

        // Only Marta's group is known; Ana and Luis cannot be placed without a rota: unknown, not "outside".
        Assert.Equal((1L, 0L, 2L), (all.OutsideEngineering, all.OutsideByProxy, all.OutsideUnknown));
        Assert.Equal(1.0, all.OutsideEngineeringShare);

        // With paging data, a declarer never paged counts as outside by proxy, and the proxy says so.
        Seed.Alert(store, "x", "2026-03-01T10:00:00Z", ackBy: "Ana");
        Seed.Notify(store, "a", "2026-03-02T10:00:00Z", "Ana");
        var withRota = Declaration.Compute(new AnalysisSession(store), new MetricRequest { By = "all" }).Rows.Single();
        Assert.Equal(0L, withRota.OutsideUnknown);
        Assert.Equal(withRota.OutsideByProxy + 1, withRota.OutsideEngineering);
    }
}
