using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InsightEngine.Learning;

/// <summary>One forecast week: the expected count and its 80 % prediction interval.</summary>
public sealed record ForecastPoint(DateTime Week, int Horizon, double Forecast, double Low, double High);

/// <summary>
/// One series' history and forecast. <paramref name="Method"/>: whose forecast the points are (the model's, or the
/// baseline's when the model does not beat it); <paramref name="Coverage"/>: the share of backtest weeks that fell
/// inside the interval built, at each origin, from that series' earlier errors only (null: too few to tell).
/// </summary>
public sealed record SeriesForecast(string Measure, string Dimension, string Key, IReadOnlyList<WeekCount> History,
    IReadOnlyList<ForecastPoint> Points)
{
    /// <summary>Whose forecast the points are.</summary>
    public string Method { get; init; } = "model";

    /// <summary>Backtest coverage of the 80 % interval for this series.</summary>
    public double? Coverage { get; init; }

    /// <summary>How many backtest weeks the coverage is over.</summary>
    public int CoverageWeeks { get; init; }
}

/// <summary>One observed week of a series.</summary>
public sealed record WeekCount(DateTime Week, long Count);

/// <summary>Backtest error of one method: MASE (mean absolute error over the naive one-step error; below 1 beats it) and sMAPE (%).</summary>
public sealed record BacktestScore(string Method, double Mase, double Smape, int Forecasts);

/// <summary>
/// The forecast: every series, the backtest of the model and the baselines, and a plain verdict. <see cref="Outcome"/>:
/// <c>better</c> / <c>worse</c> (the model's backtest error differs from the best baseline's beyond noise: Diebold–Mariano
/// at 5 %), <c>no_better</c> (within noise), or <c>too_few_data</c>; unless <c>better</c>, the points shown are the
/// baseline's (<see cref="ShownMethod"/>).
/// </summary>
public sealed record ForecastResult(int Horizon, IReadOnlyList<SeriesForecast> Series, IReadOnlyList<BacktestScore> Backtest, int Origins,
    string SeasonalNaive, bool BeatsBaselines, string Verdict, IReadOnlyList<string> Features, [property: JsonIgnore] ITransformer? Model, [property: JsonIgnore] DataViewSchema? Schema)
{
    /// <summary><c>better</c>, <c>no_better</c>, <c>worse</c> or <c>too_few_data</c>.</summary>
    public string Outcome { get; init; } = "too_few_data";

    /// <summary>Two-sided p of the Diebold–Mariano test of the model against the best baseline.</summary>
    public double? DieboldMarianoP { get; init; }

    /// <summary>Whose forecast the points are: <c>model</c> or the best baseline's name.</summary>
    public string ShownMethod { get; init; } = "model";
}

