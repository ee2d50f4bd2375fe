using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Import.PagerDuty;
using InsightEngine.Pull;
using InsightEngine.Store;
using Microsoft.AspNetCore.Http;

namespace InsightEngine.Tests.Pull;

/// <summary>
/// <c>insight pull pagerduty</c> against a stand-in PagerDuty REST API on loopback serving the sample's incidents and log
/// entries in PagerDuty's page shape (offset / limit / more, since / until on creation time), with faults.
/// </summary>
public sealed class PagerDutyPullTests : IAsyncLifetime
{
    private static readonly string Sample = Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data", "pagerduty");
    private static readonly Dictionary<string, string> Environment = new() { ["PAGERDUTY_TOKEN"] = "u+secret-token-123" };

    private readonly List<JsonObject> incidents = Load("incidents-api.json", "incidents");
    private readonly List<JsonObject> logEntries = Load("log-entries-api.json", "log_entries");
    private StandInApi api = null!;

    /// <summary>At most this many records per page, whatever the client asks (PagerDuty may return fewer).</summary>
    private int serverPageSize = 100;

    /// <summary>Serve every record whatever since / until say (a recording or proxy that does not filter).</summary>
    private bool ignoreWindow;

    public async Task InitializeAsync() => api = await new StandInApi(Serve).StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    /// <summary>The stand-in's address (for the service's source settings).</summary>
    internal Uri Url => api.Url;

    /// <summary>How many incidents the stand-in serves.</summary>
    internal long IncidentCount => incidents.Count;

