#!/usr/bin/env dotnet
#:project ../src/InsightEngine.Reports/InsightEngine.Reports.csproj
#:package Microsoft.ML
// 05 · The models: train, evaluate, inspect
//
// Three ML.NET models, each measured against a naive baseline on held-out data (docs/models.md): weekly anomalies and
// abnormal incidents, recurrence prediction, and the weekly forecast. Only core ML.NET trainers are used
// (RandomizedPca, FastTree, SDCA); Microsoft.ML.TimeSeries is not available to this project. A model that does not
// beat its baseline says so: trust the baseline then.
//
//   dotnet run notebooks/05-models.cs                          # the sample, imported into memory
//   dotnet run notebooks/05-models.cs -- --db insight.duckdb   # your own store
//
// It prints its narrative and figures and writes notebooks/output/05-models.html (and .md with its charts,
// .figures.json) and the trained models in notebooks/output/05-models-models/. The same seed and data give the same
// results as `insight anomalies`, `insight recurrences` and `insight forecast`; a test checks them against the CLI.
using InsightEngine.Learning;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Walkthroughs;
using Microsoft.ML;

using var page = Walkthrough.Start(args, "05-models", "05 · The models: train, evaluate, inspect",
    "Three ML.NET models, each measured against a naive baseline on held-out data: anomalies, recurrence and the forecast.");
var store = page.Store;

// The models use the settings' zone and recurrence window, and seed 42 as the CLI does by default (--seed).
var models = Path.Combine(page.Arguments.Out, "05-models-models");
var options = LearningOptions.From(page.Settings.Metrics) with { Seed = 42, ModelFolder = models };

// ── Anomalies ───────────────────────────────────────────────────────────────────────────────────────────────────────
// Weekly counts per series (organisation, severity, service, team) against a Theil–Sen line through the series' other
// weeks; single incidents scored by RandomizedPca against others of their severity (insight anomalies).
page.Section("Anomalies",
    "Weekly counts per series (organisation, severity, service, team) against a Theil–Sen line through the series' other weeks; " +
    "single incidents scored by RandomizedPca against others of their severity (insight anomalies).");
var (weeks, incidents) = Learner.Anomalies(store, options);
page.Figure("abnormal_weeks", "Abnormal weeks", weeks.Flags.Count, "count", $"among {weeks.SeriesScanned} series × {weeks.WeeksScanned} weeks");
page.Figure("abnormal_incidents", "Abnormal incidents", incidents.Flags.Count, "count", $"of {incidents.Scored:N0} scored");
page.Table(weeks.Flags.Select(f => new { f.Measure, f.Dimension, f.Key, Week = f.Week.ToString("yyyy-MM-dd"), f.Observed, Expected = Math.Round(f.Expected, 1), f.Why }), max: 8);
page.Table(incidents.Flags.Select(f => new { f.Number, f.Severity, f.Service, f.Title }), max: 5);

// ── Recurrence ──────────────────────────────────────────────────────────────────────────────────────────────────────
// A FastTree classifier predicts whether an incident's problem comes back within the recurrence window; evaluated on
// the later part of the history against the heuristic "it has recurred before" (AUC: 0.5 is a coin, 1.0 perfect).
page.Section("Recurrence",
    "A FastTree classifier predicts whether an incident's problem comes back within the recurrence window, evaluated on the " +
    "later part of the history against the heuristic 'it has recurred before' (insight recurrences; AUC 0.5 is a coin).");
var recurrence = Learner.Recurrences(store, options);
if (recurrence.Evaluation is { } e)
{
    page.Figure("recurrence_model_auc", "Recurrence model AUC", e.ModelAuc, "number", $"{e.TestCount:N0} held-out incidents, {e.TestPositives:N0} recurred");
    page.Figure("recurrence_heuristic_auc", "Heuristic AUC", e.HeuristicAuc, "number");
    page.Say(e.Verdict);
}
else page.Say("Too little history to evaluate the recurrence model: no verdict (the heuristic stands).");
page.Table(recurrence.Predictions.OrderByDescending(p => p.Probability)
    .Select(p => new { p.Number, p.Service, p.Title, Probability = Cells.Percent(p.Probability), p.RecurredBefore }), max: 8);

// ── Forecast ────────────────────────────────────────────────────────────────────────────────────────────────────────
// Weekly incident and alert counts 1–8 weeks ahead (SDCA regression over scaled lags and trend), backtested with a
// rolling origin against seasonal-naive and the four-week moving average. MASE below 1 beats the naive one-step
// forecast; lower is better.
page.Section("Forecast",
    "Weekly incident and alert counts 1–8 weeks ahead (SDCA regression over scaled lags and trend), backtested with a rolling " +
    "origin against seasonal-naive and the four-week moving average (insight forecast). MASE below 1 beats the naive forecast.");
var forecast = Learner.Forecast(store, options);
page.Table(forecast.Backtest.Select(b => new { b.Method, MASE = b.Mase.ToString("0.00"), SMAPE = b.Smape.ToString("0.0") + " %", b.Forecasts }));
page.Say(forecast.Verdict);
if (forecast.Series.FirstOrDefault(s => s.Measure == "incidents" && s.Dimension == "all") is { Points.Count: > 0 } organisation)
{
    page.Figure("forecast_next_week_incidents", "Incidents forecast for next week", organisation.Points[0].Forecast, "number",
        $"by {organisation.Method}; 80% interval {organisation.Points[0].Low:0.#} to {organisation.Points[0].High:0.#}, week of {organisation.Points[0].Week:yyyy-MM-dd}");
    page.Chart(TimeCharts.Forecast("forecast", "Incidents per week and forecast", "incidents per week",
        organisation.History.Select(h => (h.Week, (double)h.Count)).ToList(),
        organisation.Points.Select(p => (p.Week, p.Forecast, p.Low, p.High)).ToList(),
        "Observed weekly incidents and the forecast with its 80% interval."));
    page.Table(organisation.Points.Select(p => new { Week = p.Week.ToString("yyyy-MM-dd"), Forecast = Math.Round(p.Forecast, 1), Low = Math.Round(p.Low, 1), High = Math.Round(p.High, 1) }));
}
else page.Say("Too little history for a forecast of the organisation's weekly incidents.");

// ── Inspect ─────────────────────────────────────────────────────────────────────────────────────────────────────────
// Each saved model has its metadata beside it (trainer, seed, training window, features, evaluation), so a forecast or
// flag can be traced to the model that made it; `insight anomalies|recurrences|forecast` save to the same layout. The
// models are ordinary ML.NET models: MLContext loads them with their input schema.
page.Section("Inspect the saved models",
    "Each saved model has its metadata beside it (trainer, seed, training window, features, evaluation); the models are " +
    "ordinary ML.NET models that MLContext loads with their input schema.");
var ml = new MLContext(seed: 42);
page.Table(Directory.Exists(models)
    ? Directory.EnumerateFiles(models, "*.zip").Order(StringComparer.Ordinal).Select(zip =>
    {
        ml.Model.Load(zip, out var schema);
        var name = Path.GetFileNameWithoutExtension(zip);
        var metadata = ModelStore.Metadata(models, name);
        return new { Model = name, metadata?.Trainer, metadata?.Seed, Rows = metadata?.Rows, Inputs = string.Join(", ", schema.Select(c => c.Name)) };
    }).ToList()
    : []);
page.Say($"Recurrence model features: {string.Join(", ", recurrence.Features)}.");

page.Finish();
