using ScottPlot;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports.Charts;

/// <summary>The on-call load heat map: pages per local hour (columns) and weekday (rows).</summary>
public static class HeatMapChart
{
    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary><paramref name="counts"/>[weekday 0 = Monday, hour].</summary>
    public static Chart HourOfWeek(string id, string title, double[,] counts, string description)
    {
        var plot = ChartStyle.Create(title, "hour of day (local time)", "");
        var heat = plot.Add.Heatmap(counts);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        heat.Extent = new CoordinateRect(-0.5, 23.5, 6.5, -0.5);   // row 0 (Monday) on top
        var bar = plot.Add.ColorBar(heat);
        bar.Label = "pages";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 8).Select(h => h * 3.0).ToArray(), Enumerable.Range(0, 8).Select(h => $"{h * 3:00}:00").ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, 7).Select(d => (double)d).ToArray(), Days);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, 23.5, 6.5, -0.5);
        plot.Grid.IsVisible = false;
        return ChartStyle.Render(plot, id, title, description, height: 300);
    }
}
