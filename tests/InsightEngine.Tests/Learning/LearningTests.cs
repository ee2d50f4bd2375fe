using System.Globalization;
using InsightEngine.Generation;
using InsightEngine.Learning;
using InsightEngine.Tests.Generation;

namespace InsightEngine.Tests.Learning;

/// <summary>The three models on the generated organisation: they find what was planted and report their evaluation.</summary>
public sealed class LearningTests : IClassFixture<PlantedTruthTests.Sample>
{
    private readonly PlantedTruthTests.Sample sample;

    public LearningTests(PlantedTruthTests.Sample sample) => this.sample = sample;

    private LearningOptions Options => new()
    {
        TimeZone = sample.Truth.Generator.TimeZone,
        KnownAbnormalTitles = sample.Truth.AbnormalIncidents!.Select(a => a.Title).ToHashSet(),
    };

    [Fact]
    public void The_planted_week_is_flagged_and_fewer_than_5_percent_of_ordinary_weeks_are()
    {
        var (weeks, _) = Learner.Anomalies(sample.Store, Options);
        var planted = sample.Truth.AnomalousWeek.WeekStart.UtcDateTime;
        Assert.Contains(weeks.Flags, f => f.Dimension == "all" && f.Measure == "incidents" && f.Week == planted && f.Direction == "high");
        Assert.Contains(weeks.Flags, f => f.Dimension == "service" && f.Key == sample.Truth.AnomalousWeek.Service && f.Week == planted);

        // Ordinary: not the planted week, not the planted storm's week on its service (and the organisation's alerts).
        var storm = sample.Truth.AbnormalIncidents!.Single(a => a.Why.Contains("storm", StringComparison.Ordinal));
        var stormWeek = StartOfWeek(storm.CreatedAt.UtcDateTime);
        var ordinary = weeks.Flags.Count(f => f.Week != planted && !(f.Measure == "alerts" && f.Week == stormWeek));
        Assert.True(ordinary < 0.05 * weeks.WeeksScanned, $"{ordinary} ordinary weeks flagged of {weeks.WeeksScanned}");
        Assert.True(weeks.SeriesScanned > 20);
        var flag = weeks.Flags.First(f => f.Dimension == "all" && f.Week == planted);
        Assert.InRange(flag.Expected, flag.Low, flag.High);
        Assert.True(flag.Observed > flag.High);
        Assert.Contains("expected", flag.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_steady_trend_is_expected_not_flagged()
    {
        // 2, 4, 6, ... 40: every week is where the line through the others puts it.
        var weeks = Enumerable.Range(0, 20).Select(w => new WeeklyCount("incidents", "service", "growing", new DateTime(2026, 1, 5).AddDays(7 * w), 2 * (w + 1), true));
        Assert.Empty(WeeklyAnomalies.Scan(weeks).Flags);
        var spike = Enumerable.Range(0, 20).Select(w => new WeeklyCount("incidents", "service", "growing", new DateTime(2026, 1, 5).AddDays(7 * w), w == 10 ? 60 : 2 * (w + 1), true));
        var flag = Assert.Single(WeeklyAnomalies.Scan(spike).Flags);
        Assert.Equal((new DateTime(2026, 3, 16), 60L, 22.0), (flag.Week, flag.Observed, flag.Expected));
    }

    [Fact]
    public void The_planted_abnormal_incidents_are_flagged_with_their_reasons()
    {
        var (_, incidents) = Learner.Anomalies(sample.Store, Options);
        foreach (var planted in sample.Truth.AbnormalIncidents!)
        {
            var flag = Assert.Single(incidents.Flags, f => f.Title == planted.Title);
            Assert.NotEmpty(flag.Drivers);
            Assert.False(string.IsNullOrWhiteSpace(flag.Why));
        }
        Assert.Contains(incidents.Flags.Single(f => f.Title!.StartsWith("Login failures", StringComparison.Ordinal)).Drivers, d => d.Feature == "time_to_resolve");
        Assert.Contains(incidents.Flags.Single(f => f.Title!.StartsWith("Nodes NotReady", StringComparison.Ordinal)).Drivers, d => d.Feature == "alert_storm");
        Assert.True(incidents.Flags.Count < 0.01 * incidents.Scored, $"{incidents.Flags.Count} flagged of {incidents.Scored}");
        var e = incidents.Evaluation!;
        Assert.Equal((3, 3), (e.Known, e.ModelFound));
    }

    [Fact]
    public void The_recurrence_model_reports_its_held_out_auc_with_intervals_and_declares_no_winner_within_noise()
    {
        var r = Learner.Recurrences(sample.Store, Options);
        var e = r.Evaluation!;
        Assert.True(e.TestFrom > e.TrainUntil, "the split is time-ordered: training ends before the test period");
        Assert.InRange(e.ModelAuc, 0, 1);
        Assert.InRange(e.ModelAuc, e.ModelAucLow, e.ModelAucHigh);
        Assert.InRange(e.HeuristicAuc, e.HeuristicAucLow, e.HeuristicAucHigh);
        // On the sample (111 held-out incidents) the model's lead is about 1.7 standard errors: not a win.
        Assert.True(e.DifferenceP > 0.05, e.Verdict);
        Assert.Equal("no_better", e.Outcome);
        Assert.False(e.BeatsHeuristic);
        Assert.Contains("within noise", e.Verdict, StringComparison.Ordinal);
        Assert.Contains("95 % CI", e.Verdict, StringComparison.Ordinal);

        // Recent incidents of the planted recurring problem: likely to return, and their similar incidents are that problem.
        var recurring = r.Predictions.Where(p => p.Service == sample.Truth.RecurringProblem.Service && p.Title!.StartsWith("Payment provider timeout", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(recurring);
        Assert.All(recurring, p => Assert.True(p.Probability > 0.5, $"{p.Title}: {p.Probability}"));
        Assert.All(recurring, p => Assert.All(p.Similar, s => Assert.StartsWith("Payment provider timeout", s.Title, StringComparison.Ordinal)));
        Assert.True(r.Predictions.Zip(r.Predictions.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
    }

    [Fact]
    public void The_forecast_reports_its_backtest_next_to_the_baselines_and_follows_the_planted_trend()
    {
        var f = Learner.Forecast(sample.Store, Options with { Horizon = 8 });
        Assert.Equal(["model", f.SeasonalNaive, "moving average (4 weeks)"], f.Backtest.Select(b => b.Method));
        Assert.All(f.Backtest, b => Assert.True(b.Mase > 0 && b.Forecasts > 100));
        Assert.Contains(f.Outcome switch { "better" => "beyond noise", "no_better" => "within noise", "worse" => "does worse", _ => "too few" }, f.Verdict, StringComparison.Ordinal);
        Assert.Equal(f.Outcome == "better" ? "model" : f.Backtest.Skip(1).MinBy(b => b.Mase)!.Method, f.ShownMethod);
        Assert.All(f.Series, s => Assert.Equal(f.ShownMethod, s.Method));

        var trend = sample.Truth.Trend!;
        var sev4 = f.Series.Single(s => s.Measure == "incidents" && s.Key == trend.Severity);
        var early = trend.WeeklyAtSeverity.Take(8).Average();
        Assert.All(sev4.Points, p => Assert.True(p.Forecast > early + 2, $"{p.Week:yyyy-MM-dd}: {p.Forecast} vs early weeks' {early}"));
        Assert.All(sev4.Points, p => Assert.True(p.Low <= p.Forecast && p.Forecast <= p.High));
        Assert.Equal(8, sev4.Points.Count);
        // The first week shown is the first the data does not reach into (the sample ends on a Thursday: that week is
        // neither history, being incomplete, nor forecast).
        var last = TimeZoneInfo.ConvertTime(InsightEngine.Analysis.MetricQueries.DataAsOf(sample.Store),
            TimeZoneInfo.FindSystemTimeZoneById(sample.Truth.Generator.TimeZone)).DateTime;
        var lastWeek = last.Date.AddDays(-(((int)last.DayOfWeek + 6) % 7));
        Assert.Equal(lastWeek.AddDays(7), sev4.Points[0].Week.Date);
    }

    [Fact]
    public void The_same_seed_gives_the_same_models_and_they_are_saved_with_their_metadata()
    {
        using var dir = new TempDir();
        var options = Options with { ModelFolder = dir.Path };
        var first = Learner.Recurrences(sample.Store, options);
        var second = Learner.Recurrences(sample.Store, options with { ModelFolder = null });
        Assert.Equal(first.Predictions.Select(p => p.Probability), second.Predictions.Select(p => p.Probability));
        Assert.Equal(first.Evaluation, second.Evaluation);
        var f1 = Learner.Forecast(sample.Store, options);
        var f2 = Learner.Forecast(sample.Store, options);
        Assert.Equal(f1.Series.SelectMany(s => s.Points), f2.Series.SelectMany(s => s.Points));
        Learner.Anomalies(sample.Store, options);

        foreach (var model in new[] { "recurrence", "forecast", "incident-anomalies" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, model + ".zip")), model);
            var meta = ModelStore.Metadata(dir.Path, model)!;
            Assert.Equal((model, 42), (meta.Model, meta.Seed));
            Assert.NotEmpty(meta.Features);
            Assert.True(meta.Rows > 0 && meta.DataFrom < meta.DataTo);
        }
        Assert.Equal(first.Evaluation!.ModelAuc, Convert.ToDouble(ModelStore.Metadata(dir.Path, "recurrence")!.Metrics["model_auc"]!.ToString(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_empty_store_says_there_is_not_enough_history_instead_of_failing()
    {
        using var store = TestSupport.MemoryStore();
        var (weeks, incidents) = Learner.Anomalies(store, new LearningOptions());
        Assert.Empty(weeks.Flags);
        Assert.Empty(incidents.Flags);
        Assert.Contains("not enough", Learner.Recurrences(store, new LearningOptions()).Note, StringComparison.Ordinal);
        Assert.Contains("not enough history", Learner.Forecast(store, new LearningOptions()).Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Auc_counts_ties_as_half()
    {
        Assert.Equal(1.0, Stats.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.5, Stats.Auc([1, 1, 1, 1], [false, true, false, true]));
        Assert.Equal(0.75, Stats.Auc([0, 1, 1, 1], [false, false, true, true]));
        Assert.True(double.IsNaN(Stats.Auc([1, 2], [true, true])));
    }

    private static DateTime StartOfWeek(DateTime utc) => utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7));

    [Fact]
    public void A_cancelled_token_stops_training_and_the_learning_queries()
    {
        // ML.NET is told to stop: its trainers check between iterations and throw.
        var ml = new Microsoft.ML.MLContext(1);
        using var cancel = new CancellationTokenSource();
        using (Training.StopOn(ml, cancel.Token))
        {
            Assert.False(Training.IsCanceled(ml));
            cancel.Cancel();
            Assert.True(Training.IsCanceled(ml));
        }

        // A whole learning command over a connection whose work was cancelled: it stops with OperationCanceledException.
        using var stop = new CancellationTokenSource();
        using (sample.Store.CancelWith(stop.Token))
        {
            stop.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => Learner.Recurrences(sample.Store, Options with { Cancellation = stop.Token }));
        }
    }
}
