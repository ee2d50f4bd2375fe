using InsightEngine.Store;
using Microsoft.Extensions.Time.Testing;

namespace InsightEngine.Tests.Service;

/// <summary>The hosted workers: the inbox imports files as they land and across a restart; the weekly review runs on a fake clock.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// Polls until <paramref name="condition"/> holds. The bound is generous (three minutes) on purpose: a loaded 2-core
    /// machine can take many seconds for a scan and an import, and a flaky test is a bug; a passing run polls briefly.
    /// </summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(100);
        Assert.True(condition(), $"timed out waiting for {what}");
    }

    [Fact]
    public async Task Inbox_files_are_imported_moved_and_idempotent_across_a_restart()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var inbox = Path.Combine(dir.Path, "inbox");
        Directory.CreateDirectory(inbox);
        File.Copy(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), Path.Combine(inbox, "pd.csv"));
        await File.WriteAllTextAsync(Path.Combine(inbox, "broken.csv"), "garbage,data\n1,2\n");
        await File.WriteAllTextAsync(Path.Combine(inbox, "notes.txt"), "not an export");

        await using (var host = await ServiceHost.StartAsync(dir.Path, Db, clock, "--Insight:WeeklyReview:Enabled=false"))
        {
            await Until(() => File.Exists(Path.Combine(inbox, "processed", "pd.csv")) && File.Exists(Path.Combine(inbox, "failed", "broken.csv.error.txt")), "the first scan");
            Assert.Contains("no known format matches this header", await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "broken.csv.error.txt")));
            Assert.True(File.Exists(Path.Combine(inbox, "notes.txt")));   // not an export: left alone

            // A file that lands later is picked up on the next scan.
            File.Copy(TestSupport.Fixture("opsgenie/alerts.csv"), Path.Combine(inbox, "og.csv"));
            clock.Advance(TimeSpan.FromSeconds(1));
            await Until(() => File.Exists(Path.Combine(inbox, "processed", "og.csv")), "the second scan");
        }

        // After a restart the same export lands again: it imports as unchanged (nothing counted twice) and is kept apart.
        File.Copy(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), Path.Combine(inbox, "pd.csv"));
        await using (var host = await ServiceHost.StartAsync(dir.Path, Db, clock, "--Insight:WeeklyReview:Enabled=false"))
            await Until(() => Directory.GetFiles(Path.Combine(inbox, "processed"), "pd*.csv").Length == 2, "the re-import after the restart");

        using var store = InsightStore.Open(Db);
        Assert.Equal(5, store.Scalar<long>("SELECT count(*) FROM incidents"));
        Assert.Equal(4, store.Scalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal([5L, 0], store.Query("SELECT inserted FROM import_batches WHERE source = 'pagerduty' ORDER BY batch_id", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task A_file_still_growing_waits_until_it_settles()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var inbox = Path.Combine(dir.Path, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllTextAsync(Path.Combine(inbox, "pd.csv"), (await File.ReadAllTextAsync(TestSupport.Fixture("pagerduty/analytics-incidents.csv")))[..200]);
        await using var host = await ServiceHost.StartAsync(dir.Path, Db, clock, "--Insight:WeeklyReview:Enabled=false", "--Insight:InboxSettleSeconds=3");
        await Task.Delay(500);
        Assert.True(File.Exists(Path.Combine(inbox, "pd.csv")));           // seen once: not yet settled
        File.Copy(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), Path.Combine(inbox, "pd.csv"), overwrite: true);   // it grew
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(200);
        }
        await Until(() => File.Exists(Path.Combine(inbox, "processed", "pd.csv")), "the settled file");
        using var store = InsightStore.Open(Db);
        Assert.Equal(5, store.Scalar<long>("SELECT count(*) FROM incidents"));
    }

    [SlowFact]
    public async Task The_weekly_review_is_written_on_monday_morning_by_the_fake_clock()
    {
        TestSupport.ImportSample(Db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-08T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));   // a Sunday
        await using var host = await ServiceHost.StartAsync(dir.Path, Db, clock, "--Insight:WeeklyReview:TimeZone=Europe/Berlin", "--Insight:WeeklyReview:Time=06:00");
        await Task.Delay(300);
        Assert.False(Directory.Exists(host.Reports) && Directory.GetFiles(host.Reports).Length > 0);
        clock.Advance(TimeSpan.FromHours(17));     // Monday 05:00 UTC = 06:00 in Berlin
        await Until(() => File.Exists(Path.Combine(host.Reports, "weekly-review-2026-W45.html")), "the scheduled review");
        Assert.True(File.Exists(Path.Combine(host.Reports, "weekly-review-2026-W45.md")));
        var listed = await host.Client.GetStringAsync("/api/reports");
        Assert.Contains("/reports/weekly-review-2026-W45.html", listed);
        Assert.Contains("Weekly operational review 2026-W45", await host.Client.GetStringAsync("/reports/weekly-review-2026-W45.html"));
    }

    [Theory]
    [InlineData("2026-11-08T12:00:00Z", "2026-11-09T05:00:00Z")]   // Sunday noon -> Monday 06:00 CET
    [InlineData("2026-11-09T05:00:00Z", "2026-11-16T05:00:00Z")]   // exactly at the time -> next week
    [InlineData("2026-03-29T12:00:00Z", "2026-03-30T04:00:00Z")]   // the week the clocks go forward: 06:00 CEST
    public void The_schedule_is_in_its_zone_across_DST(string after, string expected)
    {
        var schedule = new InsightEngine.Service.Hosting.WeeklySchedule { TimeZone = "Europe/Berlin" };
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            schedule.Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary><c>insight serve</c>'s bad input.</summary>
public sealed class ServeCliTests
{
    [Fact]
    public async Task Serving_beyond_loopback_without_a_key_is_refused()
    {
        var result = await TestSupport.RunCli("serve", "--urls", "http://0.0.0.0:5098", "--db", ":memory:");
        Assert.NotEqual(0, result.Code);
        Assert.Contains("listens beyond loopback: set Insight:ApiKey", result.Err);
    }
}
