using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InsightEngine.Learning;

/// <summary>One forecast week: the expected count and its 80 % prediction interval.</summary>
public sealed record ForecastPoint(DateTime Week, int Horizon, double Forecast, double Low, double High);

/// <summary>One series' history and forecast.</summary>
public sealed record SeriesForecast(string Measure, string Dimension, string Key, IReadOnlyList<WeekCount> History,
    IReadOnlyList<ForecastPoint> Points);

/// <summary>One observed week of a series.</summary>
public sealed record WeekCount(DateTime Week, long Count);

/// <summary>Backtest error of one method: MASE (mean absolute error over the naive one-step error; below 1 beats it) and sMAPE (%).</summary>
public sealed record BacktestScore(string Method, double Mase, double Smape, int Forecasts);

/// <summary>The forecast: every series, the backtest of the model and the baselines, and a plain verdict.</summary>
public sealed record ForecastResult(int Horizon, IReadOnlyList<SeriesForecast> Series, IReadOnlyList<BacktestScore> Backtest, int Origins,
    string SeasonalNaive, bool BeatsBaselines, string Verdict, IReadOnlyList<string> Features, [property: JsonIgnore] ITransformer? Model, [property: JsonIgnore] DataViewSchema? Schema);

/// <summary>
/// Weekly incident counts (all, and per severity) and alert counts (all, and the busiest services), forecast 1 to
/// <c>horizon</c> weeks ahead. One ML.NET SDCA regression over every series, scaled by each series' recent level: the
/// inputs are the last week, the last four weeks' mean, the last eight weeks' Theil–Sen slope (alone and times the
/// horizon, so a steady trend is carried forward) and the horizon. Prediction intervals (80 %) are the backtest's
/// 10th and 90th percentile errors at each horizon. Backtested with a rolling origin (every week from the 12th on,
/// training only on what was known at that week) against seasonal-naive and the four-week moving average.
/// </summary>
public static class Forecaster
{
    /// <summary>The model's inputs, as named in its metadata.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
        ["last week / level", "4-week mean / level", "8-week slope / level", "horizon × slope / level", "horizon / 12"];

    /// <summary>Weeks of history needed before a forecast origin.</summary>
    public const int MinimumHistory = 8;

    /// <summary>Inputs and targets are ratios to the series' level, clipped to this (storm weeks are not forecastable).</summary>
    public const double MaximumRatio = 4;

    /// <summary>Alert series forecast per service: the busiest this many.</summary>
    public const int AlertServices = 10;

    private sealed class Example
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Predicted
    {
        public float Score { get; set; }
    }

    /// <summary>Picks the series, backtests, and forecasts <paramref name="horizon"/> weeks ahead.</summary>
    public static ForecastResult Run(IEnumerable<WeeklyCount> weekly, int horizon, int seed, CancellationToken cancellation = default)
    {
        var series = Pick(weekly);
        var n = series.Count == 0 ? 0 : series.Min(s => s.Values.Length);
        var seasonal = n >= 104 ? "seasonal-naive (52 weeks)" : "seasonal-naive (under two years of history: last week's count)";
        if (n < MinimumHistory + 4)
            return new ForecastResult(horizon, [], [], 0, seasonal, false,
                $"not enough history to forecast: {n} complete weeks, at least {MinimumHistory + 4} needed", FeatureNames, null, null);

        var ml = new MLContext(seed);
        cancellation.ThrowIfCancellationRequested();
        using var stop = Training.StopOn(ml, cancellation);   // a dropped request or Ctrl-C stops training
        // Rolling-origin backtest: at every origin, fit on what was known then and forecast the following weeks.
        var errors = new Dictionary<string, List<(double Abs, double Smape, double Scale)>> { ["model"] = [], [seasonal] = [], ["moving average (4 weeks)"] = [] };
        var residuals = Enumerable.Range(0, horizon + 1).Select(_ => new List<double>()).ToArray();
        var origins = 0;
        for (var origin = Math.Max(11, MinimumHistory); origin < n - 1; origin++)
        {
            var model = Fit(ml, series, origin, horizon);
            if (model is null) continue;
            var engine = ml.Model.CreatePredictionEngine<Example, Predicted>(model);
            origins++;
            foreach (var s in series)
            {
                var scale = NaiveScale(s.Values, origin);
                for (var h = 1; h <= horizon && origin + h < n; h++)
                {
                    var actual = s.Values[origin + h];
                    var (forecast, level) = Predict(engine, s.Values, origin, h);
                    residuals[h].Add((actual - forecast) / level);
                    Add(errors["model"], actual, forecast, scale);
                    Add(errors[seasonal], actual, SeasonalNaive(s.Values, origin, h), scale);
                    Add(errors["moving average (4 weeks)"], actual, s.Values.Skip(origin - 3).Take(4).Average(), scale);
                }
            }
        }

        var scores = errors.Select(e => new BacktestScore(e.Key, Math.Round(e.Value.Count == 0 ? double.NaN : e.Value.Average(x => x.Abs / x.Scale), 3),
            Math.Round(e.Value.Count == 0 ? double.NaN : e.Value.Average(x => x.Smape), 1), e.Value.Count)).ToList();
        var best = scores.Skip(1).MinBy(s => s.Mase)!;
        var beats = scores[0].Mase < best.Mase;
        var verdict = beats
            ? $"the model's backtest error (MASE {scores[0].Mase:0.000}) is below the best baseline's ({best.Method}, {best.Mase:0.000})"
            : $"the model does NOT beat {best.Method} in the backtest (MASE {scores[0].Mase:0.000} vs {best.Mase:0.000}): prefer the baseline";

        var final = Fit(ml, series, n - 1, horizon)!;
        var finalEngine = ml.Model.CreatePredictionEngine<Example, Predicted>(final);
        var forecasts = series.Select(s =>
        {
            var points = Enumerable.Range(1, horizon).Select(h =>
            {
                var (forecast, level) = Predict(finalEngine, s.Values, n - 1, h);
                var lo = residuals[h].Count >= 10 ? Stats.Quantile(residuals[h], 0.1) : -0.5;
                var hi = residuals[h].Count >= 10 ? Stats.Quantile(residuals[h], 0.9) : 0.5;
                return new ForecastPoint(s.Weeks[n - 1].AddDays(7 * h), h, Math.Round(forecast, 1),
                    Math.Round(Math.Max(0, forecast + lo * level), 1), Math.Round(Math.Max(0, forecast + hi * level), 1));
            }).ToList();
            return new SeriesForecast(s.Measure, s.Dimension, s.Key, s.Weeks.Take(n).Zip(s.Values.Take(n), (w, v) => new WeekCount(w, (long)v)).ToList(), points);
        }).ToList();
        return new ForecastResult(horizon, forecasts, scores, origins, seasonal, beats, verdict, FeatureNames, final,
            ml.Data.LoadFromEnumerable(new[] { new Example { Features = new float[5] } }).Schema);
    }

