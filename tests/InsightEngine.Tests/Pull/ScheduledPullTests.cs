using System.Text.Json;
using InsightEngine.Service.Hosting;
using InsightEngine.Service.Workers;
using InsightEngine.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InsightEngine.Tests.Pull;

/// <summary>The service pulls a configured source on its cron schedule (a fake clock) and reports it at /api/sources.</summary>
public sealed class ScheduledPullTests : IDisposable
{
    private readonly TempDir dir = new();

    [Fact]
    public async Task A_source_is_pulled_on_its_schedule_and_api_sources_shows_its_last_and_next_sync()
    {
        var standIn = new PagerDutyPullTests();
        await standIn.InitializeAsync();
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
            var db = Path.Combine(dir.Path, "service.duckdb");
            await using var host = await ServiceHost.StartAsync(dir.Path, db, clock, b => b.Services.AddSingleton(sp => new PullWorker(
                    sp.GetRequiredService<StoreGate>(), sp.GetRequiredService<IOptions<ServiceOptions>>(), clock, NullLogger<PullWorker>.Instance)
                { Environment = new Dictionary<string, string> { ["PAGERDUTY_TOKEN"] = "u+secret-token-123" } }),
                "--Insight:Sources:0:Source=pagerduty", "--Insight:Sources:0:Schedule=*/15 * * * *", $"--Insight:Sources:0:ApiUrl={standIn.Url}",
                "--Insight:Sources:0:FirstPullDays=365");

            var before = JsonDocument.Parse(await host.Client.GetStringAsync("/api/sources")).RootElement[0].Clone();
            Assert.Equal("pagerduty", before.GetProperty("source").GetString());
            Assert.Equal(DateTimeOffset.Parse("2026-11-03T10:15:00Z", System.Globalization.CultureInfo.InvariantCulture), before.GetProperty("next_sync").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Null, before.GetProperty("last_sync").ValueKind);

            clock.Advance(TimeSpan.FromMinutes(15));
            // Polled with a generous bound: the pull runs on the service's own thread.
            JsonElement after = default;
            for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(50))
            {
                after = JsonDocument.Parse(await host.Client.GetStringAsync("/api/sources")).RootElement[0].Clone();
                if (after.GetProperty("last_sync").ValueKind != JsonValueKind.Null && !after.GetProperty("running").GetBoolean()) break;
            }
            Assert.NotEqual(JsonValueKind.Null, after.GetProperty("last_sync").ValueKind);

            Assert.Equal(DateTimeOffset.Parse("2026-11-03T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture), after.GetProperty("next_sync").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Null, after.GetProperty("last_error").ValueKind);
            var incidents = after.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("stream").GetString() == "incidents");
            Assert.Equal(standIn.IncidentCount, incidents.GetProperty("records").GetInt64());
            Assert.DoesNotContain("secret", await host.Client.GetStringAsync("/api/sources"), StringComparison.Ordinal);
            // The dashboard's section shows the same (rendered here from the worker's statuses: the page itself costs a weekly review).
            var worker = host.App.Services.GetRequiredService<PullWorker>();
            var html = InsightEngine.Reports.Rendering.HtmlRenderer.Render(new InsightEngine.Reports.Document.ReportDocument("t", "t", "",
                [InsightEngine.Service.Dashboard.DashboardPage.Sources(worker.Statuses)]));
            Assert.Contains("pagerduty", html, StringComparison.Ordinal);
            Assert.Contains(" new, 0 updated", html, StringComparison.Ordinal);
            Assert.Contains("2026-11-03 10:30 UTC", html, StringComparison.Ordinal);
        }
        finally
        {
            await standIn.DisposeAsync();
        }
    }

    public void Dispose() => dir.Dispose();
}
