using InsightEngine.Store;

namespace InsightEngine.Learning;

/// <summary>How the learning commands run: seed, time zone, windows, horizon, where models are saved.</summary>
public sealed record LearningOptions
{
    /// <summary>Seed of every trainer: the same store and seed give the same models and outputs.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Zone of the weeks (as the metrics count them) and of an incident's hour of day and weekday.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>A problem that opens again within this long of being resolved recurs (the recurrence metric's window, exactly).</summary>
    public TimeSpan RecurrenceWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The window in whole days, rounded up: the gap the recurrence model leaves between training and test data.</summary>
    public int RecurrenceWindowDays => (int)Math.Ceiling(RecurrenceWindow.TotalDays);

    /// <summary>Incidents opened in the last this many days (before the latest one) get a recurrence prediction.</summary>
    public int RecentDays { get; init; } = 30;

    /// <summary>Weeks to forecast (<see cref="MinHorizon"/>–<see cref="MaxHorizon"/>), the same range on every surface.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>The shortest forecast horizon, weeks.</summary>
    public const int MinHorizon = 1;

    /// <summary>The longest forecast horizon, weeks (half a year: past that the backtest has too few origins).</summary>
    public const int MaxHorizon = 26;

    /// <summary>Stops the learning queries and training (a dropped request, Ctrl-C).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The learning options that match metric settings: the same zone and recurrence window as the metrics.</summary>
    public static LearningOptions From(InsightEngine.Analysis.MetricOptions metrics) => new()
    {
        TimeZone = metrics.TimeZone, RecurrenceWindow = metrics.RecurrenceWindow,
    };

    /// <summary>Checks the options; errors name the setting.</summary>
    public void Validate()
    {
        if (Horizon is < MinHorizon or > MaxHorizon)
            throw new InsightEngine.Settings.InvalidSettingException("horizon", $"must be {MinHorizon} to {MaxHorizon} weeks, not {Horizon}.");
    }

    /// <summary>
    /// Folder the trained models, their metadata and their results are saved to, and results reused from while the
    /// store is unchanged (<see cref="LearningCache"/>); null: neither saved nor reused.
    /// </summary>
    public string? ModelFolder { get; init; }

    /// <summary>The folder every surface uses for a database: <c>DB.models</c> beside it (none for an in-memory one).</summary>
    public static string? DefaultModelFolder(string database) => database == ":memory:" ? null : database + ".models";

    /// <summary>Titles of incidents known to be abnormal (the generated organisation's TRUTH), for the anomaly evaluation.</summary>
    public IReadOnlySet<string>? KnownAbnormalTitles { get; init; }
}

/// <summary>Trains the three models from the store on demand, saves them with their metadata, returns their results.</summary>
public static class Learner
{
    /// <summary>Weekly anomalies (statistics) and incident anomalies (RandomizedPca).</summary>
    public static (WeeklyAnomalyResult Weeks, IncidentAnomalyResult Incidents) Anomalies(InsightStore store, LearningOptions options)
    {
        var saved = LearningCache.GetOrCompute(store, options, "anomalies", () => AnomaliesNow(store, options), out _);
        return (saved.Weeks, saved.Incidents);
    }

    /// <summary>Results a learning command reuses (see <see cref="LearningCache"/>).</summary>
    private sealed record AnomalyPair(WeeklyAnomalyResult Weeks, IncidentAnomalyResult Incidents);

    private static AnomalyPair AnomaliesNow(InsightStore store, LearningOptions options)
    {
        var weeks = WeeklyAnomalies.Scan(LearningData.Weekly(store, options.TimeZone));
        var incidents = LearningData.Incidents(store, options.TimeZone, options.RecurrenceWindow);
        var result = IncidentAnomalies.Scan(incidents, options.Seed, options.KnownAbnormalTitles, options.Cancellation);
        if (options.ModelFolder is { } folder && result.Model is { } model)
        {
            ModelStore.Save(folder, model, result.Schema!, new ModelMetadata("incident-anomalies", "RandomizedPca (rank 2)", DateTime.UtcNow, options.Seed,
                incidents.Min(i => (DateTime?)i.CreatedAt), incidents.Max(i => (DateTime?)i.CreatedAt), incidents.Count, result.Features,
                new Dictionary<string, object?>
                {
                    ["score_threshold"] = result.ScoreThreshold, ["flagged"] = result.Flags.Count,
                    ["weekly_series_scanned"] = weeks.SeriesScanned, ["weekly_flags"] = weeks.Flags.Count,
                    ["known_abnormal_found"] = result.Evaluation?.ModelFound, ["baseline_known_found"] = result.Evaluation?.BaselineFound,
                }));
        }
        return new AnomalyPair(weeks, result);
    }

    /// <summary>The recurrence classifier (FastTree), its held-out evaluation and its predictions for recent incidents.</summary>
    public static RecurrenceResult Recurrences(InsightStore store, LearningOptions options) =>
        LearningCache.GetOrCompute(store, options, "recurrence", () => RecurrencesNow(store, options), out _);

    private static RecurrenceResult RecurrencesNow(InsightStore store, LearningOptions options)
    {
        var incidents = LearningData.Incidents(store, options.TimeZone, options.RecurrenceWindow);
        var result = RecurrenceModel.Run(incidents, options.RecurrenceWindowDays, options.RecentDays, options.Seed, options.Cancellation);
        if (options.ModelFolder is { } folder && result.Model is { } model)
        {
            var e = result.Evaluation;
            ModelStore.Save(folder, model, result.Schema!, new ModelMetadata("recurrence", "FastTree binary classifier (100 trees, 16 leaves)", DateTime.UtcNow,
                options.Seed, incidents.Min(i => (DateTime?)i.CreatedAt), incidents.Max(i => (DateTime?)i.CreatedAt), incidents.Count(i => i.RecursKnown),
                result.Features, new Dictionary<string, object?>
                {
                    ["window_days"] = result.WindowDays, ["test_from"] = e?.TestFrom, ["test_count"] = e?.TestCount, ["test_positives"] = e?.TestPositives,
                    ["model_auc"] = e?.ModelAuc, ["heuristic_auc"] = e?.HeuristicAuc, ["beats_heuristic"] = e?.BeatsHeuristic,
                }));
        }
        return result;
    }

    /// <summary>The weekly forecast (SDCA regression), backtested against the baselines.</summary>
    public static ForecastResult Forecast(InsightStore store, LearningOptions options)
    {
        options.Validate();
        return LearningCache.GetOrCompute(store, options, "forecast", () => ForecastNow(store, options), out _);
    }

    private static ForecastResult ForecastNow(InsightStore store, LearningOptions options)
    {
        var weekly = LearningData.Weekly(store, options.TimeZone);
        var result = Forecaster.Run(weekly, options.Horizon, options.Seed, options.Cancellation);
        if (options.ModelFolder is { } folder && result.Model is { } model)
        {
            ModelStore.Save(folder, model, result.Schema!, new ModelMetadata("forecast", "SDCA regression on scaled lags", DateTime.UtcNow, options.Seed,
                weekly.Min(w => (DateTime?)w.Week), weekly.Max(w => (DateTime?)w.Week), result.Series.Sum(s => s.History.Count), result.Features,
                new Dictionary<string, object?>
                {
                    ["horizon"] = result.Horizon, ["origins"] = result.Origins,
                    ["backtest"] = result.Backtest.ToDictionary(b => b.Method, b => (object?)new { b.Mase, b.Smape, b.Forecasts }),
                    ["beats_baselines"] = result.BeatsBaselines,
                }));
        }
        return result;
    }
}
