using System.Text.Json;

namespace InsightEngine.Tests.Reports;

/// <summary><c>insight report weekly | maturity | noise</c> over the committed sample: files, formats, the same numbers as <c>insight metrics</c>, bad input.</summary>
public sealed class ReportCliTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    private string Out => Path.Combine(dir.Path, "out");

    public void Dispose() => dir.Dispose();

    [SlowFact]
    public async Task Each_report_writes_html_markdown_with_charts_and_json()
    {
        TestSupport.ImportSample(Db);
        var weekly = await TestSupport.RunCli("report", "weekly", "--db", Db, "--week", "2026-W40", "--timezone", "Europe/Berlin", "--out", Out);
        Assert.True(weekly.Code == 0, weekly.Err);
        var html = Path.Combine(Out, "weekly-review-2026-W40.html");
        Assert.Contains($"wrote {html}", weekly.Out);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(html));

        var md = await TestSupport.RunCli("report", "weekly", "--db", Db, "--week", "2026-W40", "--format", "md", "--out", Out, "--no-learning");
        Assert.Equal(0, md.Code);
        var markdown = await File.ReadAllTextAsync(Path.Combine(Out, "weekly-review-2026-W40.md"));
        Assert.Contains("](weekly-review-2026-W40-charts/trend-incidents.png)", markdown);
        Assert.True(File.Exists(Path.Combine(Out, "weekly-review-2026-W40-charts", "trend-incidents.png")));
        Assert.DoesNotContain("forecast-incidents.png", markdown);
        Assert.Contains("not run for this review (--no-learning)", markdown);

        foreach (var report in new[] { "maturity", "noise" })
        {
            var r = await TestSupport.RunCli("report", report, "--db", Db, "--out", Out, "--format", "md");
            Assert.True(r.Code == 0, r.Err);
        }
        Assert.Single(Directory.GetFiles(Out, "maturity-assessment-*.md"));
        Assert.Single(Directory.GetFiles(Out, "noise-report-*.md"));
        Assert.Empty(Directory.GetFiles(Out, "*.tmp-*", SearchOption.AllDirectories));
    }

    [SlowFact]
    public async Task Weekly_json_gives_the_numbers_insight_metrics_gives_for_the_same_week()
    {
        TestSupport.ImportSample(Db);
        var report = await TestSupport.RunCli("report", "weekly", "--db", Db, "--week", "2026-W40", "--timezone", "Europe/Berlin", "--format", "json", "--no-learning");
        Assert.True(report.Code == 0, report.Err);
        using var review = JsonDocument.Parse(report.Out);
        var from = review.RootElement.GetProperty("from").GetString()!;
        var to = review.RootElement.GetProperty("to").GetString()!;

        var metrics = await TestSupport.RunCli("metrics", "response", "--db", Db, "--from", from, "--to", to, "--timezone", "Europe/Berlin", "--format", "json");
        Assert.True(metrics.Code == 0, metrics.Err);
        using var response = JsonDocument.Parse(metrics.Out);
        Assert.Equal(Compact(response.RootElement.GetProperty("rows")), Compact(review.RootElement.GetProperty("response").GetProperty("rows")));

        var noisy = await TestSupport.RunCli("metrics", "noisy-alerts", "--db", Db, "--from", from, "--to", to, "--timezone", "Europe/Berlin", "--top", "10", "--format", "json");
        using var noisyJson = JsonDocument.Parse(noisy.Out);
        Assert.Equal(Compact(noisyJson.RootElement.GetProperty("rows")), Compact(review.RootElement.GetProperty("noisy_alerts").GetProperty("rows")));
        Assert.NotEqual("[]", Compact(noisyJson.RootElement.GetProperty("rows")));
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    [Theory]
    [InlineData("--week", "2026-W60", "--week '2026-W60' is not an ISO week")]
    [InlineData("--format", "pdf", "pdf")]
    [InlineData("--top", "0", "--top 0 must be at least 1")]
    [InlineData("--timezone", "Mars/Olympus", "timezone 'Mars/Olympus' is not a known time zone")]
    public async Task Bad_options_fail_with_a_message_naming_them(string option, string value, string message)
    {
        var result = await TestSupport.RunCli("report", "weekly", "--db", Db, option, value);
        Assert.NotEqual(0, result.Code);
        Assert.Contains(message, result.Err);
    }
}
