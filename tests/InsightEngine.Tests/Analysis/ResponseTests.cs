using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Analysis;

public class ResponseTests
{
    private const string Header = "id,description,status,priority_name,service_name,created_at,resolved_at,auto_resolved,seconds_to_first_ack";

    private static InsightStore StoreWith(string rows, string tz = "UTC")
    {
        var store = TestSupport.MemoryStore();
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "pd.csv", Header + "\n" + rows);
        new Importer(store).ImportFile(path, new ImportOptions { TimeZone = tz });
        return store;
    }

    [Fact]
    public void An_empty_store_gives_no_rows()
    {
        using var store = TestSupport.MemoryStore();
        Assert.Empty(Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows);
    }

    [Fact]
    public void Median_p90_and_mean_match_hand_computed_values()
    {
        // SEV2 resolve times 10, 20, 30, 40 min: median 25 min; p90 = 30 + 0.7 * 10 = 37 min (linear interpolation);
        // mean 25 min. Acks 60, 120, 180 s and one never acknowledged: median 120 s, p90 = 120 + 0.8 * 60 = 168 s.
        using var store = StoreWith("""
            A,a,resolved,P2,api,2026-03-02T10:00:00Z,2026-03-02T10:10:00Z,false,60
            B,b,resolved,P2,api,2026-03-02T10:00:00Z,2026-03-02T10:20:00Z,false,120
            C,c,resolved,P2,api,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,false,180
            D,d,resolved,P2,api,2026-03-02T10:00:00Z,2026-03-02T10:40:00Z,true,
            """);
        var sev2 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV2");

        Assert.Equal((4L, 0L, 1L, 0L), (sev2.Incidents, sev2.Open, sev2.NeverAcknowledged, sev2.Excluded));
        Assert.Equal(new DurationStats(4, 25 * 60, 37 * 60, 25 * 60), sev2.TimeToResolve);
        Assert.Equal(new DurationStats(3, 120, 168, 120), sev2.TimeToAcknowledge);
        // Human-only leaves out the auto-resolved 40 min: 10, 20, 30 → median 20, p90 28, mean 20.
        Assert.Equal(new DurationStats(3, 20 * 60, 28 * 60, 20 * 60), sev2.TimeToResolveHumanOnly);
        Assert.True(sev2.TimeToResolve.LowConfidence);
    }

    [Fact]
    public void Open_incidents_are_counted_as_open_not_as_resolve_times()
    {
        using var store = StoreWith("""
            A,a,resolved,P1,api,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,false,60
            B,b,triggered,P1,api,2026-03-02T10:00:00Z,,,
            C,c,acknowledged,P1,api,2026-03-02T10:00:00Z,,,300
            """);
        var sev1 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV1");
        Assert.Equal((3L, 2L, 1L), (sev1.Incidents, sev1.Open, sev1.TimeToResolve.N));
        Assert.Equal(3600, sev1.TimeToResolve.MedianSeconds);
        Assert.Equal(2, sev1.TimeToAcknowledge.N);
    }

    [Fact]
    public void Durations_across_midnight_and_dst_use_real_elapsed_time()
    {
        // Naive times read as Europe/Berlin: 01:30 to 03:30 on 2026-03-29 is one hour (clocks jump 02:00 → 03:00);
        // 23:30 to 00:30 across midnight on 2026-10-25 (clocks fall back 03:00 → 02:00 later that night) is one hour;
        // 01:30 to 03:30 on 2026-10-25 is three hours.
        using var store = StoreWith("""
            A,a,resolved,P3,api,2026-03-29 01:30:00,2026-03-29 03:30:00,false,
            B,b,resolved,P3,api,2026-10-24 23:30:00,2026-10-25 00:30:00,false,
            C,c,resolved,P3,api,2026-10-25 01:30:00,2026-10-25 03:30:00,false,
            """, "Europe/Berlin");
        var ttr = store.Query("SELECT external_id, epoch(resolved_at) - epoch(created_at) FROM incidents ORDER BY 1", r => r.GetDouble(1));
        Assert.Equal([3600.0, 3600.0, 10800.0], ttr);
        var sev3 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV3");
        Assert.Equal(3600, sev3.TimeToResolve.MedianSeconds);
    }

    [Fact]
    public void Impossible_durations_are_left_out_and_counted()
    {
        using var store = StoreWith("""
            A,a,resolved,P4,api,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z,false,
            B,b,resolved,P4,api,2026-03-02T10:00:00Z,2026-03-02T12:00:00Z,false,
            C,c,resolved,P4,api,2026-03-02T10:00:00Z,,false,
            """);
        var sev4 = Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows.Single(r => r.Group == "SEV4");
        Assert.Equal((3L, 2L, 0L), (sev4.Incidents, sev4.Excluded, sev4.Open));
        Assert.Equal(new DurationStats(1, 7200, 7200, 7200), sev4.TimeToResolve);
    }

    [Fact]
    public void The_period_is_half_open_on_creation_time_and_the_all_row_sums_the_severities()
    {
        using var store = StoreWith("""
            A,a,resolved,P1,api,2026-03-01T23:59:59Z,2026-03-02T00:59:59Z,false,
            B,b,resolved,P1,api,2026-03-02T00:00:00Z,2026-03-02T02:00:00Z,false,
            C,c,resolved,P3,api,2026-03-08T23:59:59Z,2026-03-09T00:29:59Z,false,
            D,d,resolved,,api,2026-03-09T00:00:00Z,2026-03-09T01:00:00Z,false,
            """);
        var period = new Period(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero));
        var report = Response.Compute(new AnalysisSession(store), new MetricRequest { Period = period });

        Assert.Equal(["SEV1", "SEV3", "all"], report.Rows.Select(r => r.Severity));
        Assert.Equal(7200, report.Rows[0].TimeToResolve.MedianSeconds);
        Assert.Equal(2, report.Rows[^1].Incidents);
        Assert.Equal(period, report.Period);
        // Without a period, the unmapped severity shows as unknown, never dropped.
        Assert.Contains(Response.Compute(new AnalysisSession(store), new MetricRequest()).Rows, r => r.Group == "unknown" && r.Incidents == 1);
    }

    [Fact]
    public void An_empty_period_is_refused()
    {
        using var store = TestSupport.MemoryStore();
        var t = DateTimeOffset.UtcNow;
        Assert.ThrowsAny<ArgumentException>(() => Response.Compute(new AnalysisSession(store), new MetricRequest { Period = new Period(t, t) }));
    }
}
