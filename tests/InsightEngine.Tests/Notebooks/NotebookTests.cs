namespace InsightEngine.Tests.Notebooks;

/// <summary>
/// Every code cell of every notebook in notebooks/ runs, in order, against the built engine and the sample data, so no
/// notebook can rot; and a broken notebook fails with its name, the cell and the error.
/// </summary>
public sealed class NotebookTests
{
    private static string Folder => Path.Combine(Generation.SampleDataTests.RepositoryRoot(), "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void The_five_walkthroughs_are_there()
    {
        var names = Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).ToList();
        foreach (var expected in new[] { "01-explore-your-data.ipynb", "02-weekly-review.ipynb", "03-noisy-alerts.ipynb", "04-maturity.ipynb", "05-models.ipynb" })
            Assert.Contains(expected, names);
    }

    [SlowTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_cell_runs(string notebook)
    {
        var run = await NotebookRunner.RunAsync(Path.Combine(Folder, notebook));

        Assert.True(run.CodeCells >= 5, $"{notebook} has {run.CodeCells} code cells");
        // Each code cell ends in something to look at (a value or a display), except where it only sets up.
        Assert.True(run.Values.Count(v => v is not null) + run.Displayed.Count >= run.CodeCells - 1, $"{notebook}: cells show too little");
        if (notebook is "02-weekly-review.ipynb" or "03-noisy-alerts.ipynb" or "04-maturity.ipynb" or "05-models.ipynb")
            Assert.Contains(run.Displayed, d => d is HtmlMarkup h && h.Markup.StartsWith("<img src=\"data:image/png;base64,iVBOR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cell_that_no_longer_compiles_fails_with_notebook_cell_and_error()
    {
        var e = await Assert.ThrowsAsync<NotebookCellException>(() => NotebookRunner.RunAsync(TestSupport.Fixture("notebooks/broken-compile.ipynb")));
        Assert.Equal("broken-compile.ipynb", e.Notebook);
        Assert.Equal(3, e.Cell);
        Assert.Contains("CS0103", e.Error);
        Assert.Contains("totl", e.Error);
        Assert.StartsWith("broken-compile.ipynb, cell 3 (var total = incidents.Sum();): ", e.Message);
    }

    [Fact]
    public async Task A_cell_that_throws_fails_with_notebook_cell_and_error()
    {
        var e = await Assert.ThrowsAsync<NotebookCellException>(() => NotebookRunner.RunAsync(TestSupport.Fixture("notebooks/broken-runtime.ipynb")));
        Assert.Equal(3, e.Cell);
        Assert.StartsWith("InvalidOperationException: Sequence contains no matching element", e.Error);
    }

    [Fact]
    public async Task A_reference_to_a_missing_build_fails_before_anything_runs()
    {
        var e = await Assert.ThrowsAsync<NotebookCellException>(() => NotebookRunner.RunAsync(TestSupport.Fixture("notebooks/missing-reference.ipynb")));
        Assert.Equal(1, e.Cell);
        Assert.Contains("does not exist (build the solution first", e.Error);
    }
}
