using ScottPlot;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports.Charts;

/// <summary>Charts over weeks: a figure's trend with its normal band, a forecast with its interval, several series.</summary>
public static class TimeCharts
{
    /// <summary>
    /// A weekly figure with the trailing weeks' normal range shaded and the week under review marked.
    /// <paramref name="values"/> may hold nulls (weeks without data); the band spans the trailing weeks.
    /// </summary>
    public static Chart Trend(string id, string title, string yLabel, string seriesName, IReadOnlyList<string> weeks, IReadOnlyList<double?> values,
        double? low, double? high, string description)
    {
        var plot = ChartStyle.Create(title, "ISO week", yLabel);
        var last = weeks.Count - 1;
        if (low is { } lo && high is { } hi && last > 0)
        {
            var band = plot.Add.FillY([-0.4, last - 0.6], [lo, lo], [hi, hi]);
            band.FillColor = ChartStyle.Band;
            band.LineWidth = 0;
            band.LegendText = "normal range (trailing 12 weeks)";
        }
        var xs = Enumerable.Range(0, weeks.Count).Where(i => values[i] is not null).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => values[(int)x]!.Value).ToArray();
        if (xs.Length > 0)
        {
            var line = plot.Add.Scatter(xs, ys, ChartStyle.Primary);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = seriesName;
        }
        if (last >= 0 && values[last] is { } current)
        {
            var marker = plot.Add.Marker(last, current, MarkerShape.FilledCircle, 13, ChartStyle.Highlight);
            marker.LegendText = $"{weeks[last]} (this review)";
        }
        ChartStyle.CategoryTicks(plot, weeks, ChartStyle.Thin(weeks.Count));
        plot.Axes.SetLimitsX(-0.6, Math.Max(last, 1) + 0.6);
        var top = new[] { ys.DefaultIfEmpty(0).Max(), high ?? 0 }.Max();
        plot.Axes.SetLimitsY(0, top <= 0 ? 1 : top * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Render(plot, id, title, description);
    }

    /// <summary>A weekly history and its forecast, with the 80 % prediction interval shaded.</summary>
    public static Chart Forecast(string id, string title, string yLabel, IReadOnlyList<(DateTime Week, double Count)> history,
        IReadOnlyList<(DateTime Week, double Forecast, double Low, double High)> points, string description)
    {
        var plot = ChartStyle.Create(title, "week (Monday)", yLabel);
        if (points.Count > 0)
        {
            var px = points.Select(p => p.Week.ToOADate()).ToArray();
            var band = plot.Add.FillY(px, points.Select(p => Math.Max(0, p.Low)).ToArray(), points.Select(p => p.High).ToArray());
            band.FillColor = ChartStyle.Palette[1].WithAlpha(0.22);
            band.LineWidth = 0;
            band.LegendText = "80% prediction interval";
            var f = plot.Add.Scatter(px, points.Select(p => p.Forecast).ToArray(), ChartStyle.Palette[1]);
            f.LineWidth = 2;
            f.LinePattern = LinePattern.Dashed;
            f.LegendText = "forecast";
        }
        if (history.Count > 0)
        {
            var h = plot.Add.Scatter(history.Select(p => p.Week.ToOADate()).ToArray(), history.Select(p => p.Count).ToArray(), ChartStyle.Primary);
            h.LineWidth = 2;
            h.MarkerSize = 4;
            h.LegendText = "observed";
        }
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        var top = history.Select(p => p.Count).Concat(points.Select(p => p.High)).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, Math.Max(1, top * 1.15));
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Render(plot, id, title, description);
    }

    /// <summary>Several weekly series on one chart (one line each, legend by name).</summary>
    public static Chart Lines(string id, string title, string yLabel, IReadOnlyList<string> weeks,
        IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series, string description, string xLabel = "ISO week", double? yMax = null)
    {
        var plot = ChartStyle.Create(title, xLabel, yLabel);
        var xs = Enumerable.Range(0, weeks.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < series.Count; s++)
        {
            var present = xs.Where(x => series[s].Values[(int)x] is not null).ToArray();
            var line = plot.Add.Scatter(present, present.Select(x => series[s].Values[(int)x]!.Value).ToArray(), ChartStyle.Palette[s % ChartStyle.Palette.Length]);
            line.LineWidth = 2;
            line.MarkerSize = weeks.Count > 20 ? 3 : 7;
            line.LegendText = Shorten(series[s].Name, 48);
        }
        ChartStyle.CategoryTicks(plot, weeks, ChartStyle.Thin(weeks.Count));
        var top = yMax ?? series.SelectMany(s => s.Values).Max() * 1.15 ?? 1;
        plot.Axes.SetLimitsY(0, Math.Max(1, top));
        plot.Axes.SetLimitsX(-0.5, Math.Max(1, weeks.Count - 0.5));
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartStyle.Render(plot, id, title, description, height: 380);
    }

    /// <summary>A label cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
