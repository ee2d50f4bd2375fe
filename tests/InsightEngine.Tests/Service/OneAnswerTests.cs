using System.Text.Json;
using System.Text.Json.Nodes;
using InsightEngine.Analysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InsightEngine.Tests.Service;

/// <summary>
/// One answer: under one non-default settings file, the CLI, the API, the weekly review and the walkthroughs' page give
/// the same figure for every metric of the catalogue, each stating the thresholds it used; concurrent requests with
/// different thresholds get their own figures; a dropped request stops its work.
/// </summary>
public sealed class OneAnswerTests(OneAnswerTests.Fixture fixture) : IClassFixture<OneAnswerTests.Fixture>
{
    /// <summary>Every threshold and the zone away from its default.</summary>
    public const string Settings = """
        metrics:
          timezone: America/New_York
          auto_resolve_window: 20m
          actionable_min_open: 2m
          flap_count: 2
          flap_window: 30m
          business_hours: 09:00-17:00
          sleep_hours: 23:00-07:00
          recurrence_window: 14d
          postmortem_due: 7d
        import:
          statuses:
            servicenow:
              Working On Case: resolved
        """;

    /// <summary>The sample and a service started with the settings file.</summary>
    public sealed class Fixture : IAsyncLifetime, IDisposable
    {
        private readonly TempDir dir = new();

        public ServiceHost Host { get; private set; } = null!;

        public LogCapture Logs { get; } = new();

        /// <summary>Holds a marked request at the door until its client has gone (see the dropped-request test).</summary>
        public ClientGoneGate Gate { get; } = new();

        public string Db => Path.Combine(dir.Path, "insight.duckdb");

        public string Config => Path.Combine(dir.Path, "settings.yaml");

        public string Folder => dir.Path;

        public async Task InitializeAsync()
        {
            TestSupport.ImportSample(Db);
            await File.WriteAllTextAsync(Config, Settings);
            Host = await ServiceHost.StartAsync(dir.Path, Db, null, b =>
                {
                    b.Logging.AddProvider(Logs);
                    b.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(Gate);
                },
                $"--Insight:Config={Config}", "--Insight:WeeklyReview:Enabled=false", "--Logging:LogLevel:InsightEngine=Information");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();

        public void Dispose() => dir.Dispose();
    }

    private async Task<JsonNode> Cli(params string[] args)
    {
        var run = await TestSupport.RunCli([.. args, "--config", fixture.Config, "--db", fixture.Db]);
        Assert.True(run.Code == 0, string.Join(' ', args) + ": " + run.Err);
        return JsonNode.Parse(run.Out)!;
    }

    private async Task<JsonNode> Api(string url) => JsonNode.Parse(await fixture.Host.Client.GetStringAsync(url))!;

    private static void Same(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}\nexpected: {expected?.ToJsonString()[..Math.Min(600, expected.ToJsonString().Length)]}\nactual:   {actual?.ToJsonString()[..Math.Min(600, actual.ToJsonString().Length)]}");

    [SlowFact]
    public async Task Cli_api_metrics_all_and_the_walkthrough_page_give_every_metric_the_same_figures()
    {
        var all = await Cli("metrics", "all", "--format", "json");
        var notebook = WalkthroughFigures();
        foreach (var metric in MetricCatalog.All)
        {
            var cli = await Cli("metrics", metric.Name, "--format", "json");
            var api = await Api($"/api/metrics/{metric.Name}");
            Same(cli["rows"], api["rows"], $"{metric.Name}: CLI vs API");
            Same(cli["rows"], all![metric.Name]!["rows"], $"{metric.Name}: CLI vs metrics all");
            Same(cli["rows"], notebook[metric.Name]!["rows"], $"{metric.Name}: CLI vs walkthrough page");
            if (metric.Name == "deltas") Same(cli["weeks"], api["weeks"], "deltas weeks: CLI vs API");
            // Each states the thresholds and zone it was computed with: the file's.
            foreach (var scope in new[] { cli["scope"]!, api["scope"]!, notebook[metric.Name]!["scope"]! })
            {
                Assert.Equal("America/New_York", (string?)scope["settings"]!["timezone"]);
                Assert.Equal("2", (string?)scope["settings"]!["flap_count"]);
                Assert.Equal("14d", (string?)scope["settings"]!["recurrence_window"]);
                Assert.Equal("09:00-17:00", (string?)scope["settings"]!["business_hours"]);
            }
        }
    }

    [Fact]
    public async Task The_weekly_review_carries_the_metrics_own_figures_for_its_week()
    {
        var review = await Cli("report", "weekly", "--format", "json", "--no-learning");
        var api = await Api("/api/reports/weekly?format=json&learning=false");
        Same(review, api, "weekly review: CLI vs API");

        var week = (string)review["week"]!;
        var deltas = await Cli("metrics", "deltas", "--week", week, "--format", "json");
        Same(deltas["rows"], review["headline"]!["rows"], "review headline vs metrics deltas");
        Same(deltas["weeks"], review["headline"]!["weeks"], "review weeks vs metrics deltas");

        // The week's response figures, by severity, are `insight metrics response` over that week.
        var from = (string)review["from"]!;
        var to = (string)review["to"]!;
        var response = await Cli("metrics", "response", "--by", "severity", "--from", from, "--to", to, "--format", "json");
        Same(response["rows"], review["response"]!["rows"], "review response vs metrics response");
        var noise = await Cli("metrics", "noise", "--by", "all", "--from", from, "--to", to, "--format", "json");
        Same(noise["rows"], review["noise"]!["rows"], "review noise vs metrics noise");
    }

