using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Analysis;

/// <summary>
/// Analysis sessions: the analysis cache and a session's materialization change where the shared blocks are read from,
/// never a figure — every metric equals its live computation, a stale cache is never read, the live macros come back,
/// and sessions over one connection with different thresholds each get their own figures whatever the call order.
/// </summary>
public sealed class AnalysisSessionTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly InsightStore store;

    public AnalysisSessionTests()
    {
        // An 8-week generated organisation, generated and imported once per run; each test gets its own copy.
        var db = Path.Combine(dir.Path, "insight.duckdb");
        Templates.CopyTo("generated-8-weeks", db, path =>
        {
            using var gen = new TempDir();
            var truth = SampleGenerator.Generate(new GeneratorOptions { Weeks = 8 }, gen.Path);
            using var target = InsightStore.Open(path);
            var importer = new Importer(target);
            foreach (var f in SampleGenerator.Files.Values) importer.ImportFile(Path.Combine(gen.Path, f), new ImportOptions { TimeZone = truth.Generator.TimeZone });
        });
        store = InsightStore.Open(db);
    }

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    private static readonly MetricRequest Request = new() { Options = MetricOptions.Default with { TimeZone = "Europe/Berlin" } };

    /// <summary>Every metric one at a time, each computed live (a session that never reads the cache), as JSON.</summary>
    private Dictionary<string, string> Live(MetricRequest request)
    {
        using var live = new AnalysisSession(store, cache: AnalysisCacheUse.Never);
        return MetricCatalog.All.ToDictionary(m => m.Name, m => Json(m.Compute(live, request)));
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

        AnalysisSession.Refresh(store, Request.Options);
        Assert.Equal(5, store.Scalar<int>("SELECT count(*) FROM analysis_cache"));   // alert classes, page recipients, recurrence, postmortems per incident, action-item facts
        Assert.Equal(live, MetricCatalog.All.ToDictionary(m => m.Name, m => Json(m.Compute(new AnalysisSession(store), request))));
        Assert.Contains("analysis_alert_classes", Definition("alert_classes"));
        Assert.Contains("analysis_page_recipients", Definition("page_recipients"));
        Assert.Contains("analysis_incident_recurrence", Definition("incident_recurrence"));
        Assert.Equal(live, All(request));                          // and the whole catalogue from the cache
    }

    [Fact]
    public void Other_thresholds_or_another_as_of_instant_are_computed_live()
    {
        AnalysisSession.Refresh(store, Request.Options);
        var flappier = Request with { Options = Request.Options with { FlapCount = 2, RecurrenceWindow = TimeSpan.FromDays(7) } };
        var cachedRun = Json(Noise.Compute(new AnalysisSession(store), flappier));
        Assert.DoesNotContain("analysis_", Definition("alert_classes"));
        Assert.DoesNotContain("analysis_", Definition("incident_recurrence"));
        Assert.Contains("analysis_page_recipients", Definition("page_recipients"));   // takes no thresholds: still valid
        var earlier = Request with { AsOf = MetricQueries.DataAsOf(store).AddDays(-3) };
        var earlierRun = Json(Noise.Compute(new AnalysisSession(store), earlier));
        Assert.Equal(Live(flappier)["noise"], cachedRun);
        Assert.Equal(Live(earlier)["noise"], earlierRun);
        Assert.NotEqual(cachedRun, Json(Noise.Compute(new AnalysisSession(store), Request)));               // the thresholds do matter
    }

    [Fact]
    public void An_import_after_the_refresh_makes_the_cache_stale_and_the_next_query_recomputes_what_it_reads()
    {
        AnalysisSession.Refresh(store, Request.Options);
        var before = store.Scalar<string>("SELECT cache_key FROM analysis_cache WHERE block = 'alert_classes'");
        new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));
        var noise = Noise.Compute(new AnalysisSession(store), Request).Rows.Single(r => r.Group == "all");
        Assert.Equal(store.Scalar<long>("SELECT count(*) FROM alerts"), noise.Alerts);
        Assert.Equal(Live(Request)["noise"], Json(Noise.Compute(new AnalysisSession(store), Request)));
        // The stale block was recomputed into the cache at the new data version and read from there.
        Assert.NotEqual(before, store.Scalar<string>("SELECT cache_key FROM analysis_cache WHERE block = 'alert_classes'"));
        Assert.StartsWith(store.DataVersion() + ".", store.Scalar<string>("SELECT cache_key FROM analysis_cache WHERE block = 'alert_classes'"));
        Assert.Contains("analysis_alert_classes", Definition("alert_classes"));

        // An unchanged re-import leaves the data version, and so the cache, as they were.
        var version = store.DataVersion();
        var again = new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));
        Assert.NotNull(again.RepeatOf);
        Assert.Equal(version, store.DataVersion());
    }

    [Fact]
    public void A_request_with_other_thresholds_never_replaces_the_cache()
    {
        AnalysisSession.Refresh(store, Request.Options);
        var keys = store.Query("SELECT block, cache_key FROM analysis_cache ORDER BY block", r => (r.GetString(0), r.GetString(1)));
        new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));   // stale now
        var flappier = Request with { Options = Request.Options with { FlapCount = 2 } };
        Assert.Equal(Live(flappier)["noise"], Json(Noise.Compute(new AnalysisSession(store), flappier)));
        Assert.Equal(keys, store.Query("SELECT block, cache_key FROM analysis_cache ORDER BY block", r => (r.GetString(0), r.GetString(1))));
    }

    [Fact]
    public void A_run_of_all_metrics_leaves_the_live_macros_and_no_tables_behind()
    {
        var other = Request with { Options = Request.Options with { FlapWindow = TimeSpan.FromMinutes(20) } };
        MetricCatalog.ComputeAll(store, other);
        Assert.All(new[] { "alert_classes", "page_recipients", "incident_recurrence" }, m => Assert.DoesNotContain("materialized_", Definition(m)));
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'materialized_%'"));
        Assert.Equal(Live(other)["noise"], Json(Noise.Compute(new AnalysisSession(store), other)));
    }

    [Fact]
    public void Sessions_with_different_thresholds_on_one_connection_each_get_their_own_figures_in_any_order()
    {
        var strict = Request with { AsOf = MetricQueries.DataAsOf(store), Options = Request.Options with { FlapCount = 2 } };
        var loose = Request with { AsOf = MetricQueries.DataAsOf(store), Options = Request.Options with { FlapCount = 6, AutoResolveWindow = TimeSpan.FromMinutes(30) } };
        var expectedStrict = Live(strict)["noise"];
        var expectedLoose = Live(loose)["noise"];
        Assert.NotEqual(expectedStrict, expectedLoose);

        AnalysisSession.Refresh(store, loose.Options);          // the cache holds the loose thresholds
        using var a = new AnalysisSession(store);
        using var b = new AnalysisSession(store);
        using var materialized = a.Materialize(strict, MetricQueries.Scope(store, strict, "(test)"));
        // Interleaved: each query points the macros at its own session's source first.
        Assert.Equal(expectedStrict, Json(Noise.Compute(a, strict)));
        Assert.Equal(expectedLoose, Json(Noise.Compute(b, loose)));
        Assert.Equal(expectedStrict, Json(Noise.Compute(a, strict)));
        Assert.Equal(expectedLoose, Json(Noise.Compute(b, loose)));
        // A session that may not read the cache never does, even when it is fresh for the request.
        using var never = new AnalysisSession(store, cache: AnalysisCacheUse.Never);
        Assert.Equal(expectedLoose, Json(Noise.Compute(never, loose)));
        Assert.DoesNotContain("analysis_", Definition("alert_classes"));
        // A materialized session refuses a request its tables were not computed for, rather than answer it wrongly.
        Assert.Throws<InvalidOperationException>(() => Noise.Compute(a, loose));
    }

    [Fact]
    public void Every_figure_echoes_the_thresholds_and_zone_it_was_computed_with()
    {
        var request = Request with { Options = Request.Options with { FlapCount = 4, RecurrenceWindow = TimeSpan.FromDays(14) } };
        using var session = new AnalysisSession(store);
        foreach (var report in MetricCatalog.ComputeAll(session, request).Values)
        {
            var settings = report.Scope.Settings!;
            Assert.Equal("Europe/Berlin", settings["timezone"]);
            Assert.Equal("4", settings["flap_count"]);
            Assert.Equal("14d", settings["recurrence_window"]);
            Assert.Equal(MetricOptions.Settings, settings.Keys);
        }
    }
}