/// <summary>
/// Weekly incident counts (all, and per severity) and alert counts (all, and the busiest services), forecast 1 to
/// <c>horizon</c> weeks ahead. One ML.NET SDCA regression over every series, scaled by each series' recent level: the
/// inputs are the last week, the last four weeks' mean, the last eight weeks' Theil–Sen slope (alone and times the
/// horizon, so a steady trend is carried forward) and the horizon. Backtested with a rolling origin (every week from
/// the 12th on, training only on what was known at that week) against seasonal-naive and the four-week moving average;
/// the model is shown only when it beats the best baseline beyond noise (Diebold–Mariano), else the baseline's forecast
/// is, labelled. Prediction intervals (80 %) are scaled conformal intervals: the 10th and 90th percentile of that
/// series' own backtest errors at that horizon (in units of its level), pooled over series only while a series has
/// fewer than 8; each series' coverage is measured on the backtest with intervals built from earlier errors only.
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

        // The first week shown is the first the data does not cover: a week the store already holds in part (the
        // export ends on a Monday) is neither history (incomplete) nor future; it is skipped.
        var skip = Skip(weekly, series);
        var reach = horizon + skip;
        var ml = new MLContext(seed);
        cancellation.ThrowIfCancellationRequested();
        using var stop = Training.StopOn(ml, cancellation);   // a dropped request or Ctrl-C stops training
        // Rolling-origin backtest: at every origin, fit on what was known then and forecast the following weeks.
        string[] methods = ["model", seasonal, MovingAverage];
        var errors = methods.ToDictionary(m => m, _ => new List<(double Abs, double Smape, double Scale)>());
        var originLoss = methods.ToDictionary(m => m, _ => new List<double>());   // per origin: mean scaled error over series and horizons
        // Per series, method and horizon: the scaled errors seen so far (for intervals and their honest coverage).
        var residuals = series.ToDictionary(s => s, _ => methods.ToDictionary(m => m, _ => Enumerable.Range(0, reach + 1).Select(_ => new List<double>()).ToArray()));
        var hits = series.ToDictionary(s => s, _ => methods.ToDictionary(m => m, _ => (Hit: 0, Total: 0)));
        var origins = 0;
        for (var origin = Math.Max(11, MinimumHistory); origin < n - 1; origin++)
        {
            var model = Fit(ml, series, origin, reach);
            if (model is null) continue;
            var engine = ml.Model.CreatePredictionEngine<Example, Predicted>(model);
            origins++;
            var sums = methods.ToDictionary(m => m, _ => (Sum: 0.0, Count: 0));
            foreach (var s in series)
            {
                var scale = NaiveScale(s.Values, origin);
                for (var h = 1; h <= reach && origin + h < n; h++)
                {
                    var actual = s.Values[origin + h];
                    var (modelForecast, level) = Predict(engine, s.Values, origin, h);
                    foreach (var m in methods)
                    {
                        var forecast = m == "model" ? modelForecast : m == MovingAverage ? s.Values.Skip(origin - 3).Take(4).Average() : SeasonalNaive(s.Values, origin, h);
                        Add(errors[m], actual, forecast, scale);
                        var sum = sums[m];
                        sums[m] = (sum.Sum + Math.Abs(actual - forecast) / scale, sum.Count + 1);
                        // The interval this origin would have shown, from this series' earlier errors only: its coverage is honest.
                        var earlier = residuals[s][m][h];
                        if (earlier.Count >= MinimumForInterval)
                        {
                            var (lo, hi) = Interval(earlier);
                            var (hit, total) = hits[s][m];
                            hits[s][m] = (hit + (actual >= forecast + lo * level && actual <= forecast + hi * level ? 1 : 0), total + 1);
                        }
                        earlier.Add((actual - forecast) / level);
                    }
                }
            }
            foreach (var m in methods)
                if (sums[m].Count > 0) originLoss[m].Add(sums[m].Sum / sums[m].Count);
        }

        var scores = errors.Select(e => new BacktestScore(e.Key, Math.Round(e.Value.Count == 0 ? double.NaN : e.Value.Average(x => x.Abs / x.Scale), 3),
            Math.Round(e.Value.Count == 0 ? double.NaN : e.Value.Average(x => x.Smape), 1), e.Value.Count)).ToList();
        var best = scores.Skip(1).MinBy(s => s.Mase)!;
        var dm = DieboldMariano(originLoss["model"], originLoss[best.Method], reach);
        var outcome = dm is null || originLoss["model"].Count < 8 ? "too_few_data"
            : dm.Value.P >= 0.05 ? "no_better"
            : scores[0].Mase < best.Mase ? "better" : "worse";
        var shown = outcome == "better" ? "model" : best.Method;
        var figures = $"MASE {scores[0].Mase:0.000} vs {best.Mase:0.000} for {best.Method} over {origins} backtest origins" +
                      (dm is null ? "" : $", Diebold–Mariano p = {dm.Value.P:0.000}");
        var verdict = outcome switch
        {
            "better" => $"the model's backtest error is below the best baseline's beyond noise ({figures})",
            "worse" => $"the model does worse than {best.Method} in the backtest ({figures}): the forecast shown is {best.Method}'s",
            "no_better" => $"the model is no better than {best.Method}: the difference is within noise ({figures}); the forecast shown is {best.Method}'s",
            _ => $"too few backtest origins to tell the model from {best.Method} ({figures}); the forecast shown is {best.Method}'s",
        };

        var final = Fit(ml, series, n - 1, reach)!;
        var finalEngine = ml.Model.CreatePredictionEngine<Example, Predicted>(final);
        var forecasts = series.Select(s =>
        {
            var points = Enumerable.Range(skip + 1, horizon).Select(h =>
            {
                var (modelForecast, level) = Predict(finalEngine, s.Values, n - 1, h);
                var forecast = shown == "model" ? modelForecast : shown == MovingAverage ? s.Values.Skip(n - 4).Take(4).Average() : SeasonalNaive(s.Values, n - 1, h);
                // Scaled conformal interval: this series' own backtest errors at this horizon, in units of its level.
                var own = residuals[s][shown][h];
                var (lo, hi) = own.Count >= MinimumForInterval ? Interval(own) : Interval(series.SelectMany(o => residuals[o][shown][h]).ToList());
                return new ForecastPoint(s.Weeks[n - 1].AddDays(7 * h), h, Math.Round(forecast, 1),
                    Math.Round(Math.Max(0, forecast + lo * level), 1), Math.Round(Math.Max(0, forecast + hi * level), 1));
            }).ToList();
            var (hit, total) = hits[s][shown];
            return new SeriesForecast(s.Measure, s.Dimension, s.Key, s.Weeks.Take(n).Zip(s.Values.Take(n), (w, v) => new WeekCount(w, (long)v)).ToList(), points)
            {
                Method = shown, Coverage = total >= 10 ? Math.Round((double)hit / total, 3) : null, CoverageWeeks = total,
            };
        }).ToList();
        return new ForecastResult(horizon, forecasts, scores, origins, seasonal, outcome == "better", verdict, FeatureNames, final,
            ml.Data.LoadFromEnumerable(new[] { new Example { Features = new float[5] } }).Schema)
        {
            Outcome = outcome, DieboldMarianoP = dm is null ? null : Math.Round(dm.Value.P, 4), ShownMethod = shown,
        };
    }

    /// <summary>The four-week moving average baseline's name.</summary>
    public const string MovingAverage = "moving average (4 weeks)";

    /// <summary>Scaled errors needed (per series and horizon) for a series' own interval; fewer: the pooled one.</summary>
    private const int MinimumForInterval = 8;

    /// <summary>
    /// The 80 % interval of scaled errors, split-conformal: the 10 % tails with the finite-sample correction (level
    /// 0.9 × (n + 1) / n), so a series with few errors gets a wider interval rather than one that covers too little.
    /// </summary>
    private static (double Low, double High) Interval(IReadOnlyList<double> scaledErrors)
    {
        if (scaledErrors.Count == 0) return (-0.5, 0.5);
        var high = Math.Min(1, 0.9 * (scaledErrors.Count + 1) / scaledErrors.Count);
        return (Stats.Quantile(scaledErrors, 1 - high), Stats.Quantile(scaledErrors, high));
    }

    /// <summary>
    /// Diebold–Mariano test of equal accuracy on per-origin loss differences, with a Newey–West variance over
    /// <paramref name="horizon"/> − 1 lags (forecasts from neighbouring origins overlap). Null for fewer than 4 origins.
    /// </summary>
    internal static (double Statistic, double P)? DieboldMariano(IReadOnlyList<double> lossA, IReadOnlyList<double> lossB, int horizon)
    {
        var count = Math.Min(lossA.Count, lossB.Count);
        if (count < 4) return null;
        var d = Enumerable.Range(0, count).Select(i => lossA[i] - lossB[i]).ToArray();
        var mean = d.Average();
        double Gamma(int lag) => Enumerable.Range(lag, count - lag).Sum(i => (d[i] - mean) * (d[i - lag] - mean)) / count;
        var variance = Gamma(0);
        for (var lag = 1; lag < Math.Min(horizon, count); lag++) variance += 2 * (1 - lag / (double)Math.Min(horizon, count)) * Gamma(lag);
        if (variance <= 1e-12) return mean == 0 ? (0, 1) : (double.PositiveInfinity * Math.Sign(mean), 0);
        var statistic = mean / Math.Sqrt(variance / count);
        return (statistic, 2 * (1 - Stats.NormalCdf(Math.Abs(statistic))));
    }

    /// <summary>Weeks between the last complete week and the last week the data reaches into (0 when it ends on a week's end).</summary>
    private static int Skip(IEnumerable<WeeklyCount> weekly, List<Series> series)
    {
        if (series.Count == 0) return 0;
        var lastComplete = series.Max(s => s.Weeks[^1]);
        var lastPresent = weekly.Where(w => w.Count > 0 || !w.Complete).Select(w => w.Week).DefaultIfEmpty(lastComplete).Max();
        return Math.Max(0, (int)Math.Round((lastPresent - lastComplete).TotalDays / 7));
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
