using System.Net;
using InsightEngine.Store;
using InsightEngine.Tests.Service;

namespace InsightEngine.Tests.Store;

/// <summary>
/// A database another process holds (a CLI import, a long query, the service answering a request): every surface
/// says who holds it and what to do, waits when asked, and loses nothing; the service answers 503 and stays up.
/// </summary>
public sealed class BusyStoreTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    public void Dispose() => dir.Dispose();

    private void CreateStore()
    {
        using var store = InsightStore.Open(Db);
        new InsightEngine.Import.Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));
    }

    [SlowFact]
    public async Task Opening_a_held_store_names_the_holder_and_waiting_gets_in_once_it_lets_go()
    {
        CreateStore();
        var holder = await OtherProcess.HoldingAsync(Db);
        try
        {
            var e = Assert.Throws<StoreBusyException>(() => InsightStore.Open(Db));
            Assert.Equal(holder.Id, e.HolderProcessId);
            Assert.Contains($"PID {holder.Id}: dotnet insight.dll shell", e.Message);
            Assert.DoesNotContain("DuckDB", e.Message);

            // The CLI: exit 75 (try again later), what holds it, and --wait.
            var (code, _, err) = await TestSupport.RunCli("import", TestSupport.Fixture("opsgenie/alerts.csv"), "--db", Db);
            Assert.Equal(75, code);
            Assert.Contains($"PID {holder.Id}", err);
            Assert.Contains("--wait", err);
            Assert.DoesNotContain("Could not set lock", err);

            // Waiting: the open goes through once the holder has let go.
            var waiting = Task.Run(() => StoreOpening.Retry(() => InsightStore.Open(Db), TimeSpan.FromMinutes(3)));
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);
            Assert.Equal(0, await holder.ExitAsync());
            using var store = await waiting;
            Assert.Equal(4, store.Scalar<long>("SELECT count(*) FROM alerts"));
        }
        finally
        {
            holder.Dispose();
        }
    }

    [SlowFact]
    public async Task The_service_answers_503_with_retry_after_keeps_uploads_and_retries_inbox_files_while_another_process_holds_the_store()
    {
        CreateStore();
        var inbox = Path.Combine(dir.Path, "inbox");
        await using var host = await ServiceHost.StartAsync(dir.Path, Db, null,
            "--Insight:StoreWaitSeconds=0", "--Insight:InboxBusyAttempts=1000", "--Insight:WeeklyReview:Enabled=false");
        var holder = await OtherProcess.HoldingAsync(Db);
        try
        {
            // A read: 503, the reason, Retry-After.
            using (var response = await host.Client.GetAsync("/api/metrics/response"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains($"PID {holder.Id}", await response.Content.ReadAsStringAsync());
            }

            // An upload: 503, and the file is in failed/ with its reason, not stranded in uploads/.
            using (var upload = new HttpRequestMessage(HttpMethod.Post, "/api/imports?name=og.csv"))
            {
                upload.Headers.Add("X-Api-Key", "test-key");
                upload.Content = new ByteArrayContent(await File.ReadAllBytesAsync(TestSupport.Fixture("opsgenie/alerts.csv")));
                using var response = await host.Client.SendAsync(upload);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
            }
            Assert.Empty(Directory.GetFiles(Path.Combine(inbox, "uploads")));
            var failed = Assert.Single(Directory.GetFiles(Path.Combine(inbox, "failed"), "*.error.txt"));
            Assert.Contains("in use by another process", await File.ReadAllTextAsync(failed));

            // An inbox file waits where it is while the store is held...
            File.Copy(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), Path.Combine(inbox, "pd.csv"));
            await holder.UntilAsync(() => !File.Exists(Path.Combine(inbox, "processed", "pd.csv")) && ServiceLogSaw(host), "the inbox to try the file");
            Assert.True(File.Exists(Path.Combine(inbox, "pd.csv")));
            Assert.Equal(0, await holder.ExitAsync());

            // ...and is imported at a later scan once it is free; the service stayed up throughout.
            await OtherProcess.Until(() => File.Exists(Path.Combine(inbox, "processed", "pd.csv")), "the inbox to import the file once the store is free");
            using var ok = await host.Client.GetAsync("/api/metrics/response");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        finally
        {
            holder.Dispose();
        }
    }

    /// <summary>True once the inbox has tried at least once (its busy count is kept by the processor).</summary>
    private static bool ServiceLogSaw(ServiceHost host) =>
        host.App.Services.GetService(typeof(InsightEngine.Service.Workers.InboxProcessor)) is InsightEngine.Service.Workers.InboxProcessor p && p.BusyTries > 0;

    [Fact]
    public async Task An_inbox_file_that_never_gets_the_store_ends_in_failed_with_the_reason()
    {
        var inbox = Path.Combine(dir.Path, "inbox");
        Directory.CreateDirectory(inbox);
        var file = Path.Combine(inbox, "og.csv");
        File.Copy(TestSupport.Fixture("opsgenie/alerts.csv"), file);
        var processor = new InsightEngine.Service.Workers.InboxProcessor(new BusyGate(), Microsoft.Extensions.Options.Options.Create(
            new InsightEngine.Service.Hosting.ServiceOptions { Inbox = inbox, InboxBusyAttempts = 3 }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<InsightEngine.Service.Workers.InboxProcessor>.Instance);

        for (var attempt = 1; attempt < 3; attempt++)
        {
            var waiting = await processor.ProcessAsync(file, null, CancellationToken.None, retryWhenBusy: true);
            Assert.True(waiting.Busy);
            Assert.True(File.Exists(file));
        }
        var outcome = await processor.ProcessAsync(file, null, CancellationToken.None, retryWhenBusy: true);
        Assert.False(File.Exists(file));
        Assert.Equal(Path.Combine(inbox, "failed", "og.csv"), outcome.MovedTo);
        Assert.Contains("tried 3 times", await File.ReadAllTextAsync(outcome.MovedTo + ".error.txt"));
    }

    /// <summary>A gate whose store is always held by another process.</summary>
    private sealed class BusyGate : InsightEngine.Service.Hosting.IImportGate
    {
        public Task<IReadOnlyList<InsightEngine.Import.ImportOutcome>> ImportAsync(string file, InsightEngine.Import.ImportOptions importOptions, CancellationToken cancellationToken) =>
            throw new StoreBusyException("test.duckdb", "PID 1: dotnet insight.dll import", 1);
    }
}
