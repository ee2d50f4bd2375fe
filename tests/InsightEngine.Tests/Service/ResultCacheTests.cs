using System.Text.Json;
using InsightEngine.Import;
using InsightEngine.Service.Hosting;
using InsightEngine.Store;
using Microsoft.Extensions.DependencyInjection;

namespace InsightEngine.Tests.Service;

/// <summary>
/// The service's result cache: an answer is served again without recomputing it while the data version holds, and never
/// after it moves — whether the service itself or another process wrote the data; an unchanged re-import keeps it.
/// </summary>
public sealed class ResultCacheTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir dir = new();
    private ServiceHost host = null!;

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    public async Task InitializeAsync()
    {
        TestSupport.ImportSample(Db);
        host = await ServiceHost.StartAsync(dir.Path, Db, null, "--Insight:WeeklyReview:Enabled=false");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => dir.Dispose();

    private async Task<(string Body, bool Cached)> Get(string url)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // The output cache stamps what it serves from memory with its age.
        return (await response.Content.ReadAsStringAsync(), response.Headers.Age is not null);
    }

    private static long Alerts(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("group").GetString() == "all").GetProperty("alerts").GetInt64();
    }

    private Task Upload(string fixture, string name) => Upload(host, fixture, name);

    private static async Task Upload(ServiceHost host, string fixture, string name)
    {
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/imports?name={name}")
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(TestSupport.Fixture(fixture))),
        };
        upload.Headers.Add(ApiKeyMiddleware.Header, "test-key");
        using var response = await host.Client.SendAsync(upload);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_answer_is_kept_until_the_data_changes_by_the_service_or_another_process()
    {
        const string url = "/api/metrics/noise?by=all";
        var (first, firstCached) = await Get(url);
        var (second, secondCached) = await Get(url);
        Assert.False(firstCached);
        Assert.True(secondCached);
        Assert.Equal(first, second);
        var (other, otherCached) = await Get(url + "&flap_count=2");   // another query: its own answer
        Assert.False(otherCached);
        Assert.NotEqual(first, other);

        // An import through the service moves the data version: the next answer is computed again and counts the new alerts.
        await Upload("opsgenie/alerts.csv", "alerts.csv");
        var (afterUpload, afterUploadCached) = await Get(url);
        Assert.False(afterUploadCached);
        Assert.True(Alerts(afterUpload) > Alerts(first));

        // The same file again writes nothing: the data version, and so the kept answer, stay.
        await Upload("opsgenie/alerts.csv", "alerts.csv");
        Assert.Equal((afterUpload, true), await Get(url));

        // Another writer (a CLI import between two requests) is seen too, by the database files it changed.
        using (var store = InsightStore.Open(Db))
            new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts-api.json"));
        var (afterCli, afterCliCached) = await Get(url);
        Assert.False(afterCliCached);
        Assert.True(Alerts(afterCli) > Alerts(afterUpload));
    }

    [Fact]
    public async Task The_service_warms_the_dashboard_at_start_and_after_an_import_that_changed_data()
    {
        using var other = new TempDir();
        var db = Path.Combine(other.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        await using var warm = await ServiceHost.StartAsync(other.Path, db, null, "--Insight:WeeklyReview:Enabled=false", "--Insight:WarmCache=true");
        var warmer = warm.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<InsightEngine.Service.Workers.CacheWarmer>().Single();
        await Until(() => warmer.Rounds >= 1);
        using (var page = await warm.Client.GetAsync("/"))
            Assert.NotNull(page.Headers.Age);   // the very first visitor is served the kept page

        await Upload(warm, "opsgenie/alerts.csv", "alerts.csv");
        await Until(() => warmer.Rounds >= 2);
        using var response = await warm.Client.GetAsync("/api/metrics/response?by=severity");
        Assert.NotNull(response.Headers.Age);
    }

    /// <summary>Polls with a generous bound (a loaded 2-core machine), never a fixed sleep.</summary>
    private static async Task Until(Func<bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), "the cache warmer did not finish within 120 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_dashboard_is_kept_too_and_errors_never_are()
    {
        var (page, _) = await Get("/");
        Assert.Equal((page, true), await Get("/"));
        using var bad = await host.Client.GetAsync("/api/metrics/response?from=not-a-date");
        using var badAgain = await host.Client.GetAsync("/api/metrics/response?from=not-a-date");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badAgain.StatusCode);
        Assert.Null(badAgain.Headers.Age);
    }
}
