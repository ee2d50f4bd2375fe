using ScottPlot;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports.Charts;

/// <summary>Bar charts: response times by severity, the noise Pareto, phase scores.</summary>
public static class BarCharts
{
    /// <summary>Median and p90 of a duration per severity, side by side, in <paramref name="unit"/> (minutes or hours).</summary>
    public static Chart DurationsBySeverity(string id, string title, IReadOnlyList<string> groups, IReadOnlyList<double?> medianSeconds,
        IReadOnlyList<double?> p90Seconds, string description)
    {
        var max = medianSeconds.Concat(p90Seconds).Max() ?? 0;
        var (divisor, unit) = max >= 3 * 3600 ? (3600.0, "hours") : (60.0, "minutes");
        var plot = ChartStyle.Create(title, "severity", unit);
        var bars = new List<Bar>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (medianSeconds[i] is { } m)
                bars.Add(new Bar { Position = i * 3, Value = m / divisor, FillColor = ChartStyle.Palette[0], Label = Label(m / divisor) });
            if (p90Seconds[i] is { } p)
                bars.Add(new Bar { Position = i * 3 + 1, Value = p / divisor, FillColor = ChartStyle.Palette[1], Label = Label(p / divisor) });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select((_, i) => i * 3 + 0.5).ToArray(), groups.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "median", FillColor = ChartStyle.Palette[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "p90", FillColor = ChartStyle.Palette[1] });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        return ChartStyle.Render(plot, id, title, description);
    }

    /// <summary>A Pareto chart: bars largest first, and the cumulative share on the right axis.</summary>
    public static Chart Pareto(string id, string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values, double total,
        string description)
    {
        var plot = ChartStyle.Create(title, "alert rule (rank)", yLabel);
        var bars = plot.Add.Bars(values.Select((v, i) => new Bar { Position = i, Value = v, FillColor = ChartStyle.Primary }).ToList());
        bars.ValueLabelStyle.FontSize = 10;
        if (total > 0 && values.Count > 0)
        {
            var cumulative = new double[values.Count];
            double sum = 0;
            for (var i = 0; i < values.Count; i++) cumulative[i] = (sum += values[i]) / total * 100;
            var line = plot.Add.Scatter(Enumerable.Range(0, values.Count).Select(i => (double)i).ToArray(), cumulative, ChartStyle.Highlight);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.Axes.YAxis = plot.Axes.Right;
            line.LegendText = "cumulative share of all noise (%)";
            plot.Axes.Right.Label.Text = "cumulative % of noise";
            plot.Axes.Right.Label.FontSize = 13;
            plot.Axes.Right.Label.Bold = false;
            plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
            plot.ShowLegend(Alignment.UpperRight);
        }
        ChartStyle.CategoryTicks(plot, labels);
        plot.Axes.SetLimitsY(0, Math.Max(1, values.DefaultIfEmpty(0).Max() * 1.15), plot.Axes.Left);
        return ChartStyle.Render(plot, id, title, description);
    }

    /// <summary>Scores 0–100 as horizontal bars, one per label (null: "no evidence", drawn as an empty row).</summary>
    public static Chart Scores(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<double?> scores, string description)
    {
        var plot = ChartStyle.Create(title, "score (0-100)", "");
        var bars = new List<Bar>();
        for (var i = 0; i < labels.Count; i++)
        {
            var position = labels.Count - 1 - i;   // first label on top
            if (scores[i] is { } s)
                bars.Add(new Bar { Position = position, Value = s, FillColor = ChartStyle.Palette[i % ChartStyle.Palette.Length], Label = s.ToString("0", System.Globalization.CultureInfo.InvariantCulture) });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((_, i) => (double)(labels.Count - 1 - i)).ToArray(),
            labels.Select((l, i) => scores[i] is null ? l + " (no evidence)" : l).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(0, 105);
        return ChartStyle.Render(plot, id, title, description, height: 60 + 46 * labels.Count);
    }

    private static string Label(double v) => v.ToString(v >= 10 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture);
}
