using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports;
using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>
/// Writes the weekly review (HTML and Markdown) to the reports folder on schedule (default Monday 06:00 UTC) for the
/// week that just ended, keeping the latest <see cref="WeeklySchedule.Keep"/> reviews.
/// </summary>
public sealed class WeeklyReviewWorker(StoreGate gate, IOptions<ServiceOptions> options, TimeProvider clock, ILogger<WeeklyReviewWorker> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.WeeklyReview;
        if (!schedule.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.Next(clock.GetUtcNow());
            log.LogInformation("Next weekly review at {Next:u}", next);
            try
            {
                await Task.Delay(next - clock.GetUtcNow(), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                Write(next, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The weekly review due at {Due:u} failed", next);
            }
        }
    }

    /// <summary>Writes the review of the week before <paramref name="due"/> and prunes old ones; returns the HTML file.</summary>
    internal string Write(DateTimeOffset due, CancellationToken stopping = default)
    {
        var schedule = options.Value.WeeklyReview;
        // The schedule's zone says when the review runs; the figures are in the settings' reporting zone, as every other
        // surface's are.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(gate.Settings.Metrics.TimeZone);
        var week = Deltas.Label(Deltas.LastCompleteWeek(due, zone));
        using var read = gate.OpenSession(stopping);
        var review = WeeklyReviews.Build(read.Analysis, new ReportOptions
        {
            Request = new MetricRequest { Week = week, Options = gate.Settings.Metrics }, Cancellation = stopping,
        });
        var document = WeeklyReviewDocument.Create(review);
        var html = ReportFiles.Write(document, "html", options.Value.Reports);
        ReportFiles.Write(document, "md", options.Value.Reports);
        log.LogInformation("Wrote the weekly review of {Week}: {File}", week, html);
        Prune(options.Value.Reports, schedule.Keep);
        return html;
    }

    private static void Prune(string folder, int keep)
    {
        var reviews = Directory.GetFiles(folder, "weekly-review-*.html").Order(StringComparer.Ordinal).ToList();
        foreach (var old in reviews.Take(Math.Max(0, reviews.Count - keep)))
        {
            var stem = Path.GetFileNameWithoutExtension(old);
            File.Delete(old);
            File.Delete(Path.Combine(folder, stem + ".md"));
            var charts = Path.Combine(folder, stem + "-charts");
            if (Directory.Exists(charts)) Directory.Delete(charts, recursive: true);
        }
    }
}
