using InsightEngine.Reports;
using InsightEngine.Tests.Generation;
using Microsoft.Playwright;

namespace InsightEngine.Tests.Reports;

/// <summary>
/// The HTML reports opened in a real headless browser (Debian chromium, which .ci/run installs): they render, show
/// their charts, log no console error and make no network request.
/// </summary>
public sealed class BrowserTests(PlantedTruthTests.Sample sample) : IClassFixture<PlantedTruthTests.Sample>, IDisposable
{
    /// <summary>Debian's chromium; CHROMIUM_PATH overrides.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [SlowFact]
    public async Task Reports_render_offline_without_console_errors_or_requests()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH.");
        var request = new InsightEngine.Analysis.MetricRequest { Options = InsightEngine.Analysis.MetricOptions.Default with { TimeZone = sample.Truth.Generator.TimeZone } };
        var files = new[]
        {
            ReportFiles.Write(WeeklyReviewDocument.Create(WeeklyReviews.Build(sample.Store, new ReportOptions { Request = request })), "html", dir.Path),
            ReportFiles.Write(NoiseReportDocument.Create(NoiseReports.Build(sample.Store, new ReportOptions { Request = request })), "html", dir.Path),
            ReportFiles.Write(MaturityReportDocument.Create(InsightEngine.Maturity.Assessor.Assess(sample.Store, request, InsightEngine.Maturity.Rubric.Default())), "html", dir.Path),
        };

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        foreach (var file in files)
        {
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
            page.PageError += (_, e) => problems.Add($"page error: {e}");
            page.Request += (_, r) => requests.Add(r.Url);
            await page.GotoAsync(new Uri(file).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            Assert.Empty(problems);
            Assert.DoesNotContain(requests, u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("h1")));
            var images = await page.EvaluateAsync<int[]>("() => [...document.images].map(i => i.complete ? i.naturalWidth : 0)");
            Assert.NotEmpty(images);
            Assert.All(images, width => Assert.True(width > 0, $"{Path.GetFileName(file)}: a chart did not decode"));
            await page.CloseAsync();
        }
    }
}

/// <summary>The service's dashboard in headless chromium: headline figures and a chart are shown.</summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [SlowFact]
    public async Task Dashboard_shows_the_headline_figures_and_a_chart()
    {
        Assert.True(File.Exists(BrowserTests.Chromium), $"{BrowserTests.Chromium} is missing: .ci/run installs Debian's chromium.");
        var db = Path.Combine(dir.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        // The reporting zone is the settings' (insight.yaml); the dashboard and the API answer in it.
        var config = TestSupport.WriteFile(dir, "insight.yaml", "metrics:\n  timezone: Europe/Berlin\n");
        await using var host = await InsightEngine.Tests.Service.ServiceHost.StartAsync(dir.Path, db, null, "--Insight:WeeklyReview:Enabled=false", $"--Insight:Config={config}");
        using var deltas = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/metrics/deltas?timezone=Europe/Berlin"));
        var incidents = deltas.RootElement.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("figure").GetString() == "incidents").GetProperty("value").GetDouble();
        var week = deltas.RootElement.GetProperty("week").GetString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserTests.Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        var response = await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/").AbsoluteUri);
        Assert.Equal(200, response!.Status);
        Assert.Empty(problems);
        Assert.Contains(week!, await page.TextContentAsync("h1") ?? "");
        var card = page.Locator(".card", new() { HasText = "Incidents" }).First;
        Assert.Equal(incidents.ToString(System.Globalization.CultureInfo.InvariantCulture), (await card.Locator(".value").TextContentAsync())?.Trim());
        var charts = await page.EvaluateAsync<int[]>("() => [...document.images].map(i => i.complete ? i.naturalWidth : 0)");
        Assert.NotEmpty(charts);
        Assert.All(charts, w => Assert.True(w > 0));
        Assert.True(await page.Locator("a[href^='/api/reports/noise']").CountAsync() == 1);
    }
}
