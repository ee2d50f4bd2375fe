using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Tests.Analysis;

namespace InsightEngine.Tests.Reports;

/// <summary>The weekly review on hand-made weeks: the written summary, escaping of export text, empty weeks.</summary>
public sealed class WeeklyReviewTests
{
    private const string Hostile = "<script>alert(1)</script> | pipes |";

    internal static ReportOptions Week(string week) => new()
    {
        Request = new MetricRequest { Week = week, AsOf = DateTimeOffset.Parse("2026-03-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) },
        Learning = false,
    };

    /// <summary>W11: three SEV2 resolved in 40, 48 and 56 min. W12: three SEV2 on payments-api resolved in 2 h 10 min, one hostile SEV4.</summary>
    internal static InsightEngine.Store.InsightStore TwoWeeks()
    {
        var store = TestSupport.MemoryStore();
        Seed.Incident(store, "p1", "2026-03-10T10:00:00Z", "2026-03-10T10:40:00Z", severity: "SEV2", service: "checkout");
        Seed.Incident(store, "p2", "2026-03-11T10:00:00Z", "2026-03-11T10:48:00Z", severity: "SEV2", service: "checkout");
        Seed.Incident(store, "p3", "2026-03-12T10:00:00Z", "2026-03-12T10:56:00Z", severity: "SEV2", service: "payments-api");
        Seed.Incident(store, "c1", "2026-03-16T10:00:00Z", "2026-03-16T12:10:00Z", severity: "SEV2", service: "payments-api");
        Seed.Incident(store, "c2", "2026-03-17T23:00:00Z", "2026-03-18T01:10:00Z", severity: "SEV2", service: "payments-api"); // crosses midnight
        Seed.Incident(store, "c3", "2026-03-18T10:00:00Z", "2026-03-18T12:10:00Z", severity: "SEV2", service: "payments-api");
        Seed.Incident(store, "evil", "2026-03-19T10:00:00Z", null, severity: "SEV4", service: "<b>svc</b>", title: Hostile);
        store.Execute("UPDATE incidents SET url = 'javascript:alert(1)' WHERE external_id = 'evil'");
        store.Execute("UPDATE incidents SET url = 'https://example.pagerduty.com/incidents/c1' WHERE external_id = 'c1'");
        foreach (var i in Enumerable.Range(0, 3))
            Seed.Alert(store, $"a{i}", $"2026-03-19T0{i}:00:00Z", $"2026-03-19T0{i}:40:00Z", rule: "<img src=x onerror=alert(1)>|rule", service: "api");
        return store;
    }

    [Fact]
    public void The_summary_says_what_moved_and_what_drove_it()
    {
        using var store = TwoWeeks();
        var review = WeeklyReviews.Build(store, Week("2026-W12"));

        Assert.Equal("2026-W12", review.Week);
        Assert.Contains(review.Summary, s => s.StartsWith("MTTR for SEV2 rose from 48 min to 2 h 10 min, driven by 3 incidents on payments-api", StringComparison.Ordinal));
        Assert.Contains(review.Summary, s => s.StartsWith("4 incidents in 2026-W12 (3 SEV1-2), up from 3 the week before", StringComparison.Ordinal));
        Assert.Contains(review.Summary, s => s.Contains("raised 3 alerts, 3 of them noise", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shift_spread_over_services_is_not_blamed_on_one()
    {
        using var store = TwoWeeks();
        store.Execute("UPDATE incidents SET service = 'svc-' || external_id WHERE external_id IN ('c1', 'c2', 'c3')");
        var review = WeeklyReviews.Build(store, Week("2026-W12"));
        Assert.Contains(review.Summary, s => s.StartsWith("MTTR for SEV2 rose from 48 min to 2 h 10 min, 3 of its incidents slower than last week's median", StringComparison.Ordinal));
        Assert.DoesNotContain(review.Summary, s => s.Contains("driven by", StringComparison.Ordinal));
    }

    [Fact]
    public void Its_figures_are_the_metrics_layers_over_the_same_week()
    {
        using var store = TwoWeeks();
        var options = Week("2026-W12");
        var review = WeeklyReviews.Build(store, options);
        var week = options.Request with { Period = new Period(review.From, review.To) };

        Assert.Equal(DateTimeOffset.Parse("2026-03-16T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), review.From);
        Assert.Equal(Json(Deltas.Compute(new AnalysisSession(store), options.Request).Rows), Json(review.Headline.Rows));
        Assert.Equal(Json(Response.Compute(new AnalysisSession(store), week with { By = "severity" }).Rows), Json(review.Response.Rows));
        Assert.Equal(Json(Noise.Noisiest(new AnalysisSession(store), week with { Limit = 10 }).Rows), Json(review.NoisyAlerts.Rows));
        Assert.Equal(4, review.Incidents.Rows.Count);
        Assert.Equal(Response.Compute(new AnalysisSession(store), week with { By = "all" }).Rows.Single().TimeToResolve.MedianSeconds,
            review.Headline.Rows.Single(r => r.Figure == "ttr_median_seconds").Value);
    }

    [Fact]
    public void Export_text_is_escaped_in_html_and_markdown_and_only_http_links_are_links()
    {
        using var store = TwoWeeks();
        var document = WeeklyReviewDocument.Create(WeeklyReviews.Build(store, Week("2026-W12")));

        var html = HtmlRenderer.Render(document);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>svc", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; | pipes |", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.pagerduty.com/incidents/c1\" rel=\"noopener noreferrer\">", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);

        var markdown = MarkdownRenderer.Render(document).Markdown;
        Assert.Contains(@"&lt;script&gt;alert(1)&lt;/script&gt; \| pipes \|", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", markdown, StringComparison.Ordinal);
        Assert.Contains("[c1](<https://example.pagerduty.com/incidents/c1>)", markdown, StringComparison.Ordinal);
        // Every table row has as many cell borders as its header: no export text split a row.
        foreach (var table in Tables(markdown))
            Assert.All(table, row => Assert.Equal(Borders(table[0]), Borders(row)));
    }

    [Fact]
    public void Overdue_action_items_show_owner_due_date_and_link_and_what_falls_due_in_the_review_week()
    {
        using var store = TwoWeeks();
        // p1 (SEV2, resolved 2026-03-10) has a review in progress: its postmortem fell due 2026-03-24, in the week after W12.
        Seed.Postmortem(store, "pm1", "p1", "in_progress", owner: "Cy Park");
        Seed.ActionItem(store, "ai-late", "p2", "2026-03-12T00:00:00Z", due: "2026-03-20T00:00:00Z", owner: "Dee Wong", title: Hostile);
        store.Execute("UPDATE action_items SET number = 'OPS-77', url = 'https://acme.atlassian.net/browse/OPS-77' WHERE external_id = 'ai-late'");
        Seed.ActionItem(store, "ai-next", "p3", "2026-03-12T00:00:00Z", due: "2026-03-25T00:00:00Z", owner: null);

        var review = WeeklyReviews.Build(store, Week("2026-W12"));
        var late = Assert.Single(review.Overdue.Rows, o => o.Kind == "action_item");
        Assert.Equal(("Dee Wong", "OPS-77", "https://acme.atlassian.net/browse/OPS-77"), (late.Owner, late.ItemNumber, late.ItemUrl));
        // Every SEV1-2 of W11 owes its postmortem 14 days after its resolve: p1's review is open, p2's and p3's never written.
        Assert.Equal(["postmortem|p1|Cy Park", "action_item|p3|", "postmortem|p2|", "postmortem|p3|"],
            review.DueNext!.Rows.Select(d => $"{d.Kind}|{d.IncidentExternalId}|{d.Owner}"));

        var markdown = MarkdownRenderer.Render(WeeklyReviewDocument.Create(review)).Markdown;
        Assert.Contains("[OPS-77](<https://acme.atlassian.net/browse/OPS-77>)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Dee Wong |", markdown, StringComparison.Ordinal);
        Assert.Contains("Due in the week of this review (2026-03-23 to 2026-03-30)", markdown, StringComparison.Ordinal);
        Assert.Contains("| nobody |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", HtmlRenderer.Render(WeeklyReviewDocument.Create(review)), StringComparison.OrdinalIgnoreCase);
        foreach (var table in Tables(markdown))
            Assert.All(table, row => Assert.Equal(Borders(table[0]), Borders(row)));
    }

    [Fact]
    public void A_week_without_data_renders_and_says_so()
    {
        using var store = TestSupport.MemoryStore();
        var review = WeeklyReviews.Build(store, Week("2026-W12"));
        Assert.Equal(["No incidents were opened in 2026-W12."], review.Summary);
        var html = HtmlRenderer.Render(WeeklyReviewDocument.Create(review));
        Assert.Contains("No incidents were opened in 2026-W12.", html, StringComparison.Ordinal);
        Assert.Contains("No alerts this week.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://acme.pagerduty.com/incidents/Q1", "https://acme.pagerduty.com/incidents/Q1")]
    [InlineData("http://jira.example/browse/OPS-1", "http://jira.example/browse/OPS-1")]
    [InlineData("https://x.example/a b<c>", "https://x.example/a%20b%3Cc%3E")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("/relative/path", null)]
    [InlineData("", null)]
    public void Only_absolute_http_addresses_become_links(string url, string? expected) => Assert.Equal(expected, SafeUrl.Http(url));

    internal static string Json(object value) => JsonSerializer.Serialize(value);

    private static int Borders(string row) => row.Replace(@"\|", "", StringComparison.Ordinal).Count(c => c == '|');

    private static List<List<string>> Tables(string markdown)
    {
        var tables = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('|')) (current ??= []).Add(line);
            else if (current is not null) { tables.Add(current); current = null; }
        }
        return tables;
    }
}
