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
        app.MapGet("/", (HttpRequest http, StoreGate gate, IOptions<ServiceOptions> options, CancellationToken ct) =>
        {
            var request = ApiRequest.Parse(http.Query, gate.Settings, defaultTop: 10);   // the service's settings (zone: theirs, else the schedule's)
            using var read = gate.OpenSession(ct);
            var review = WeeklyReviews.Build(read.Analysis, new ReportOptions { Request = request, Learning = false });
            return Results.Content(HtmlRenderer.Render(Create(review, InsightApi.SavedReports(options.Value.Reports))), "text/html; charset=utf-8");
        }).WithSummary("The dashboard (HTML).");

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
