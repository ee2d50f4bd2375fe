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
        api.MapGet("/sources", (Workers.PullWorker worker, StoreGate gate) => Sources(worker, gate))
            .WithSummary("The sources pulled on a schedule: each one's schedule, last and next sync, counts per stream and last error.");
        api.MapGet("/metrics", () => MetricCatalog.All.Select(m => new { m.Name, m.Summary, m.DefaultBy, m.Groupings, m.QueryPath }))
            .WithSummary("The metric catalogue.");
        api.MapGet("/metrics/{name}", (string name, HttpRequest http, StoreGate gate, CancellationToken ct) =>
        {
            var definition = MetricCatalog.All.FirstOrDefault(m => m.Name == name);
            if (definition is null)
                return Results.Problem(detail: $"'{name}' is not a metric (use one of: {string.Join(", ", MetricCatalog.All.Select(m => m.Name))}).", statusCode: 404);
            var request = ApiRequest.Parse(http.Query, gate.Settings);
            using var read = gate.OpenSession(ct);
            return Results.Ok((object)definition.Compute(read.Analysis, request));
        }).WithSummary("One metric, with the CLI's filters and thresholds as query parameters (the service's settings where absent).")
          .WithQueryParameters(MetricParameters).CacheOutput(ResultCachePolicy.Data);

        api.MapGet("/assessment", (HttpRequest http, StoreGate gate, CancellationToken ct) =>
        {
            var request = ApiRequest.Parse(http.Query, gate.Settings);
            using var read = gate.OpenSession(ct);
            return Results.Ok(Assessor.Assess(read.Analysis, request, Rubric.Default()));
        }).WithSummary("The maturity assessment (built-in rubric).").WithQueryParameters(MetricParameters).CacheOutput(ResultCachePolicy.Data);

        api.MapGet("/anomalies", (HttpRequest http, StoreGate gate, CancellationToken ct) =>
        {
            var learning = Learning(http, gate, ct);
            using var read = gate.OpenSession(ct);
            var (weeks, incidents) = Learner.Anomalies(read.Store, learning);
            return Results.Ok(new { weeks, incidents });
        }).WithSummary("Abnormal weeks and incidents (learning layer).").WithQueryParameters(LearningParameters);
        api.MapGet("/forecast", (HttpRequest http, StoreGate gate, CancellationToken ct) =>
        {
            var learning = Learning(http, gate, ct);
            using var read = gate.OpenSession(ct);
            return Results.Ok(Learner.Forecast(read.Store, learning));
        }).WithSummary($"Weekly forecast with its backtest; horizon {LearningOptions.MinHorizon}-{LearningOptions.MaxHorizon} (default 8).")
          .WithQueryParameters(LearningParameters);
        api.MapGet("/recurrences", (HttpRequest http, StoreGate gate, CancellationToken ct) =>
        {
            var learning = Learning(http, gate, ct);
            using var read = gate.OpenSession(ct);
            return Results.Ok(Learner.Recurrences(read.Store, learning));
        }).WithSummary("Recurrence predictions for recent incidents, with the held-out evaluation.").WithQueryParameters(LearningParameters);

        api.MapGet("/reports/{kind}", (string kind, HttpRequest http, StoreGate gate, CancellationToken ct) => Report(kind, http, gate, ct))
            .WithSummary("A report built now: kind weekly | maturity | noise; format html (default) | md (a zip with the charts) | json.")
            .WithQueryParameters([.. MetricParameters, "format", "learning"]).CacheOutput(ResultCachePolicy.Data);
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

    /// <summary>Every metric endpoint's query parameters: the scope, then each threshold by its settings name.</summary>
    private static readonly string[] MetricParameters = [.. ApiRequest.ScopeParameters, .. MetricOptions.Settings];

    private static readonly string[] LearningParameters = ["timezone", "recurrence_window", "horizon", "seed"];

    private static LearningOptions Learning(HttpRequest http, StoreGate gate, CancellationToken cancellation)
    {
        var metrics = gate.Settings.Metrics;
        foreach (var setting in new[] { "timezone", "recurrence_window" })
            if (ApiRequest.Text(http.Query, setting) is { } value) metrics = metrics.With(setting, value);
        var options = LearningOptions.From(metrics) with { Cancellation = cancellation, ModelFolder = LearningOptions.DefaultModelFolder(gate.Database) };
        if (ApiRequest.Text(http.Query, "horizon") is { } h)
            options = options with { Horizon = int.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var horizon) ? horizon
                : throw new Settings.InvalidSettingException("horizon", $"'{h}' is not a whole number.") };
        if (ApiRequest.Text(http.Query, "seed") is { } sd)
            options = options with { Seed = int.TryParse(sd, System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed
                : throw new Settings.InvalidSettingException("seed", $"'{sd}' is not a whole number.") };
        options.Validate();
        return options;
    }

    private static IResult Report(string kind, HttpRequest http, StoreGate gate, CancellationToken ct)
    {
        var format = ApiRequest.Text(http.Query, "format") ?? "html";
        if (!ReportFiles.Formats.Contains(format))
            throw new Settings.InvalidSettingException("format", $"'{format}' is not a report format (use one of: {string.Join(", ", ReportFiles.Formats)}).");
        var request = ApiRequest.Parse(http.Query, gate.Settings, defaultTop: 10);
        var options = new ReportOptions
        {
            Request = request, Top = request.Limit, Learning = ApiRequest.Text(http.Query, "learning") != "false", Cancellation = ct,
        };
        using var read = gate.OpenSession(ct);
        var built = ReportCatalog.Build(kind, read.Analysis, options);
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

    /// <summary>Report files in the reports folder (names only: nothing outside it can be named).</summary>
    public static IReadOnlyList<string> SavedReports(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
                .Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Each configured source: its schedule and next sync, whether a pull runs now, and per stream what the database
    /// records of its pulls (last pull and last success, pages and records pulled in all, the cursor, the last error).
    /// </summary>
    internal static IReadOnlyList<object> Sources(Workers.PullWorker worker, StoreGate gate)
    {
        var streams = new List<(string Source, string Account, string Stream, DateTimeOffset? Cursor, DateTimeOffset? LastPull, DateTimeOffset? LastSuccess, long Pages, long Records, string? Error)>();
        try
        {
            using var store = gate.OpenRead();
            streams = store.Query("""
                SELECT source, account, stream, cursor_at, last_pull_at, last_success_at, pages, records, last_error FROM pull_cursors ORDER BY source, account, stream
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2), Instant(r, 3), Instant(r, 4), Instant(r, 5), r.GetInt64(6), r.GetInt64(7),
                r.IsDBNull(8) ? null : r.GetString(8)));
        }
        catch (Store.StoreException)
        {
            // No database yet: nothing pulled so far.
        }
        return worker.Statuses.Select(s => (object)new
        {
            source = s.Source, schedule = s.Schedule, next_sync = s.NextSync, running = s.Running, last_error = s.LastError,
            last_sync = streams.Where(x => x.Source == s.Source).Select(x => x.LastSuccess).Max(),
            streams = streams.Where(x => x.Source == s.Source).Select(x => new
            {
                account = x.Account, stream = x.Stream, cursor = x.Cursor, last_pull = x.LastPull, last_success = x.LastSuccess,
                pages = x.Pages, records = x.Records, last_error = x.Error,
            }).ToList(),
        }).ToList();
    }

    private static DateTimeOffset? Instant(System.Data.IDataRecord r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(Convert.ToDateTime(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
}
