using InsightEngine.Analysis;
using InsightEngine.Reports;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Service.Api;
using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: the last complete week's headline figures and trends, the noisy-alert list and links to
/// every report, server-rendered through the reports' HTML renderer (no script, no CDN, the same escaping).
/// </summary>
public static class DashboardPage
{
    /// <summary>Maps <c>GET /</c>.</summary>
    public static void Map(WebApplication app) =>
        app.MapGet("/", (HttpRequest http, StoreGate gate, IOptions<ServiceOptions> options, Workers.PullWorker pulls, CancellationToken ct) =>
        {
            var request = ApiRequest.Parse(http.Query, gate.Settings, defaultTop: 10);   // the service's settings (zone: theirs, else the schedule's)
            using var read = gate.OpenSession(ct);
            var review = WeeklyReviews.Build(read.Analysis, new ReportOptions { Request = request, Learning = false });
            var document = Create(review, InsightApi.SavedReports(options.Value.Reports));
            if (pulls.Statuses.Count > 0) document = document with { Sections = [.. document.Sections.SkipLast(1), Sources(pulls.Statuses), document.Sections[^1]] };
            return Results.Content(HtmlRenderer.Render(document), "text/html; charset=utf-8");
        }).WithSummary("The dashboard (HTML).").CacheOutput(ResultCachePolicy.Dashboard);

    /// <summary>What the dashboard shows beside the figures (saved reports, the pulls' state): its cached page varies by it.</summary>
    internal static string PageState(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
        var pulls = http.RequestServices.GetRequiredService<Workers.PullWorker>().Statuses;
        return string.Join('|', InsightApi.SavedReports(options.Reports)) + "#" + string.Join('|', pulls.Select(s =>
            $"{s.Source},{s.NextSync:O},{s.Running},{s.LastError},{s.LastResult?.Streams.Sum(x => x.Read)},{s.LastResult?.Streams.Sum(x => x.Inserted)}"));
    }

    /// <summary>The sources pulled on a schedule: last and next sync, what the last pull brought, its error.</summary>
    internal static Section Sources(IReadOnlyList<Workers.SourceStatus> statuses) =>
        new("Sources", [new Table([new("source"), new("schedule"), new("next sync"), new("last pull"), new("last error")],
            statuses.Select(s => (IReadOnlyList<IReadOnlyList<Inline>>)
            [
                Cells.Of(s.Source), Cells.Of(s.Schedule), Cells.Of(s.NextSync?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "never"),
                Cells.Of(s.Running ? "running now" : s.LastResult is { } r
                    ? $"{r.Streams.Sum(x => x.Read):N0} records read, {r.Streams.Sum(x => x.Inserted):N0} new, {r.Streams.Sum(x => x.Updated):N0} updated"
                    : "none since the service started"),
                Cells.Of(s.LastError ?? ""),
            ]).ToList(), "Pulled through the vendors' APIs (Insight:Sources); GET /api/sources has every stream's cursor and counts.")]);

    /// <summary>The dashboard as a document.</summary>
    public static ReportDocument Create(WeeklyReview review, IReadOnlyList<string> saved)
    {
        var review0 = WeeklyReviewDocument.Create(review);
        Section Take(string id) => review0.Sections.First(s => s.Id == id);
        var weeks = review.Headline.Weeks;
        var incidents = review.Headline.Rows.First(r => r.Figure == "incidents");
        var links = new List<IReadOnlyList<Inline>>
        {
            Cells.Of(new LocalLink($"Weekly review {review.Week}", $"/api/reports/weekly?week={review.Week}&timezone={Uri.EscapeDataString(review.TimeZone)}"), new Text(" (with anomalies and forecast)")),
            Cells.Of(new LocalLink("Noisy-alert report (last 12 weeks)", $"/api/reports/noise?timezone={Uri.EscapeDataString(review.TimeZone)}")),
            Cells.Of(new LocalLink("Maturity assessment", $"/api/reports/maturity?timezone={Uri.EscapeDataString(review.TimeZone)}")),
            Cells.Of(new LocalLink("API description (OpenAPI)", "/openapi/v1.json")),
        };
        links.AddRange(saved.Where(f => f.EndsWith(".html", StringComparison.Ordinal)).Reverse().Take(8)
            .Select(f => Cells.Of(new LocalLink($"Saved: {f}", $"/reports/{f}"))));
        return new ReportDocument("dashboard", $"InsightEngine — {review.Week}", review0.Subtitle,
        [
            new Section("This week", [Take(WeeklySections.Summary).Blocks[0], Take(WeeklySections.Summary).Blocks[1]]),
            new Section("Trend",
            [
                TimeCharts.Trend("dashboard-incidents", "Incidents per week", "incidents", "Incidents", weeks.Select(w => w.Week).ToList(),
                    weeks.Select(w => (double?)w.Incidents).ToList(), incidents.NormalLow, incidents.NormalHigh,
                    $"Incidents per week over the last {weeks.Count} weeks; this week {Cells.Number(incidents.Value)}."),
            ]),
            new Section("Noisiest alert rules", Take(WeeklySections.NoisyRules).Blocks.Where(b => b is not Chart).ToList()),
            new Section("Postmortems and action items", Take(WeeklySections.FollowThrough).Blocks, WeeklySections.FollowThrough),
            new Section("Reports", [new BulletList(links)]),
            new Section("About these figures", Take(WeeklySections.About).Blocks, WeeklySections.About),
        ]);
    }
}
