using System.IO.Compression;
using InsightEngine.Analysis;
using InsightEngine.Learning;
using InsightEngine.Maturity;
using InsightEngine.Reports;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Service.Hosting;
using InsightEngine.Service.Workers;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Api;

/// <summary>
/// The HTTP API (minimal APIs): the same figures as the CLI (the same engine calls, the same JSON shape), reports,
/// import by upload, health and readiness. No endpoint runs SQL from a request.
/// </summary>
public static class InsightApi
{
    /// <summary>Maps every endpoint.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithSummary("Liveness: the process answers.");
        app.MapGet("/ready", (StoreGate gate) =>
        {
            try
            {
                using var store = gate.OpenRead();
                var batches = store.Scalar<long>("SELECT count(*) FROM import_batches");
                return Results.Ok(new { status = "ready", database = gate.Database, imports = batches });
            }
            catch (Exception e) when (e is Store.StoreException or DuckDB.NET.Data.DuckDBException)
            {
                return Results.Problem(detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithSummary("Readiness: the database opens and is migrated.");

        var api = app.MapGroup("/api");
        api.MapGet("/metrics", () => MetricCatalog.All.Select(m => new { m.Name, m.Summary, m.DefaultBy, m.Groupings, m.QueryPath }))
            .WithSummary("The metric catalogue.");
        api.MapGet("/metrics/{name}", (string name, HttpRequest http, StoreGate gate) =>
        {
            var definition = MetricCatalog.All.FirstOrDefault(m => m.Name == name);
            if (definition is null)
                return Results.Problem(detail: $"'{name}' is not a metric (use one of: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}).", statusCode: 404);
            var request = ApiRequest.Parse(http.Query);
            using var store = gate.OpenRead();
            return Results.Ok((object)definition.Compute(store, request));
        }).WithSummary("One metric, with the CLI's filters as query parameters: from, to, service, team, severity, by, top, as_of, week, timezone.");

        api.MapGet("/assessment", (HttpRequest http, StoreGate gate) =>
        {
            var request = ApiRequest.Parse(http.Query);
            using var store = gate.OpenRead();
            return Results.Ok(Assessor.Assess(store, request, Rubric.Default()));
        }).WithSummary("The maturity assessment (built-in rubric).");

        api.MapGet("/anomalies", (HttpRequest http, StoreGate gate) =>
        {
            using var store = gate.OpenRead();
            var (weeks, incidents) = Learner.Anomalies(store, Learning(http));
            return Results.Ok(new { weeks, incidents });
        }).WithSummary("Abnormal weeks and incidents (learning layer).");
        api.MapGet("/forecast", (HttpRequest http, StoreGate gate) =>
        {
            using var store = gate.OpenRead();
            return Results.Ok(Learner.Forecast(store, Learning(http)));
        }).WithSummary("Weekly forecast with its backtest; horizon 4-12 (default 8).");
        api.MapGet("/recurrences", (HttpRequest http, StoreGate gate) =>
        {
            using var store = gate.OpenRead();
            return Results.Ok(Learner.Recurrences(store, Learning(http)));
        }).WithSummary("Recurrence predictions for recent incidents, with the held-out evaluation.");

        api.MapGet("/reports/{kind}", (string kind, HttpRequest http, StoreGate gate) => Report(kind, http, gate))
            .WithSummary("A report built now: kind weekly | maturity | noise; format html (default) | md (a zip with the charts) | json.");
        api.MapGet("/reports", (IOptions<ServiceOptions> options) => SavedReports(options.Value.Reports).Select(f => new { file = f, url = $"/reports/{f}" }))
            .WithSummary("The scheduled reports kept in the reports folder.");
        app.MapGet("/reports/{file}", (string file, IOptions<ServiceOptions> options) =>
        {
            if (!SavedReports(options.Value.Reports).Contains(file, StringComparer.Ordinal)) return Results.NotFound();
            var path = Path.Combine(options.Value.Reports, file);
            return Results.File(Path.GetFullPath(path), file.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8");
        }).WithSummary("Download a scheduled report.");

        api.MapPost("/imports", (HttpRequest http, InboxProcessor inbox, IOptions<ServiceOptions> options, CancellationToken ct) =>
            Uploads.ImportAsync(http, inbox, options.Value, ct))
            .WithSummary("Import an export file: multipart field 'file', or the raw body with ?name=FILE.csv. Needs the API key.")
            .DisableAntiforgery();
    }

    private static LearningOptions Learning(HttpRequest http)
    {
        var horizon = 8;
        if (ApiRequest.Text(http.Query, "horizon") is { } h && !int.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out horizon))
            throw new ArgumentException($"horizon '{h}' is not a whole number.");
        return new LearningOptions { TimeZone = ApiRequest.Text(http.Query, "timezone") ?? "UTC", Horizon = horizon };
    }

    private static IResult Report(string kind, HttpRequest http, StoreGate gate)
    {
        var format = ApiRequest.Text(http.Query, "format") ?? "html";
        if (!ReportFiles.Formats.Contains(format)) throw new ArgumentException($"format '{format}' is not a report format (use one of: {string.Join(", ", ReportFiles.Formats)}).");
        var request = ApiRequest.Parse(http.Query, defaultTop: 10);
        var options = new ReportOptions { Request = request, Top = request.Limit, Learning = ApiRequest.Text(http.Query, "learning") != "false" };
        using var store = gate.OpenRead();
        (object Figures, Func<ReportDocument> Document) built = kind switch
        {
            "weekly" => Weekly(store, options),
            "noise" => Noise(store, options),
            "maturity" => Maturity(store, request),
            _ => throw new ArgumentException($"'{kind}' is not a report (use weekly, maturity or noise)."),
        };
        switch (format)
        {
            case "json":
                return Results.Ok(built.Figures);
            case "md":
            {
                var document = built.Document();
                var output = MarkdownRenderer.Render(document);
                using var zip = new MemoryStream();
                using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                {
                    using (var writer = new StreamWriter(archive.CreateEntry(document.FileStem + ".md").Open())) writer.Write(output.Markdown);
                    foreach (var (relative, content) in output.Files)
                    {
                        using var entry = archive.CreateEntry(relative).Open();
                        entry.Write(content);
                    }
                }
                return Results.File(zip.ToArray(), "application/zip", document.FileStem + ".zip");
            }
            default:
                return Results.Content(HtmlRenderer.Render(built.Document()), "text/html; charset=utf-8");
        }
    }

    private static (object, Func<ReportDocument>) Weekly(Store.InsightStore store, ReportOptions options)
    {
        var review = WeeklyReviews.Build(store, options);
        return (review, () => WeeklyReviewDocument.Create(review));
    }

    private static (object, Func<ReportDocument>) Noise(Store.InsightStore store, ReportOptions options)
    {
        var report = NoiseReports.Build(store, options);
        return (report, () => NoiseReportDocument.Create(report));
    }

    private static (object, Func<ReportDocument>) Maturity(Store.InsightStore store, MetricRequest request)
    {
        var assessment = Assessor.Assess(store, request, Rubric.Default());
        return (assessment, () => MaturityReportDocument.Create(assessment));
    }

    /// <summary>Report files in the reports folder (names only: nothing outside it can be named).</summary>
    public static IReadOnlyList<string> SavedReports(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
                .Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [];
}
