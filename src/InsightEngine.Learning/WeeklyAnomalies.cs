namespace InsightEngine.Learning;

/// <summary>A week whose count is abnormal for its series, with the range that was expected and why it was flagged.</summary>
public sealed record WeeklyAnomaly(
    string Measure, string Dimension, string Key, DateTime Week, long Observed, double Expected, double Low, double High,
    double Score, string Direction, string Why);

/// <summary>The weekly anomaly scan's output: the flags, and how many (series, week) cells were looked at.</summary>
public sealed record WeeklyAnomalyResult(IReadOnlyList<WeeklyAnomaly> Flags, int SeriesScanned, int WeeksScanned, double Threshold);

/// <summary>
/// Weeks whose incident or alert count is abnormal for a series (the organisation, a severity, service or team), given
/// that series' own history. Plain statistics, the honest tool for a few dozen weekly counts per series: the expected
/// count is a Theil–Sen line through the series' other weeks (so a steady trend is expected, not flagged), the spread is
/// the larger of the residuals' scaled MAD and the Poisson standard deviation √expected (and at least 1), and a week is
/// flagged when it lies <see cref="Threshold"/> spreads or more above the line (or below, for series that are never
/// near zero) and differs by at least <see cref="MinimumDifference"/> events. Seasonality: weekly counts have no
/// within-week season; a yearly one needs two years of history, which exports rarely hold, so it is not modelled.
/// </summary>
public static class WeeklyAnomalies
{
    /// <summary>How many spreads from the expected count make a week abnormal.</summary>
    public const double Threshold = 4;

    /// <summary>The smallest difference from the expected count that is flagged (no flag for 3 incidents instead of 0.5).</summary>
    public const double MinimumDifference = 3;

    /// <summary>Series with fewer complete weeks are not scanned.</summary>
    public const int MinimumWeeks = 8;

    /// <summary>Scans every series; flags ordered by score, highest first.</summary>
    public static WeeklyAnomalyResult Scan(IEnumerable<WeeklyCount> weekly)
    {
        var flags = new List<WeeklyAnomaly>();
        int series = 0, cells = 0;
        foreach (var group in weekly.Where(w => w.Complete).GroupBy(w => (w.Measure, w.Dimension, w.Key)))
        {
            var weeks = group.OrderBy(w => w.Week).ToList();
            if (weeks.Count < MinimumWeeks || weeks.Sum(w => w.Count) < MinimumWeeks) continue;
            series++;
            var lines = Stats.TheilSenLeavingEachOut(weeks.Select(w => (double)w.Count).ToArray());
            for (var i = 0; i < weeks.Count; i++)
            {
                cells++;
                var (expected, spread) = Expect(weeks, i, lines[i]);
                var observed = weeks[i].Count;
                var score = (observed - expected) / spread;
                var high = score >= Threshold && observed - expected >= MinimumDifference;
                // A drop is only meaningful where the series is never near zero (e.g. alerts that stopped arriving).
                var low = score <= -Threshold && expected - observed >= MinimumDifference && expected >= 10;
                if (!high && !low) continue;
                var w = weeks[i];
                var range = (Math.Max(0, expected - Threshold * spread), expected + Threshold * spread);
                var what = w.Dimension == "all" ? $"all {w.Measure}" : $"{w.Measure} of {w.Dimension} {w.Key}";
                var why = $"{observed} {what} in the week of {w.Week:yyyy-MM-dd}; expected {expected:0.#} from the other weeks " +
                          $"(normal range {range.Item1:0.#}–{range.Item2:0.#}), {Math.Abs(score):0.#} spreads {(high ? "above" : "below")}";
                flags.Add(new WeeklyAnomaly(w.Measure, w.Dimension, w.Key, w.Week, observed, Math.Round(expected, 2),
                    Math.Round(range.Item1, 2), Math.Round(range.Item2, 2), Math.Round(score, 2), high ? "high" : "low", why));
            }
        }
        return new WeeklyAnomalyResult(flags.OrderByDescending(f => Math.Abs(f.Score)).ThenBy(f => f.Week).ToList(), series, cells, Threshold);
    }

    /// <summary>The expected count of week <paramref name="index"/> from the series' other weeks, and the spread around it.</summary>
    public static (double Expected, double Spread) Expect(IReadOnlyList<WeeklyCount> weeks, int index) =>
        Expect(weeks, index, null);

    private static (double Expected, double Spread) Expect(IReadOnlyList<WeeklyCount> weeks, int index, (double Intercept, double Slope)? line)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var j = 0; j < weeks.Count; j++)
        {
            if (j == index) continue;
            x.Add(j);
            y.Add(weeks[j].Count);
        }
        var (intercept, slope) = line ?? Stats.TheilSen(x, y);
        var expected = Math.Max(0, intercept + slope * index);
        var residuals = x.Select((xj, k) => y[k] - (intercept + slope * xj)).ToList();
        var spread = Math.Max(Math.Max(Stats.Mad(residuals), Math.Sqrt(expected)), 1);
        return (expected, spread);
    }
}
