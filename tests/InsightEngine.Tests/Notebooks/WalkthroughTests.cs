using System.Text.Json.Nodes;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Reports.Walkthroughs;

namespace InsightEngine.Tests.Notebooks;

/// <summary>The page the walkthroughs narrate: arguments, opening a store, what it prints and writes.</summary>
public sealed class WalkthroughTests
{
    [Fact]
    public void Arguments_are_db_config_out_and_help()
    {
        var parsed = WalkthroughArguments.Parse(["--db", "my.duckdb", "--config=team.yaml", "--out", "pages"], "default-out");
        Assert.Equal(new WalkthroughArguments("my.duckdb", "team.yaml", "pages", Help: false), parsed);
        Assert.Equal(new WalkthroughArguments(null, null, "default-out", Help: false), WalkthroughArguments.Parse([], "default-out"));
        Assert.True(WalkthroughArguments.Parse(["--help"], "x").Help);
        Assert.Equal("'--bd' is not an option of this walkthrough.", Assert.Throws<ArgumentException>(() => WalkthroughArguments.Parse(["--bd", "x"], "o")).Message);
        Assert.Equal("--db needs a value.", Assert.Throws<ArgumentException>(() => WalkthroughArguments.Parse(["--db"], "o")).Message);
        Assert.Equal("--db needs a value.", Assert.Throws<ArgumentException>(() => WalkthroughArguments.Parse(["--db", "--out", "x"], "o")).Message);
        Assert.Equal("--out needs a value.", Assert.Throws<ArgumentException>(() => WalkthroughArguments.Parse(["--out="], "o")).Message);
    }

    [Fact]
    public void A_database_that_is_not_there_is_not_created()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "typo.duckdb");
        var e = Assert.Throws<WalkthroughInputException>(() =>
            Walkthrough.Open(new WalkthroughArguments(db, null, dir.Path, false), "t", "T", "i", TextWriter.Null));
        Assert.Contains($"--db '{db}': no such database. Import your exports first (insight import EXPORTS --db {db})", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void It_prints_as_it_goes_and_writes_the_same_page_with_figures_escaped_and_kept_raw()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "store.duckdb");
        using (var store = InsightEngine.Store.InsightStore.Open(db)) { }
        var console = new StringWriter();
        var output = Path.Combine(dir.Path, "pages");
        using (var page = Walkthrough.Open(new WalkthroughArguments(db, null, output, false), "99-test", "99 · A test", "What it shows.", console))
        {
            page.Section("Figures", "A paragraph.");
            page.Figure("mtta", "MTTA (median)", 1860.0, "seconds", "n 30");
            page.Figure("mttd", "TTD (median)", null, "seconds", "impact start not recorded");
            page.Figure("share", "Noise ratio", 0.6875, "ratio");
            page.Table(new[]
            {
                new { Rule = "<script>alert(1)</script>", Alerts = 1234L, Open = TimeSpan.FromMinutes(90), NoiseShare = (double?)null },
                new { Rule = "evil\u001b[2Jterminal", Alerts = 5L, Open = TimeSpan.FromSeconds(30), NoiseShare = (double?)0.5 },
                new { Rule = "third", Alerts = 1L, Open = TimeSpan.Zero, NoiseShare = (double?)1 },
            }, max: 2);
            page.Chart(InsightEngine.Reports.Charts.BarCharts.Scores("phases", "Phase scores", ["detect", "respond"], [40.0, 70.0], "Two phases."));
            Assert.Throws<WalkthroughCheckException>(() => page.Check(false, "rows do not add up"));
            page.Finish();
        }

        var printed = console.ToString();
        Assert.Contains("99 · A test\n===========", printed, StringComparison.Ordinal);
        Assert.Contains("Figures\n-------\nA paragraph.\n", printed, StringComparison.Ordinal);
        Assert.Contains("The store holds no incidents and no alerts yet, so every figure below is empty or unknown: import your exports first", printed, StringComparison.Ordinal);
        Assert.Contains("MTTA (median): 31 min (n 30)", printed, StringComparison.Ordinal);
        Assert.Contains("TTD (median): unknown (impact start not recorded)", printed, StringComparison.Ordinal);   // unknown, not zero
        Assert.Contains("Noise ratio: 69%", printed, StringComparison.Ordinal);
        Assert.Contains("  Rule                       Alerts        Open  Noise share\n", printed, StringComparison.Ordinal);
        Assert.Contains("  <script>alert(1)</script>   1,234  1 h 30 min          n/a\n", printed, StringComparison.Ordinal);
        Assert.Contains("  evil [2Jterminal                5        30 s          0.5\n", printed, StringComparison.Ordinal);   // no escape reaches the terminal
        Assert.Contains("  and 1 more rows", printed, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', printed);
        Assert.Contains("[chart] Phase scores: Two phases.", printed, StringComparison.Ordinal);
        Assert.Contains($"Page written: {Path.Combine(output, "99-test.html")}", printed, StringComparison.Ordinal);

        var html = File.ReadAllText(Path.Combine(output, "99-test.html"));
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBOR", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "99-test-charts", "phases.png")));
        var markdown = File.ReadAllText(Path.Combine(output, "99-test.md"));
        Assert.StartsWith("# 99 · A test", markdown, StringComparison.Ordinal);
        Assert.Contains("31 min", markdown, StringComparison.Ordinal);
        Assert.Contains("](99-test-charts/phases.png)", markdown, StringComparison.Ordinal);

        var figures = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "99-test.figures.json")))!;
        Assert.Equal(1860.0, (double)figures["figures"]!["mtta"]!["value"]!);
        Assert.Equal("31 min", (string?)figures["figures"]!["mtta"]!["text"]);
        Assert.Null(figures["figures"]!["mttd"]!["value"]);
        Assert.Equal("unknown", (string?)figures["figures"]!["mttd"]!["text"]);
        Assert.Equal(0.6875, (double)figures["figures"]!["share"]!["value"]!);
    }

    [Theory]
    [InlineData("NoiseShare", "Noise share")]
    [InlineData("MTTA_median", "MTTA median")]
    [InlineData("MTTR_p90", "MTTR p90")]
    [InlineData("SEV1", "SEV1")]
    [InlineData("OutOfHoursPages", "Out of hours pages")]
    [InlineData("HTMLReport", "HTML report")]
    [InlineData("Week", "Week")]
    public void Headers_split_words_and_keep_acronyms(string property, string header) => Assert.Equal(header, Walkthrough.Header(property));

    [Fact]
    public void Text_tables_align_numbers_right_and_cut_long_cells()
    {
        var table = new Table([new Column("name"), new Column("n", Numeric: true)],
            [[Cells.Of("a"), Cells.Of("5")], [Cells.Of(new string('x', 100)), Cells.Of("12,345")]]);
        var text = TextRenderer.Block(table);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("     5", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("12,345", lines[3], StringComparison.Ordinal);
        Assert.Contains(new string('x', TextRenderer.MaxCell - 1) + "…", lines[3], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.False(l.EndsWith(' '), $"trailing space: '{l}'"));
    }
}