    private static List<JsonObject> Load(string file, string property) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Sample, file)))![property]!.AsArray().Select(n => n!.AsObject()).ToList();

    /// <summary>GET /incidents and /log_entries as PagerDuty pages them.</summary>
    private Task Serve(HttpContext c)
    {
        if (c.Request.Headers.Authorization != $"Token token={Environment["PAGERDUTY_TOKEN"]}")
        {
            c.Response.StatusCode = 401;
            return c.Response.WriteAsync("{\"error\":{\"message\":\"Unauthorized\",\"code\":2006}}");
        }
        var (records, property) = c.Request.Path.Value switch
        {
            "/incidents" => (incidents, "incidents"),
            "/log_entries" => (logEntries, "log_entries"),
            _ => (null, ""),
        };
        if (records is null)
        {
            c.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        var since = DateTimeOffset.Parse(c.Request.Query["since"]!, CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(c.Request.Query["until"]!, CultureInfo.InvariantCulture);
        var limit = int.Parse(c.Request.Query["limit"]!, CultureInfo.InvariantCulture);
        var offset = int.Parse(c.Request.Query["offset"]!, CultureInfo.InvariantCulture);
        var inRange = records.Where(r => ignoreWindow || (Created(r) >= since && Created(r) < until)).OrderBy(Created).ToList();
        var page = inRange.Skip(offset).Take(Math.Min(limit, serverPageSize)).ToList();
        var body = new JsonObject
        {
            [property] = new JsonArray(page.Select(r => (JsonNode)r.DeepClone()).ToArray()),
            ["limit"] = limit, ["offset"] = offset, ["more"] = offset + page.Count < inRange.Count, ["total"] = null,
        };
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync(body.ToJsonString());
    }

    private static DateTimeOffset Created(JsonObject r) => DateTimeOffset.Parse((string)r["created_at"]!, CultureInfo.InvariantCulture);

    private PullOptions Options(string? since = "2026-01-01T00:00:00Z") => new()
    {
        ApiUrl = api.Url,
        Since = since is null ? null : DateTimeOffset.Parse(since, CultureInfo.InvariantCulture),
        Until = DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static Task<PullResult> Pull(InsightStore store, PullOptions options) =>
        new Puller(store).RunAsync(new PagerDutyApi(), options, Environment, new ImportOptions());

    [Fact]
    public async Task A_pull_gives_exactly_the_figures_an_import_of_the_same_records_from_files_gives()
    {
        serverPageSize = 25;   // fewer than the client asks for: the offset follows what came back
        using var pulled = TestSupport.MemoryStore();
        var result = await Pull(pulled, Options());

        using var imported = TestSupport.MemoryStore();
        var importer = new Importer(imported);
        importer.ImportFile(Path.Combine(Sample, "incidents-api.json"));
        importer.ImportFile(Path.Combine(Sample, "log-entries-api.json"));

        Assert.Equal((long)incidents.Count, result.Streams.Single(s => s.Stream == "incidents").Inserted);
        Assert.Equal((long)logEntries.Count, result.Streams.Single(s => s.Stream == "log_entries").Inserted);
        Assert.True(result.Streams[0].Pages > incidents.Count / 25, "the server's short pages were all followed");
        string Figures(InsightStore s) => JsonSerializer.Serialize(
            Response.Compute(new AnalysisSession(s), new MetricRequest { By = "severity", AsOf = DateTimeOffset.Parse("2026-11-30T00:00:00Z", CultureInfo.InvariantCulture) }).Rows);
        Assert.Equal(Figures(imported), Figures(pulled));
        Assert.Equal(TestSupport.Dump(imported, "incidents", "external_id", "first_batch_id, last_batch_id"),
            TestSupport.Dump(pulled, "incidents", "external_id", "first_batch_id, last_batch_id"));
        // The credential went in the header, never in a URL, and nowhere in the store.
        Assert.All(api.Requests, r => Assert.DoesNotContain("secret", r, StringComparison.Ordinal));
        Assert.Equal(0, pulled.Scalar<long>("SELECT count(*) FROM pull_cursors WHERE last_error LIKE '%secret%' OR account LIKE '%secret%'"));
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), pulled.Scalar<DateTime>("SELECT cursor_at FROM pull_cursors WHERE stream = 'incidents'"));
    }

    [Fact]
    public async Task Rate_limits_server_errors_hangs_and_cut_off_bodies_are_retried_and_nothing_is_lost()
    {
        using var store = TestSupport.MemoryStore();
        api.Faults.Enqueue(StandInApi.TooMany(retryAfter: 1));
        api.Faults.Enqueue(StandInApi.Status(500));
        api.Faults.Enqueue(StandInApi.Status(503));
        api.Faults.Enqueue(StandInApi.CutOff);
        api.Faults.Enqueue(StandInApi.Hang);

        var result = await Pull(store, Options() with { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(logEntries.Count, store.Scalar<int>("SELECT count(*) FROM timeline_events"));
        Assert.True(result.Requests >= 5);
    }

    [Fact]
    public async Task A_refused_token_names_the_variable_and_never_shows_the_token()
    {
        using var store = TestSupport.MemoryStore();
        var e = await Assert.ThrowsAsync<PullException>(() =>
            new Puller(store).RunAsync(new PagerDutyApi(), Options(), new Dictionary<string, string> { ["PAGERDUTY_TOKEN"] = "wrong-secret" }));

        Assert.Contains("check PAGERDUTY_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);   // a 401 is not retried
        Assert.Contains("check PAGERDUTY_TOKEN", store.Scalar<string>("SELECT last_error FROM pull_cursors"), StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<PullException>(() => new Puller(store).RunAsync(new PagerDutyApi(), Options(), new Dictionary<string, string>()));
        Assert.StartsWith("PAGERDUTY_TOKEN is not set", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_stopped_halfway_resumes_without_duplicates_or_gaps_and_a_second_pull_fetches_only_what_changed()
    {
        using var store = TestSupport.MemoryStore();
        // The server fails for good after a few pages: the pull stops with what it committed, window by window.
        var options = Options() with { Retries = 0 };
        var served = 0;
        var failing = true;
        await using var flaky = await new StandInApi(c =>
        {
            if (failing && ++served > 7) return StandInApi.Status(502)(c);
            return Serve(c);
        }).StartAsync();
        await Assert.ThrowsAsync<PullException>(() => Pull(store, options with { ApiUrl = flaky.Url }));
        var partial = store.Scalar<int>("SELECT count(*) FROM incidents");
        Assert.InRange(partial, 1, incidents.Count - 1);
        var cursor = store.Scalar<DateTime?>("SELECT cursor_at FROM pull_cursors WHERE stream = 'incidents'");

        // Resumed without --since: from the cursor less the overlap; every incident lands once.
        failing = false;
        await Pull(store, options with { ApiUrl = flaky.Url, Since = null });
        Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(DISTINCT external_id) FROM incidents"));
        Assert.Equal(logEntries.Count, store.Scalar<int>("SELECT count(*) FROM timeline_events"));
        Assert.NotNull(cursor);

        // A record changed at the source (resolved later): the next pull asks only for the overlap before the cursor and updates it in place.
        var last = incidents.OrderBy(Created).Last();
        last["status"] = "resolved";
        last["resolved_at"] = PullWindows.Iso(Created(last).AddHours(2));
        flaky.Requests.Clear();
        var again = await Pull(store, options with { ApiUrl = flaky.Url, Since = null, Overlap = TimeSpan.FromDays(60) });
        var stream = again.Streams.Single(s => s.Stream == "incidents");
        Assert.Equal(1, stream.Updated);
        Assert.Equal(0, stream.Inserted);
        Assert.Equal(DateTimeOffset.Parse("2026-10-02T00:00:00Z", CultureInfo.InvariantCulture), stream.From);   // the cursor (2026-12-01) less 60 days
        Assert.Equal("resolved", store.Scalar<string>("SELECT status FROM incidents WHERE external_id = $id", ("id", (string)last["id"]!)));
        Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));
    }

    [Fact]
    public async Task The_cli_pulls_with_the_token_from_the_environment_and_a_second_pull_adds_nothing()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "pulled.duckdb");
        var env = new Dictionary<string, string> { ["PAGERDUTY_TOKEN"] = Environment["PAGERDUTY_TOKEN"] };
        string[] args = ["pull", "pagerduty", "--api-url", api.Url.ToString(), "--since", "2022-01-01", "--db", db, "--format", "json"];

        using (var first = InsightEngine.Tests.Store.OtherProcess.Start(env, args))
        {
            Assert.Equal(0, await first.ExitAsync());
            Assert.DoesNotContain("secret", first.Output, StringComparison.Ordinal);
        }
        using (var store = InsightStore.Open(db))
            Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));

        using var second = InsightEngine.Tests.Store.OtherProcess.Start(env, [.. args.Take(4), "--db", db, "--format", "json"]);
        Assert.Equal(0, await second.ExitAsync());
        var streams = JsonDocument.Parse(second.Output).RootElement.GetProperty("streams");
        Assert.All(streams.EnumerateArray(), s => Assert.Equal(0, s.GetProperty("inserted").GetInt64()));

        using var refused = InsightEngine.Tests.Store.OtherProcess.Start(new Dictionary<string, string> { ["PAGERDUTY_TOKEN"] = "nope-secret" }, args);
        Assert.Equal(1, await refused.ExitAsync());
        Assert.Contains("check PAGERDUTY_TOKEN", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("nope-secret", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_ignores_since_and_until_is_read_once_not_once_per_window()
    {
        ignoreWindow = true;
        using var store = TestSupport.MemoryStore();
        var result = await Pull(store, Options("2022-01-01T00:00:00Z"));

        Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(logEntries.Count, store.Scalar<int>("SELECT count(*) FROM timeline_events"));
        // One window's pages per stream (2 of incidents, 6 of log entries), not one listing per 30-day window since 2022.
        Assert.Equal(2 + 6, result.Requests);
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), store.Scalar<DateTime>("SELECT cursor_at FROM pull_cursors WHERE stream = 'log_entries'"));
    }

    [Fact]
    public async Task A_cli_pull_killed_mid_way_resumes_with_every_record_once()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "killed.duckdb");
        var served = 0;
        var hang = true;
        await using var slow = await new StandInApi(c => Interlocked.Increment(ref served) > 9 && Volatile.Read(ref hang) ? StandInApi.Hang(c) : Serve(c)).StartAsync();
        var env = new Dictionary<string, string> { ["PAGERDUTY_TOKEN"] = Environment["PAGERDUTY_TOKEN"] };

        using (var pull = InsightEngine.Tests.Store.OtherProcess.Start(env,
                   "pull", "pagerduty", "--api-url", slow.Url.ToString(), "--since", "2026-01-01", "--until", "2026-12-01", "--timeout", "10m", "--db", db))
        {
            // Nine pages answered, the tenth hangs: the process is killed while it waits, as a crash or kill -9 would stop it.
            await InsightEngine.Tests.Store.OtherProcess.Until(() => Volatile.Read(ref served) > 9, "the pull to reach the hanging page");
            pull.Kill();
        }
        int partial;
        using (var store = InsightStore.Open(db))
        {
            partial = store.Scalar<int>("SELECT count(*) FROM incidents");
            Assert.Equal(partial, store.Scalar<int>("SELECT count(DISTINCT external_id) FROM incidents"));
        }
        Assert.InRange(partial, 1, incidents.Count - 1);

        using (var store = InsightStore.Open(db))
        {
            Volatile.Write(ref hang, false);
            await Pull(store, Options(since: null) with { ApiUrl = slow.Url });   // the same account: its cursors
            Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(*) FROM incidents"));
            Assert.Equal(incidents.Count, store.Scalar<int>("SELECT count(DISTINCT external_id) FROM incidents"));
            Assert.Equal(logEntries.Count, store.Scalar<int>("SELECT count(*) FROM timeline_events"));
        }
    }
}
