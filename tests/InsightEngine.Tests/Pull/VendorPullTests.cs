using System.Text;
using System.Text.Json.Nodes;
using InsightEngine.Import;
using InsightEngine.Import.GrafanaOnCall;
using InsightEngine.Import.IncidentIo;
using InsightEngine.Import.Jira;
using InsightEngine.Import.Opsgenie;
using InsightEngine.Import.ServiceNow;
using InsightEngine.Pull;
using InsightEngine.Store;
using Microsoft.AspNetCore.Http;

namespace InsightEngine.Tests.Pull;

/// <summary>
/// Every other connector against a stand-in of its API serving the hand-written fixtures one record per page, in the
/// vendor's own pagination (Opsgenie offset + paging.next, Jira nextPageToken / isLast, ServiceNow Link rel="next",
/// incident.io pagination_meta.after, Grafana OnCall next): every record lands exactly as the file import lands it,
/// signed the vendor's way.
/// </summary>
public sealed class VendorPullTests
{
    private static readonly PullOptions Window = new()
    {
        Since = DateTimeOffset.Parse("2026-10-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Until = DateTimeOffset.Parse("2026-10-05T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        PageSize = 1,
    };

    private static List<JsonNode> Records(string fixture, string property) =>
        JsonNode.Parse(File.ReadAllText(TestSupport.Fixture(fixture)).TrimStart('\uFEFF'))![property]!.AsArray().Select(n => n!.DeepClone()).ToList();

    /// <summary>The fixture's records served one per page; the pull's 4-day range is one window of every connector.</summary>
    private static async Task<(InsightStore Pulled, InsightStore Imported, StandInApi Api)> Run(PullConnector connector, IDictionary<string, string> environment,
        string fixture, Func<HttpContext, List<JsonNode>, int, Task> page, string? variableUrl = null)
    {
        var records = Records(fixture, FixtureProperty(fixture));
        var api = await new StandInApi(c => page(c, records, PageIndex(c))).StartAsync();   // the window (4 days) is one request range
        // The first requests meet a rate limit, a server error and a cut-off body: each is retried, nothing is lost.
        api.Faults.Enqueue(StandInApi.TooMany(retryAfter: 0));
        api.Faults.Enqueue(StandInApi.Status(500));
        api.Faults.Enqueue(StandInApi.CutOff);
        var env = new Dictionary<string, string>(environment);
        if (variableUrl is not null) env[variableUrl] = api.Url.ToString();
        var pulled = TestSupport.MemoryStore();
        await new Puller(pulled).RunAsync(connector, Window with { ApiUrl = variableUrl is null ? api.Url : null }, env, new ImportOptions());
        var imported = TestSupport.MemoryStore();
        new Importer(imported).ImportFile(TestSupport.Fixture(fixture));
        return (pulled, imported, api);
    }

    private static string FixtureProperty(string fixture) => fixture switch
    {
        var f when f.StartsWith("opsgenie", StringComparison.Ordinal) => "data",
        var f when f.StartsWith("jira", StringComparison.Ordinal) => "issues",
        var f when f.StartsWith("servicenow", StringComparison.Ordinal) => "result",
        var f when f.Contains("follow-ups", StringComparison.Ordinal) => "follow_ups",
        var f when f.StartsWith("incidentio", StringComparison.Ordinal) => "incidents",
        _ => "results",
    };

    /// <summary>The page a request asks for, from whichever parameter the vendor pages by.</summary>
    private static int PageIndex(HttpContext c)
    {
        foreach (var name in new[] { "offset", "sysparm_offset", "page", "after", "nextPageToken", "startAt" })
            if (int.TryParse(c.Request.Query[name], out var v)) return v;
        return 0;
    }

    private static Task Json(HttpContext c, JsonObject body)
    {
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync(body.ToJsonString());
    }

    private static JsonArray One(List<JsonNode> records, int i) => i < records.Count ? [records[i].DeepClone()] : [];

    private static void SameRows(InsightStore imported, InsightStore pulled, string table) =>
        Assert.Equal(TestSupport.Dump(imported, table, "source, external_id", "first_batch_id, last_batch_id"),
            TestSupport.Dump(pulled, table, "source, external_id", "first_batch_id, last_batch_id"));

    [Fact]
    public async Task Opsgenie_alerts_page_by_offset_and_paging_next_with_a_genie_key()
    {
        var (pulled, imported, api) = await Run(new OpsgenieApi(), new Dictionary<string, string> { ["OPSGENIE_API_KEY"] = "k-123" }, "opsgenie/alerts-api.json",
            (c, records, i) => c.Request.Path.Value == "/v2/alerts"
                ? Json(c, new JsonObject { ["data"] = One(records, i), ["paging"] = i + 1 < records.Count ? new JsonObject { ["next"] = $"http://x/v2/alerts?offset={i + 1}" } : new JsonObject(), ["took"] = 0.1 })
                : Json(c, new JsonObject { ["data"] = new JsonArray(), ["paging"] = new JsonObject() }));
        await using (api)
        using (pulled)
        using (imported)
        {
            SameRows(imported, pulled, "alerts");
            Assert.Equal(imported.Scalar<int>("SELECT count(*) FROM alerts"), pulled.Scalar<int>("SELECT count(*) FROM alerts"));
            Assert.Equal(3, api.Requests.Count(r => r.StartsWith("/v2/alerts", StringComparison.Ordinal)));   // one record a page (the faults met the incidents)
            Assert.All(api.Authorizations, a => Assert.Equal("GenieKey k-123", a));
            Assert.Contains(api.Requests, r => r.Contains("query=createdAt", StringComparison.Ordinal) && r.Contains("order=asc", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Jira_pages_by_next_page_token_with_basic_auth_and_the_users_jql()
    {
        var (pulled, imported, api) = await Run(new JiraApi(),
            new Dictionary<string, string> { ["JIRA_EMAIL"] = "ana@acme.example", ["JIRA_API_TOKEN"] = "t-123" }, "jira/search-api.json",
            (c, records, i) => Json(c, new JsonObject
            {
                ["issues"] = One(records, i), ["isLast"] = i + 1 >= records.Count,
                ["nextPageToken"] = i + 1 < records.Count ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            }), variableUrl: "JIRA_BASE_URL");
        await using (api)
        using (pulled)
        using (imported)
        {
            SameRows(imported, pulled, "incidents");
            Assert.All(api.Authorizations, a => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ana@acme.example:t-123")), a));
            Assert.Contains(api.Requests, r => r.Contains("expand=changelog", StringComparison.Ordinal) && r.Contains("ORDER%20BY%20updated%20ASC", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ServiceNow_follows_the_link_header_and_reads_every_table()
    {
        var (pulled, imported, api) = await Run(new ServiceNowApi(),
            new Dictionary<string, string> { ["SERVICENOW_USER"] = "svc", ["SERVICENOW_PASSWORD"] = "p-123" }, "servicenow/table-api.json",
            (c, records, i) =>
            {
                var table = c.Request.Path.Value!.Split('/').Last();
                var rows = table == "incident" ? records : [];
                if (i + 1 < rows.Count)
                    c.Response.Headers.Append("Link", $"<{c.Request.Scheme}://{c.Request.Host}{c.Request.Path}?sysparm_offset={i + 1}&sysparm_limit=1>;rel=\"next\"");
                return Json(c, new JsonObject { ["result"] = One(rows, i) });
            }, variableUrl: "SERVICENOW_INSTANCE");
        await using (api)
        using (pulled)
        using (imported)
        {
            SameRows(imported, pulled, "incidents");
            Assert.Contains(api.Requests, r => r.StartsWith("/api/now/table/problem_task", StringComparison.Ordinal));
            Assert.Contains(api.Requests, r => r.Contains("sysparm_display_value=all", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Incident_io_pages_by_the_after_cursor_with_a_bearer_key()
    {
        var (pulled, imported, api) = await Run(new IncidentIoApi(), new Dictionary<string, string> { ["INCIDENTIO_API_KEY"] = "k-123" }, "incidentio/incidents-api.json",
            (c, records, i) => c.Request.Path.Value switch
            {
                "/v2/incidents" => Json(c, new JsonObject
                {
                    ["incidents"] = One(records, i),
                    ["pagination_meta"] = new JsonObject { ["page_size"] = 1, ["after"] = i + 1 < records.Count ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null },
                }),
                "/v2/follow_ups" => Json(c, new JsonObject { ["follow_ups"] = new JsonArray() }),
                _ => Json(c, new JsonObject { ["postmortem_documents"] = new JsonArray(), ["pagination_meta"] = new JsonObject() }),
            });
        await using (api)
        using (pulled)
        using (imported)
        {
            SameRows(imported, pulled, "incidents");
            Assert.All(api.Authorizations, a => Assert.Equal("Bearer k-123", a));
        }
    }

    [Fact]
    public async Task Grafana_oncall_follows_next_with_its_token()
    {
        var (pulled, imported, api) = await Run(new GrafanaOnCallApi(), new Dictionary<string, string> { ["GRAFANA_ONCALL_TOKEN"] = "g-123" }, "grafana/alert-groups-api.json",
            (c, records, i) => Json(c, new JsonObject
            {
                ["count"] = records.Count, ["results"] = One(records, i), ["previous"] = null,
                ["next"] = i + 1 < records.Count ? $"{c.Request.Scheme}://{c.Request.Host}/api/v1/alert_groups/?page={i + 1}" : null,
            }), variableUrl: "GRAFANA_ONCALL_URL");
        await using (api)
        using (pulled)
        using (imported)
        {
            SameRows(imported, pulled, "alerts");
            Assert.All(api.Authorizations, a => Assert.Equal("g-123", a));
        }
    }

    [Theory]
    [InlineData("opsgenie", "OPSGENIE_API_KEY")]
    [InlineData("jira", "JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN")]
    [InlineData("servicenow", "SERVICENOW_INSTANCE, SERVICENOW_USER, SERVICENOW_PASSWORD")]
    [InlineData("incidentio", "INCIDENTIO_API_KEY")]
    [InlineData("grafana-oncall", "GRAFANA_ONCALL_URL, GRAFANA_ONCALL_TOKEN")]
    public async Task A_refused_credential_names_the_variables_to_check_and_is_not_retried(string source, string variables)
    {
        await using var api = await new StandInApi(StandInApi.Status(401)).StartAsync();
        var connector = PullCatalog.Get(source);
        var env = connector.Variables.ToDictionary(v => v, v => v.EndsWith("_URL", StringComparison.Ordinal) || v == "SERVICENOW_INSTANCE" ? api.Url.ToString() : "secret-value");
        using var store = TestSupport.MemoryStore();

        var e = await Assert.ThrowsAsync<PullException>(() => new Puller(store).RunAsync(connector, Window with { ApiUrl = api.Url }, env, new ImportOptions()));

        Assert.Contains($"check {variables}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }
}