    private sealed record Series(string Measure, string Dimension, string Key, DateTime[] Weeks, double[] Values);

    /// <summary>Incidents: all and each severity; alerts: all and the busiest services. Complete weeks only.</summary>
    private static List<Series> Pick(IEnumerable<WeeklyCount> weekly)
    {
        var groups = weekly.Where(w => w.Complete).GroupBy(w => (w.Measure, w.Dimension, w.Key))
            .Select(g => g.OrderBy(w => w.Week).ToList()).ToList();
        var busiest = groups.Where(g => g[0].Measure == "alerts" && g[0].Dimension == "service")
            .OrderByDescending(g => g.Sum(w => w.Count)).ThenBy(g => g[0].Key, StringComparer.Ordinal).Take(AlertServices).ToHashSet();
        return groups.Where(g => g[0].Dimension is "all" || (g[0].Measure == "incidents" && g[0].Dimension == "severity") || busiest.Contains(g))
            .Select(g => new Series(g[0].Measure, g[0].Dimension, g[0].Key, g.Select(w => w.Week).ToArray(), g.Select(w => (double)w.Count).ToArray()))
            .OrderBy(s => s.Measure == "incidents" ? 0 : 1).ThenBy(s => s.Dimension == "all" ? 0 : 1).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    private static ITransformer? Fit(MLContext ml, List<Series> series, int lastKnown, int horizon)
    {
        var examples = new List<Example>();
        foreach (var s in series)
            for (var t = MinimumHistory - 1; t < lastKnown; t++)
                for (var h = 1; h <= horizon && t + h <= lastKnown; h++)
                {
                    var (features, level) = Features(s.Values, t, h);
                    // Clipped: a storm week (150x its level) would otherwise pull every coefficient; no forecast can
                    // see a storm coming anyway.
                    examples.Add(new Example { Features = features, Label = (float)Math.Min(s.Values[t + h] / level, MaximumRatio) });
                }
        if (examples.Count < 20) return null;
        var trainer = ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options
        {
            FeatureColumnName = nameof(Example.Features), LabelColumnName = nameof(Example.Label), MaximumNumberOfIterations = 200,
            NumberOfThreads = 1, // deterministic for a seed
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(examples));
    }

    private static (double Forecast, double Level) Predict(PredictionEngine<Example, Predicted> engine, double[] values, int origin, int h)
    {
        var (features, level) = Features(values, origin, h);
        return (Math.Max(0, engine.Predict(new Example { Features = features }).Score * level), level);
    }

    private static (float[] Features, double Level) Features(double[] values, int t, int h)
    {
        var last8 = values.Skip(t - 7).Take(8).ToArray();
        var level = Math.Max(1, Stats.Median(last8)); // robust: one storm week does not set the level
        var slope = Stats.TheilSen(Enumerable.Range(0, 8).Select(i => (double)i).ToList(), last8).Slope;
        static float Clip(double v) => (float)Math.Clamp(v, -MaximumRatio, MaximumRatio);
        return ([Clip(values[t] / level), Clip(values.Skip(t - 3).Take(4).Average() / level), Clip(slope / level),
            Clip(h * slope / level), h / 12f], level);
    }

    private static double SeasonalNaive(double[] values, int origin, int h) =>
        origin + 1 >= 104 ? values[origin + h - 52 * (int)Math.Ceiling(h / 52.0)] : values[origin];

    /// <summary>MASE's denominator: the mean absolute one-week change up to the origin (at least 0.5, for flat series).</summary>
    private static double NaiveScale(double[] values, int origin) =>
        Math.Max(0.5, Enumerable.Range(1, origin).Average(i => Math.Abs(values[i] - values[i - 1])));

    private static void Add(List<(double Abs, double Smape, double Scale)> list, double actual, double forecast, double scale)
    {
        var denominator = Math.Abs(actual) + Math.Abs(forecast);
        list.Add((Math.Abs(actual - forecast), denominator == 0 ? 0 : 200 * Math.Abs(actual - forecast) / denominator, scale));
    }
}
