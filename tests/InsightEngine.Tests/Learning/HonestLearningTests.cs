using InsightEngine.Learning;

namespace InsightEngine.Tests.Learning;

/// <summary>
/// The learning layer's honesty, on data built to test it: DeLong's test against a hand count, no winner within
/// noise, no recurrence model without titles, no flag for the calendar alone, the flag rate bound, the first forecast
/// week after a week the data reaches into, and per-series interval coverage on a long history.
/// </summary>
public sealed class HonestLearningTests
{
    [Fact]
    public void DeLong_gives_the_hand_counted_auc_and_no_difference_for_the_same_scores()
    {
        // Positives score 0.9, 0.8, 0.3; negatives 0.7, 0.2: 5 of the 6 pairs are won.
        double[] a = [0.9, 0.8, 0.7, 0.3, 0.2];
        bool[] labels = [true, true, false, true, false];
        var same = Stats.DeLong(a, a, labels)!;
        Assert.Equal(5 / 6.0, same.AucA, 10);
        Assert.Equal(1.0, same.P, 6);
        Assert.True(same.SeA > 0);

        var reversed = Stats.DeLong(a, a.Select(x => -x).ToArray(), labels)!;
        Assert.Equal(1 / 6.0, reversed.AucB, 10);
        Assert.True(reversed.Z > 0);
        Assert.Null(Stats.DeLong(a, a, [true, false, false, false, false]));   // one positive: no variance to estimate
        Assert.Equal(0.975, Stats.NormalCdf(1.959964), 4);
    }

    [Fact]
    public void Diebold_Mariano_calls_equal_losses_a_tie_and_a_steady_gap_a_difference()
    {
        double[] a = [1, 2, 1.5, 1.2, 0.8, 1.1, 1.4, 0.9, 1.3, 1.0];
        Assert.Equal(1.0, Forecaster.DieboldMariano(a, a, 4)!.Value.P, 6);
        var worse = a.Select((x, i) => x + 0.5 + 0.05 * (i % 3)).ToArray();
        var test = Forecaster.DieboldMariano(worse, a, 4)!.Value;
        Assert.True(test.P < 0.01 && test.Statistic > 0, $"{test}");
        Assert.Null(Forecaster.DieboldMariano([1, 2], [1, 2], 4));
    }

    private static IncidentRow Incident(int i, DateTime created, string? title, double ttr = 3600, int hour = 10, bool weekend = false, long storm = 0,
        string severity = "SEV3", bool recurs = false, bool known = true) =>
        new("test", $"I{i}", null, title, "api", null, severity, created, null, title is null ? null : "api|" + title, ttr, 300, hour, weekend,
            storm, 0, 0, null, false, recurs, known && title is not null);

