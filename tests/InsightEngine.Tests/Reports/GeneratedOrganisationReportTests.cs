using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Maturity;
using InsightEngine.Reports;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Tests.Generation;

namespace InsightEngine.Tests.Reports;

/// <summary>Every report built from the generated organisation: its key figures are the metrics layer's, and the documents show them.</summary>
public sealed class GeneratedOrganisationReportTests(PlantedTruthTests.Sample sample) : IClassFixture<PlantedTruthTests.Sample>
{
    private MetricRequest Request => new() { Options = MetricOptions.Default with { TimeZone = sample.Truth.Generator.TimeZone } };

    [Fact]
    public void Weekly_review_figures_equal_the_metrics_and_appear_in_both_formats()
    {
        var review = WeeklyReviews.Build(sample.Store, new ReportOptions { Request = Request });
        var week = Request with { AsOf = review.AsOf, Period = new Period(review.From, review.To) };

        var response = Response.Compute(new AnalysisSession(sample.Store), week with { By = "severity" });
        Assert.Equal(WeeklyReviewTests.Json(response.Rows), WeeklyReviewTests.Json(review.Response.Rows));
        Assert.Equal(WeeklyReviewTests.Json(Deltas.Compute(new AnalysisSession(sample.Store), Request with { Week = review.Week }).Rows), WeeklyReviewTests.Json(review.Headline.Rows));
        Assert.Equal(WeeklyReviewTests.Json(OnCall.Compute(new AnalysisSession(sample.Store), week with { By = "all" }).Rows), WeeklyReviewTests.Json(review.OnCall.Rows));
        Assert.Equal(WeeklyReviewTests.Json(Noise.Noisiest(new AnalysisSession(sample.Store), week with { Limit = 10 }).Rows), WeeklyReviewTests.Json(review.NoisyAlerts.Rows));
        var incidents = Response.Compute(new AnalysisSession(sample.Store), week with { By = "all" }).Rows.Single().Incidents;
        Assert.Equal(incidents, review.Incidents.Rows.Count);
        Assert.True(review.Incidents.Rows.Count > 0 && review.Advice.Count > 0 && review.Summary.Count >= 3);

        // The learning layer took part: a forecast with its interval and a verdict.
        Assert.NotNull(review.Learning?.Forecast);
        Assert.NotEmpty(review.Learning!.ForecastVerdict);

        var document = WeeklyReviewDocument.Create(review);
        var html = HtmlRenderer.Render(document);
        var markdown = MarkdownRenderer.Render(document);
        var sev = response.Rows.First(r => r.Group != "all" && r.TimeToResolve.MedianSeconds is not null);
        foreach (var text in new[] { html, markdown.Markdown })
        {
            Assert.Contains($"{incidents} incidents in {review.Week}", text, StringComparison.Ordinal);
            Assert.Contains(Cells.Duration(sev.TimeToResolve.MedianSeconds), text, StringComparison.Ordinal);
            Assert.Contains(review.Advice[0].Advice.Action, text, StringComparison.Ordinal);
        }
        Assert.Equal(["trend-incidents", "trend-ttr-median-seconds", "trend-pages", "mttr-by-severity", "noise-pareto", "load-heatmap", "forecast-incidents"],
            document.Charts.Select(c => c.Id));
        Assert.All(document.Charts, c => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], c.Png.Take(4)));
        Assert.Equal(document.Charts.Count(), markdown.Files.Count);
        Assert.All(markdown.Files, f => Assert.Contains($"]({f.RelativePath})", markdown.Markdown, StringComparison.Ordinal));
    }

    [Fact]
    public void Noise_report_ranks_the_rules_the_metrics_rank_and_counts_the_pages_pruning_saves()
    {
        var report = NoiseReports.Build(sample.Store, new ReportOptions { Request = Request, Top = 10 });
        var scope = Request with { AsOf = report.AsOf, Period = new Period(report.From, report.To) };
        var rules = Noise.Noisiest(new AnalysisSession(sample.Store), scope with { Limit = 10 }).Rows;

        Assert.Equal(12 * 7, (report.To - report.From).TotalDays, 0.05);
        Assert.Equal(WeeklyReviewTests.Json(rules), WeeklyReviewTests.Json(report.Rules.Rows));
        Assert.Equal(rules.Sum(r => r.NoisePages), report.PagesSaved);
        Assert.Equal(Noise.Compute(new AnalysisSession(sample.Store), scope with { By = "all" }).Rows.Single().Noise, report.Overall.Rows.Single().Noise);
        // The planted noisy rules are the ones the report tells the team to prune.
        Assert.Contains(report.Rules.Rows, r => sample.Truth.NoisiestAlertRules.Any(n => r.Rule == n.Fingerprint));
        Assert.All(report.Advice, a => Assert.Contains(a.Advice.Action, new[] { "delete", "raise threshold", "group", "route elsewhere", "review" }));

        var html = HtmlRenderer.Render(NoiseReportDocument.Create(report));
        Assert.Contains($"Pruning them would have saved {Cells.Count(report.PagesSaved)} pages", html, StringComparison.Ordinal);
        Assert.Contains("Weekly alerts of the 5 noisiest rules", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Maturity_report_shows_the_assessment_stage_per_model_and_the_quarters()
    {
        var assessment = Assessor.Assess(sample.Store, Request, Rubric.Default());
        var document = MaturityReportDocument.Create(assessment);
        var html = HtmlRenderer.Render(document);
        foreach (var m in assessment.Models)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(m.StageName), html, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode($"{m.Name}: the evidence"), html, StringComparison.Ordinal);
        }
        Assert.Equal(["phase-scores", "quarter-trend"], document.Charts.Select(c => c.Id));
        Assert.All(assessment.Quarters, q => Assert.Contains(q.Quarter, html, StringComparison.Ordinal));
    }
}
