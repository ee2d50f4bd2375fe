using ScottPlot;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports.Charts;

/// <summary>
/// The one place charts get their look: fonts, colours, sizes, axis labels, and the PNG they are drawn to (at twice
/// their CSS size, so they stay sharp on screens and in print). Every chart in every report goes through here.
/// </summary>
public static class ChartStyle
{
    /// <summary>CSS width of a full-width chart.</summary>
    public const int Width = 960;

    /// <summary>CSS height of a chart.</summary>
    public const int Height = 340;

    /// <summary>Pixels per CSS pixel in the PNG.</summary>
    public const float Scale = 2;

    /// <summary>Series colours, colour-blind safe (Okabe–Ito).</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    /// <summary>The main series colour.</summary>
    public static Color Primary => Palette[0];

    /// <summary>Colour of the "normal range" band.</summary>
    public static readonly Color Band = Color.FromHex("#0072B2").WithAlpha(0.14);

    /// <summary>Colour that marks the week under review.</summary>
    public static readonly Color Highlight = Color.FromHex("#D55E00");

    private static readonly string FontName = PickFont();

    /// <summary>A plot with the house style, its title and axis labels (with units) set.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 17);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.ScaleFactor = Scale;
        return plot;
    }

    /// <summary>Draws <paramref name="plot"/> to a chart block.</summary>
    public static Chart Render(Plot plot, string id, string title, string description, int width = Width, int height = Height)
    {
        var png = plot.GetImageBytes((int)(width * Scale), (int)(height * Scale), ImageFormat.Png);
        return new Chart(id, title, description, png, width, height);
    }

    /// <summary>Category labels on the bottom axis at 0, 1, 2 ... (every <paramref name="every"/>th one when crowded).</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<string> labels, int every = 1, bool rotate = false)
    {
        var positions = new List<double>();
        var shown = new List<string>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % every != 0 && i != labels.Count - 1) continue;
            positions.Add(i);
            shown.Add(labels[i]);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), shown.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (rotate)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
    }

    /// <summary>Every nth label so about <paramref name="maxLabels"/> fit.</summary>
    public static int Thin(int count, int maxLabels = 14) => Math.Max(1, (int)Math.Ceiling(count / (double)maxLabels));

    private static string PickFont()
    {
        // DejaVu Sans is on every Debian machine that has fonts at all; else whatever sans font the system has.
        foreach (var name in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" })
            if (SkiaSharp.SKFontManager.Default.MatchFamily(name) is { } face && face.FamilyName == name) return name;
        return Fonts.Default;
    }
}