    [Fact]
    public void Recurrence_without_titles_says_what_the_data_lacks_instead_of_learning()
    {
        var start = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        var incidents = Enumerable.Range(0, 200).Select(i => Incident(i, start.AddHours(9 * i), title: i % 5 == 0 ? "Disk full" : null, recurs: i % 3 == 0)).ToList();

        var r = RecurrenceModel.Run(incidents, 30, 30, 42);

        Assert.Null(r.Model);
        Assert.Empty(r.Predictions);
        Assert.Contains("160 of 200 incidents have neither a title nor a fingerprint", r.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_at_a_rare_hour_on_a_weekend_is_not_flagged_for_that_alone_and_at_most_one_percent_are()
    {
        var start = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        var random = new Random(7);
        var incidents = Enumerable.Range(0, 400)
            .Select(i => Incident(i, start.AddHours(5 * i), "t" + i, ttr: 3600 * Math.Exp(random.NextDouble() - 0.5), hour: 9 + random.Next(8)))
            .Append(Incident(400, start.AddDays(90), "Sunday night", hour: 3, weekend: true))               // ordinary but for the calendar
            .Append(Incident(401, start.AddDays(91), "Ten days", ttr: 864000))                                // abnormal: its duration
            .ToList();

        var result = IncidentAnomalies.Scan(incidents, 42);

        Assert.DoesNotContain(result.Flags, f => f.Title == "Sunday night");
        Assert.Contains(result.Flags, f => f.Title == "Ten days");
        Assert.True(result.Flags.Count <= 0.01 * incidents.Count, $"{result.Flags.Count} flags of {incidents.Count}");
        var e = result.Evaluation!;
        Assert.Equal((incidents.Count, result.Flags.Count), (e.Scored, e.Flagged));
        Assert.Null(e.Known);   // nothing is known to be abnormal here: no recall claimed
    }

    private static List<WeeklyCount> Weekly(int weeks, Func<int, long> count, bool lastIncomplete, string key = "all")
    {
        var monday = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, weeks).Select(w => new WeeklyCount("incidents", key == "all" ? "all" : "severity", key, monday.AddDays(7 * w), count(w),
            Complete: !(lastIncomplete && w == weeks - 1))).ToList();
    }

    [Fact]
    public void The_first_forecast_week_is_the_first_the_data_does_not_reach_into()
    {
        var random = new Random(3);
        var weekly = Weekly(40, _ => 20 + random.Next(-4, 5), lastIncomplete: true);

        var f = Forecaster.Run(weekly, 4, 42);

        var series = Assert.Single(f.Series);
        Assert.Equal(weekly[^2].Week, series.History[^1].Week);                    // the incomplete week is not history
        Assert.Equal(weekly[^1].Week.AddDays(7), series.Points[0].Week);           // nor the first forecast week
        Assert.Equal(4, series.Points.Count);

        var whole = Forecaster.Run(Weekly(40, _ => 20 + random.Next(-4, 5), lastIncomplete: false), 4, 42);
        Assert.Equal(whole.Series[0].History[^1].Week.AddDays(7), whole.Series[0].Points[0].Week);
    }

    [Fact]
    public void Intervals_are_calibrated_per_series_on_a_long_history()
    {
        // Two series of very different level and noise over two and a half years: pooled intervals would be too wide
        // for one and too narrow for the other; per-series ones cover about 80 % of each.
        var random = new Random(11);
        double Noise(double sd) => sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var weekly = Weekly(130, _ => (long)Math.Max(0, Math.Round(8 + Noise(1.5))), false, "SEV1")
            .Concat(Weekly(130, _ => (long)Math.Max(0, Math.Round(300 + Noise(60))), false, "SEV3")).ToList();

        var f = Forecaster.Run(weekly, 4, 42);

        Assert.Equal(2, f.Series.Count);
        Assert.All(f.Series, s =>
        {
            Assert.True(s.CoverageWeeks >= 100, $"{s.Key}: {s.CoverageWeeks} backtest weeks");
            Assert.InRange(s.Coverage!.Value, 0.70, 0.90);
        });
    }

    [Fact]
    public void Too_few_weeks_is_a_plain_refusal_and_one_giant_series_is_forecast_like_any_other()
    {
        var few = Forecaster.Run(Weekly(6, _ => 12, lastIncomplete: false), 4, 42);
        Assert.Empty(few.Series);
        Assert.Contains("not enough history to forecast: 6 complete weeks", few.Verdict, StringComparison.Ordinal);

        var random = new Random(5);
        var giant = Forecaster.Run(Weekly(60, w => 250_000 + 1_000 * w + random.Next(-20_000, 20_000), lastIncomplete: false), 4, 42);
        var series = Assert.Single(giant.Series);
        Assert.All(series.Points, p => Assert.InRange(p.Forecast, 200_000, 400_000));
        Assert.All(series.Points, p => Assert.True(p.Low <= p.Forecast && p.Forecast <= p.High));
    }

    [Fact]
    public void The_fast_leave_one_out_theil_sen_is_the_plain_one_for_every_point()
    {
        var random = new Random(9);
        foreach (var n in new[] { 3, 4, 8, 26, 27 })
        {
            var y = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 40)).ToArray();
            var fast = Stats.TheilSenLeavingEachOut(y);
            for (var k = 0; k < n; k++)
            {
                var x = Enumerable.Range(0, n).Where(j => j != k).Select(j => (double)j).ToList();
                var plain = Stats.TheilSen(x, x.Select(j => y[(int)j]).ToList());
                Assert.Equal(plain.Slope, fast[k].Slope, 12);
                Assert.Equal(plain.Intercept, fast[k].Intercept, 12);
            }
        }
    }
}
