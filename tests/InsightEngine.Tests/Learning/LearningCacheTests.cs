using System.Text.Json;
using InsightEngine.Learning;
using InsightEngine.Store;

namespace InsightEngine.Tests.Learning;

/// <summary>Saved results are reused, exactly, until the store changes; then they are recomputed.</summary>
public sealed class LearningCacheTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [SlowFact]
    public void A_saved_result_is_reused_as_it_was_and_invalidated_by_an_import()
    {
        var db = Path.Combine(dir.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        var options = new LearningOptions { TimeZone = "Europe/Berlin", ModelFolder = Path.Combine(dir.Path, "models") };
        using var store = InsightStore.Open(db);
        string Json(object o) => JsonSerializer.Serialize(o, ModelStore.Json);

        var forecast = Learner.Forecast(store, options);
        var recurrence = Learner.Recurrences(store, options);
        var anomalies = Learner.Anomalies(store, options);
        var computations = 0;
        int Count() => ++computations;

        // Reused: the same figures, read back; nothing computed.
        Assert.Equal(Json(forecast), Json(Learner.Forecast(store, options)));
        Assert.Equal(Json(recurrence), Json(Learner.Recurrences(store, options)));
        Assert.Equal(Json(anomalies.Incidents), Json(Learner.Anomalies(store, options).Incidents));
        LearningCache.GetOrCompute(store, options, "forecast", () => { Count(); return forecast; }, out var reused);
        Assert.True(reused);
        Assert.Equal(0, computations);

        // Other options are another result.
        LearningCache.GetOrCompute(store, options with { Horizon = 4 }, "forecast", () => { Count(); return forecast; }, out reused);
        Assert.False(reused);

        // The store changes: recomputed.
        new InsightEngine.Import.Importer(store).ImportFile(TestSupport.Fixture("pagerduty/analytics-incidents.csv"));
        LearningCache.GetOrCompute(store, options, "forecast", () => { Count(); return forecast; }, out reused);
        Assert.False(reused);
        Assert.Equal(2, computations);
    }
}
