using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InsightEngine.Service.Hosting;

namespace InsightEngine.Tests.Service;

/// <summary>The HTTP API on Kestrel over the committed sample: every endpoint, the CLI's numbers, auth, uploads.</summary>
public sealed class ApiTests(ApiTests.Fixture fixture) : IClassFixture<ApiTests.Fixture>
{
    /// <summary>One service over one imported sample for the whole class.</summary>
    public sealed class Fixture : IAsyncLifetime, IDisposable
    {
        private readonly TempDir dir = new();

        public ServiceHost Host { get; private set; } = null!;

        public string Db => Path.Combine(dir.Path, "insight.duckdb");

        public async Task InitializeAsync()
        {
            TestSupport.ImportSample(Db);
            Host = await ServiceHost.StartAsync(dir.Path, Db, null, "--Insight:MaxUploadBytes=4096", "--Insight:WeeklyReview:Enabled=false");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();

        public void Dispose() => dir.Dispose();
    }

    private ServiceHost host => fixture.Host;

    private string Db => fixture.Db;

    private HttpRequestMessage Post(string url, HttpContent content, string? key = "test-key")
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (key is not null) message.Headers.Add(ApiKeyMiddleware.Header, key);
        return message;
    }

    [Fact]
    public async Task Metrics_are_the_numbers_the_cli_prints()
    {
        var api = JsonDocument.Parse(await host.Client.GetStringAsync("/api/metrics/response?timezone=Europe/Berlin&by=severity"));
        var cli = await TestSupport.RunCli("metrics", "response", "--by", "severity", "--timezone", "Europe/Berlin", "--format", "json", "--db", Db);
        Assert.True(cli.Code == 0, cli.Err);
        using var expected = JsonDocument.Parse(cli.Out);
        Assert.True(JsonElement.DeepEquals(expected.RootElement.GetProperty("rows"), api.RootElement.GetProperty("rows")));

        var noisy = JsonDocument.Parse(await host.Client.GetStringAsync("/api/metrics/noisy-alerts?top=5&from=2026-09-01&to=2026-10-01"));
        var cliNoisy = await TestSupport.RunCli("metrics", "noisy-alerts", "--top", "5", "--from", "2026-09-01", "--to", "2026-10-01", "--format", "json", "--db", Db);
        using var expectedNoisy = JsonDocument.Parse(cliNoisy.Out);
        Assert.True(JsonElement.DeepEquals(expectedNoisy.RootElement.GetProperty("rows"), noisy.RootElement.GetProperty("rows")));
        Assert.Equal(5, noisy.RootElement.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData("/health", "application/json")]
    [InlineData("/ready", "application/json")]
    [InlineData("/api/metrics", "application/json")]
    [InlineData("/api/assessment?timezone=Europe/Berlin", "application/json")]
    [InlineData("/api/anomalies", "application/json")]
    [InlineData("/api/forecast?horizon=4", "application/json")]
    [InlineData("/api/recurrences", "application/json")]
    [InlineData("/api/reports/weekly?learning=false", "text/html")]
    [InlineData("/api/reports/noise?format=json", "application/json")]
    [InlineData("/api/reports/maturity?format=md", "application/zip")]
    [InlineData("/api/reports", "application/json")]
    [InlineData("/openapi/v1.json", "application/json")]
    [InlineData("/", "text/html")]
    public async Task Every_read_endpoint_answers_without_a_key_on_loopback(string url, string contentType)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/metrics/nope", HttpStatusCode.NotFound, "'nope' is not a metric")]
    [InlineData("/api/metrics/response?from=yesterday", HttpStatusCode.BadRequest, "from 'yesterday' is not a date")]
    [InlineData("/api/metrics/response?by=colour", HttpStatusCode.BadRequest, "by 'colour' is not a grouping")]
    [InlineData("/api/reports/weekly?week=2026-W99", HttpStatusCode.BadRequest, "is not an ISO week")]
    [InlineData("/api/reports/annual", HttpStatusCode.BadRequest, "'annual' is not a report")]
    public async Task Bad_requests_say_what_was_wrong(string url, HttpStatusCode status, string message)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Writes_need_the_key_and_uploads_import_or_say_why_not()
    {
        var csv = await File.ReadAllBytesAsync(TestSupport.Fixture("pagerduty/analytics-incidents.csv"));
        using (var none = await host.Client.SendAsync(Post("/api/imports?name=pd.csv", new ByteArrayContent(csv), key: null)))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var wrong = await host.Client.SendAsync(Post("/api/imports?name=pd.csv", new ByteArrayContent(csv), key: "test-kez")))
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "../../etc/pd incidents.csv" } };
        using (var ok = await host.Client.SendAsync(Post("/api/imports", form)))
        {
            var body = await ok.Content.ReadAsStringAsync();
            Assert.True(ok.StatusCode == HttpStatusCode.OK, body);
            using var result = JsonDocument.Parse(body);
            Assert.Equal(5, result.RootElement.GetProperty("inserted").GetInt64());
        }
        var processed = Assert.Single(Directory.GetFiles(Path.Combine(host.Inbox, "processed")));
        Assert.EndsWith("-pd_incidents.csv", processed, StringComparison.Ordinal);   // the name sanitized, kept inside the inbox

        using (var bad = await host.Client.SendAsync(Post("/api/imports?name=bad.csv", new StringContent("garbage,data\n1,2\n"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("no known format matches this header", await bad.Content.ReadAsStringAsync());
        }
        Assert.Single(Directory.GetFiles(Path.Combine(host.Inbox, "failed"), "*.error.txt"));

        using (var big = await host.Client.SendAsync(Post("/api/imports?name=big.csv", new ByteArrayContent(new byte[5000]))))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        using (var chunked = new StreamContent(new MemoryStream(new byte[9000])))
        {
            chunked.Headers.ContentLength = null;
            var request = Post("/api/imports?name=big.csv", chunked);
            request.Headers.TransferEncodingChunked = true;
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        using (var name = await host.Client.SendAsync(Post("/api/imports?name=notes.txt", new StringContent("x"))))
            Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(host.Inbox, "uploads")));
    }

    [Fact]
    public async Task Beyond_loopback_every_request_needs_the_key_and_a_key_must_be_set()
    {
        Assert.Throws<ArgumentException>(() => ServiceApp.Build(["--Insight:Urls=http://0.0.0.0:0", $"--Insight:Database={Db}"]));
        Assert.True(Binding.IsLoopbackOnly("http://127.0.0.1:5080;http://localhost:5081;http://[::1]:5082"));
        Assert.False(Binding.IsLoopbackOnly("http://127.0.0.1:5080;http://+:80"));
        Assert.True(ApiKeyMiddleware.Same("abc", "abc"));
        Assert.False(ApiKeyMiddleware.Same("abc", "abd"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_host_name_the_service_is_not_reached_by_is_refused_against_dns_rebinding()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/metrics/response");
        rebound.Headers.Host = "attacker.example:5091";
        using (var response = await host.Client.SendAsync(rebound))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/health");
        local.Headers.Host = "localhost";
        using (var response = await host.Client.SendAsync(local))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Beyond loopback the names must be configured.
        Assert.Throws<ArgumentException>(() => ServiceApp.Build(["--Insight:Urls=http://0.0.0.0:0", "--Insight:ApiKey=k", $"--Insight:Database={Db}"]));
    }

    [Fact]
    public async Task A_malformed_multipart_upload_is_a_400_not_a_500()
    {
        using var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nunterminated"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        using var response = await host.Client.SendAsync(Post("/api/imports", content));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Directory.Exists(Path.Combine(host.Inbox, "uploads")) ? Directory.GetFiles(Path.Combine(host.Inbox, "uploads")) : []);
    }

    [Fact]
    public async Task A_request_past_its_time_limit_is_stopped_with_a_503_that_says_how_to_raise_it()
    {
        using var own = new TempDir();
        var db = Path.Combine(own.Path, "insight.duckdb");
        TestSupport.ImportSample(db);
        // A limit no request can meet (under a millisecond: spent before the first statement), so the outcome does not
        // depend on this machine's speed.
        await using var limited = await ServiceHost.StartAsync(own.Path, db, null, "--Insight:RequestTimeoutSeconds=0.0001", "--Insight:WeeklyReview:Enabled=false");
        using var response = await limited.Client.GetAsync("/api/reports/weekly?format=json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body[..Math.Min(400, body.Length)]}");
        Assert.Contains("Insight:RequestTimeoutSeconds", body);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await limited.Client.GetAsync("/health")).StatusCode);
    }
}
