using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Analysis;

/// <summary>
/// The analysis cache and the per-run materialization change where the shared blocks are read from, never a figure:
/// every metric equals its live computation, a stale cache is never read, and the live macros come back.
/// </summary>
public sealed class SharedBlocksTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly InsightStore store = TestSupport.MemoryStore();

    public SharedBlocksTests()
    {
        var truth = SampleGenerator.Generate(new GeneratorOptions { Weeks = 8 }, dir.Path);
        var importer = new Importer(store);
        foreach (var f in SampleGenerator.Files.Values) importer.ImportFile(Path.Combine(dir.Path, f), new ImportOptions { TimeZone = truth.Generator.TimeZone });
    }

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    private static readonly MetricRequest Request = new() { Options = MetricOptions.Default with { TimeZone = "Europe/Berlin" } };

    /// <summary>Every metric one at a time, each computed live (no cache, no materialization), as JSON.</summary>
    private Dictionary<string, string> Live(MetricRequest request)
    {
        store.Execute("DELETE FROM analysis_cache");
        return MetricCatalog.All.ToDictionary(m => m.Name, m => Json(m.Compute(store, request)));
    }

    private static string Json(IMetricReport report) => JsonSerializer.Serialize((object)report);

    private Dictionary<string, string> All(MetricRequest request) =>
        MetricCatalog.ComputeAll(store, request).ToDictionary(x => x.Key, x => Json(x.Value));

    /// <summary>What the macro reads now, from DuckDB's own catalogue.</summary>
    private string Definition(string macro) =>
        store.Scalar<string>("SELECT macro_definition FROM duckdb_functions() WHERE function_name = $m", ("m", macro))!;

    [Fact]
    public void Every_metric_is_the_same_live_materialized_and_from_the_analysis_cache()
    {
        var request = Request with { AsOf = MetricQueries.DataAsOf(store) };
        var live = Live(request);
        Assert.Equal(live, All(request));                          // materialized for the run

        SharedBlocks.Refresh(store, Request.Options);
        Assert.Equal(3, store.Scalar<int>("SELECT count(*) FROM analysis_cache"));
        Assert.Equal(live, MetricCatalog.All.ToDictionary(m => m.Name, m => Json(m.Compute(store, request))));
        Assert.Contains("analysis_alert_classes", Definition("alert_classes"));
        Assert.Contains("analysis_page_recipients", Definition("page_recipients"));
        Assert.Contains("analysis_incident_recurrence", Definition("incident_recurrence"));
        Assert.Equal(live, All(request));                          // and the whole catalogue from the cache
    }

    [Fact]
    public void Other_thresholds_or_another_as_of_instant_are_computed_live()
    {
        SharedBlocks.Refresh(store, Request.Options);
        var flappier = Request with { Options = Request.Options with { FlapCount = 2, RecurrenceWindow = TimeSpan.FromDays(7) } };
        var cachedRun = Json(Noise.Compute(store, flappier));
        Assert.DoesNotContain("analysis_", Definition("alert_classes"));
        Assert.DoesNotContain("analysis_", Definition("incident_recurrence"));
        Assert.Contains("analysis_page_recipients", Definition("page_recipients"));   // takes no thresholds: still valid
        var earlier = Request with { AsOf = MetricQueries.DataAsOf(store).AddDays(-3) };
        var earlierRun = Json(Noise.Compute(store, earlier));
        Assert.Equal(Live(flappier)["noise"], cachedRun);
        Assert.Equal(Live(earlier)["noise"], earlierRun);
        Assert.NotEqual(cachedRun, Json(Noise.Compute(store, Request)));               // the thresholds do matter
    }

    [Fact]
    public void An_import_after_the_refresh_makes_the_cache_stale_and_it_is_not_read()
    {
        SharedBlocks.Refresh(store, Request.Options);
        new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));
        var noise = Noise.Compute(store, Request).Rows.Single(r => r.Group == "all");
        Assert.Equal(store.Scalar<long>("SELECT count(*) FROM alerts"), noise.Alerts);
        Assert.DoesNotContain("analysis_", Definition("alert_classes"));
        SharedBlocks.Refresh(store, Request.Options);
        Assert.Equal(noise, Noise.Compute(store, Request).Rows.Single(r => r.Group == "all"));
        Assert.Contains("analysis_alert_classes", Definition("alert_classes"));
    }

    [Fact]
    public void A_run_of_all_metrics_leaves_the_live_macros_and_no_tables_behind()
    {
        var other = Request with { Options = Request.Options with { FlapWindow = TimeSpan.FromMinutes(20) } };
        MetricCatalog.ComputeAll(store, other);
        Assert.All(new[] { "alert_classes", "page_recipients", "incident_recurrence" }, m => Assert.DoesNotContain("materialized_", Definition(m)));
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'materialized_%'"));
        Assert.Equal(Live(other)["noise"], Json(Noise.Compute(store, other)));
    }
}
