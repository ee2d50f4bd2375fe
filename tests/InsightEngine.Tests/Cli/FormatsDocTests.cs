using InsightEngine.Cli.Commands;
using InsightEngine.Tests.Generation;

namespace InsightEngine.Tests.Cli;

/// <summary>docs/formats.md cannot drift from the code: its coverage table is the catalogue's.</summary>
public class FormatsDocTests
{
    [Fact]
    public void The_coverage_table_in_docs_is_the_catalogues()
    {
        var doc = File.ReadAllText(Path.Combine(SampleDataTests.RepositoryRoot(), "docs", "formats.md"));
        const string start = "<!-- coverage:start -->\n", end = "<!-- coverage:end -->";
        var table = doc[(doc.IndexOf(start, StringComparison.Ordinal) + start.Length)..doc.IndexOf(end, StringComparison.Ordinal)];
        Assert.Equal(FormatsCommand.Coverage(), table);
        var headings = doc.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        foreach (var format in InsightEngine.Import.FormatCatalog.All)
            Assert.True(headings.Any(h => h.Contains($"`{format.Id}`", StringComparison.Ordinal)), $"docs/formats.md has no section for {format.Id}");
    }
}
