using System.Text.RegularExpressions;
using InsightEngine.Reports;
using InsightEngine.Reports.Rendering;

namespace InsightEngine.Tests.Reports;

/// <summary>
/// The HTML and Markdown of a small weekly review, compared whole against files kept in the repository
/// (<c>Fixtures/golden/</c>): any change to what a reader sees shows up as a diff to review. Chart images are left out
/// (their pixels depend on the machine's fonts); their references and text stay. To accept a change on purpose, run
/// with <c>INSIGHT_UPDATE_GOLDEN=1</c> and commit the rewritten files.
/// </summary>
public sealed partial class GoldenReportTests
{
    private static string GoldenPath(string name) =>
        Path.Combine(Generation.SampleDataTests.RepositoryRoot(), "tests", "InsightEngine.Tests", "Fixtures", "golden", name);

    private static void Compare(string name, string actual)
    {
        var path = GoldenPath(name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("INSIGHT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing: run the test with INSIGHT_UPDATE_GOLDEN=1 to write it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name} differs from the golden file at line {first + 1}:\n  expected: {(first < e.Length ? e[first] : "(end)")}\n  actual:   {(first < a.Length ? a[first] : "(end)")}\n" +
                    "If the change is intended, run with INSIGHT_UPDATE_GOLDEN=1 and commit the file.");
    }

    [Fact]
    public void The_weekly_review_html_and_markdown_are_what_a_reader_saw_before()
    {
        using var store = WeeklyReviewTests.TwoWeeks();
        var document = WeeklyReviewDocument.Create(WeeklyReviews.Build(store, WeeklyReviewTests.Week("2026-W12")));
        Compare("weekly-review-2026-W12.html", PngData().Replace(HtmlRenderer.Render(document), "data:image/png;base64,(chart)"));
        var markdown = MarkdownRenderer.Render(document);
        Compare("weekly-review-2026-W12.md", markdown.Markdown);
        Assert.All(markdown.Files, file => Assert.Contains(file.RelativePath, markdown.Markdown));   // every chart file is referenced
    }

    [GeneratedRegex("data:image/png;base64,[A-Za-z0-9+/=]+")]
    private static partial Regex PngData();
}