    [Fact]
    public async Task Concurrent_requests_with_different_thresholds_each_get_their_own_figures()
    {
        string[] urls =
        [
            "/api/metrics/noise?by=all&flap_count=2", "/api/metrics/noise?by=all&flap_count=6&auto_resolve_window=45m",
            "/api/metrics/recurrence?recurrence_window=3d", "/api/metrics/recurrence?recurrence_window=60d",
        ];
        var alone = new Dictionary<string, JsonNode>();
        foreach (var url in urls) alone[url] = (await Api(url))["rows"]!;
        Assert.False(JsonNode.DeepEquals(alone[urls[0]], alone[urls[1]]), "the thresholds must matter for this test to mean anything");
        Assert.False(JsonNode.DeepEquals(alone[urls[2]], alone[urls[3]]), "the window must matter for this test to mean anything");

        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var url = urls[i % urls.Length];
            return (url, rows: (await Api(url))["rows"]!);
        }));
        foreach (var (url, rows) in together) Same(alone[url], rows, url);
        var stated = await Api(urls[1]);
        Assert.Equal("6", (string?)stated["scope"]!["settings"]!["flap_count"]);
        Assert.Equal("45m", (string?)stated["scope"]!["settings"]!["auto_resolve_window"]);
    }

    [Fact]
    public async Task A_bad_threshold_parameter_is_a_400_naming_the_parameter()
    {
        using var response = await fixture.Host.Client.GetAsync("/api/metrics/noise?flap_count=1");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("flap_count 1 must be at least 2", await response.Content.ReadAsStringAsync());
        var openApi = await fixture.Host.Client.GetStringAsync("/openapi/v1.json");
        foreach (var setting in MetricOptions.Settings) Assert.Contains($"\"name\": \"{setting}\"", openApi);
    }

    [Fact]
    public async Task A_request_dropped_by_its_client_stops_its_work()
    {
        // The request reaches the service (the gate says so), then its client gives up; only then does the service go on
        // with it: no timer decides the order, so a loaded machine cannot turn this into a race.
        using var cancel = new CancellationTokenSource();
        var call = fixture.Host.Client.GetAsync("/api/reports/weekly?format=json&seed=7&gate=1", cancel.Token);
        await fixture.Gate.Arrived.WaitAsync(TimeSpan.FromMinutes(2));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        // The service interrupts the running statement or training and says so; polled with a generous bound.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!fixture.Logs.Contains("was cancelled by the client") && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(fixture.Logs.Contains("was cancelled by the client"), "no cancellation was logged:\n" + fixture.Logs.Text);
        // And the service answers the next request as usual.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Host.Client.GetAsync("/api/metrics/response")).StatusCode);
    }

    [Fact]
    public async Task Uploads_and_the_inbox_import_with_the_services_status_values_and_refresh_the_cache_for_its_thresholds()
    {
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/imports?name=servicenow.csv&timezone=UTC")
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(TestSupport.Fixture("servicenow/list-windows1252.csv"))),
        };
        upload.Headers.Add(InsightEngine.Service.Hosting.ApiKeyMiddleware.Header, "test-key");
        using (var response = await fixture.Host.Client.SendAsync(upload))
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var store = InsightEngine.Store.InsightStore.Open(fixture.Db);
        // 'Working On Case' is the settings file's: resolved (ServiceNow's own table does not know it).
        Assert.Equal("resolved", store.Scalar<string>("SELECT status FROM incidents WHERE external_id = 'INC0001003'"));
        // The analysis cache was refreshed for the file's thresholds, at the new data version.
        var key = store.Scalar<string>("SELECT cache_key FROM analysis_cache WHERE block = 'alert_classes'")!;
        Assert.StartsWith(store.DataVersion() + ".", key);
        Assert.Contains("|1200|120|2|1800", key);   // auto_resolve_window 20m, actionable_min_open 2m, flap_count 2, flap_window 30m
    }

    /// <summary>Every metric computed through the walkthroughs' page (notebooks/*.cs open their store and session with it), as JSON.</summary>
    private JsonNode WalkthroughFigures()
    {
        var arguments = new InsightEngine.Reports.Walkthroughs.WalkthroughArguments(fixture.Db, fixture.Config, Path.Combine(fixture.Folder, "walkthrough"), Help: false);
        using var page = InsightEngine.Reports.Walkthroughs.Walkthrough.Open(arguments, "one-answer", "One answer", "Every metric", TextWriter.Null);
        var figures = MetricCatalog.All.ToDictionary(m => m.Name, m => (object)m.Compute(page.Session, page.Request));
        return JsonNode.Parse(JsonSerializer.Serialize(figures, InsightEngine.Reporting.JsonFormat.Indented))!;
    }
}

/// <summary>
/// A middleware in front of the service's own: a request with <c>gate=1</c> waits at the door until its client has gone
/// (RequestAborted), then goes on, so the handler runs with a dropped client every time.
/// </summary>
public sealed class ClientGoneGate : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a gated request has arrived.</summary>
    public Task Arrived => arrived.Task;

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate following) =>
        {
            if (context.Request.Query["gate"] == "1")
            {
                arrived.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // the client is gone: now the handler runs
                }
            }
            await following(context);
        });
        next(app);
    };
}

/// <summary>Captures log lines (thread-safe) for tests that check what the service said.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    public string Text => string.Join('\n', lines);

    public bool Contains(string text) => lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
    }
}
