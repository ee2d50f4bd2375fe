using InsightEngine.Import;
using InsightEngine.Import.Csv;

namespace InsightEngine.Tests.Import;

public class DetectionTests
{
    [Theory]
    [InlineData("pagerduty/analytics-incidents.csv", "pagerduty-incidents-csv")]
    [InlineData("pagerduty/legacy-raw-incidents.csv", "pagerduty-incidents-csv")]
    [InlineData("opsgenie/alerts.csv", "opsgenie-alerts-csv")]
    public void Detect_picks_the_format_from_the_header(string fixture, string expected)
    {
        var path = TestSupport.Fixture(fixture);
        Assert.Equal(expected, FormatDetector.Detect(fixture, CsvHeader.Read(path)).Id);
    }

    [Fact]
    public void Header_names_match_in_any_spelling_and_a_bom_is_ignored()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "og.csv", "\uFEFFTiny ID,Alert ID,Alias,Message,Status,Created At,Priority,Count,Tags\n1,a,x,m,open,2026-01-01T00:00:00Z,P1,1,\n");
        var header = CsvHeader.Read(path);
        Assert.Equal("Tiny ID", header.Names[0]);
        Assert.Equal("opsgenie-alerts-csv", FormatDetector.Detect("og.csv", header).Id);
    }

    [Fact]
    public void Semicolon_separated_files_are_read()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "pd.csv", "id;created_at;service_name;urgency;status\nP1;2026-01-01T00:00:00Z;api;high;resolved\n");
        Assert.Equal(';', CsvHeader.Read(path).Delimiter);
    }

    [Fact]
    public void An_unknown_header_lists_what_it_saw_and_every_known_format()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "weird.csv", "foo,bar,baz\n1,2,3\n");
        var e = Assert.Throws<ImportException>(() => FormatDetector.Detect("weird.csv", CsvHeader.Read(path)));
        Assert.Equal(1, e.Line);
        Assert.Contains("foo, bar, baz", e.Message);
        foreach (var format in FormatCatalog.All.Where(f => f is not InsightEngine.Import.Json.JsonImportFormat)) Assert.Contains(format.Id, e.Message);
        Assert.Contains("--source", e.Message);
    }

    [Fact]
    public void A_header_that_fits_two_formats_equally_is_ambiguous()
    {
        using var dir = new TempDir();
        var columns = FormatCatalog.All.SelectMany(f => f.Bindings.SelectMany(b => b.Columns)).Distinct(StringComparer.OrdinalIgnoreCase);
        var path = TestSupport.WriteFile(dir, "both.csv", string.Join(",", columns) + "\n");
        var e = Assert.Throws<ImportException>(() => FormatDetector.Detect("both.csv", CsvHeader.Read(path)));
        Assert.Contains("more than one format", e.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\n\n", "blank")]
    public void Empty_files_are_refused(string content, string expected)
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "e.csv", content);
        var e = Assert.Throws<ImportException>(() => CsvHeader.Read(path));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_header_in_windows_1252_is_read_after_transcoding()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "w.csv");
        File.WriteAllBytes(path, [.. "id,created_at,descr"u8, 0x85, .. "\n"u8]);
        Assert.Equal("Windows-1252", InsightEngine.Import.Files.ExportText.Inspect(path, "w.csv").Encoding);
        using var prepared = InsightEngine.Import.Files.PreparedExport.For(path, "w.csv");
        Assert.Equal("descr\u2026", CsvHeader.Read(prepared.ReadPath, "w.csv").Names[2]);
    }
}
