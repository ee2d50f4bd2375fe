using InsightEngine.Analysis;
using InsightEngine.Maturity;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports;

/// <summary>A report built from the store: its figures (the JSON form) and its document (HTML and Markdown), made on demand.</summary>
/// <param name="Figures">The typed figures the report shows.</param>
/// <param name="Document">Renders them as a document.</param>
public sealed record BuiltReport(object Figures, Func<ReportDocument> Document);

/// <summary>The reports the CLI (<c>insight report KIND</c>) and the API (<c>/api/reports/KIND</c>) offer: one list, one switch.</summary>
public static class ReportCatalog
{
    /// <summary>The report kinds.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["weekly", "maturity", "noise"];

    /// <summary>Builds report <paramref name="kind"/> in <paramref name="session"/>; the maturity report takes a rubric and answers.</summary>
    public static BuiltReport Build(string kind, AnalysisSession session, ReportOptions options, Rubric? rubric = null, Answers? answers = null)
    {
        switch (kind)
        {
            case "weekly":
            {
                var review = WeeklyReviews.Build(session, options);
                return new BuiltReport(review, () => WeeklyReviewDocument.Create(review));
            }
            case "noise":
            {
                var report = NoiseReports.Build(session, options);
                return new BuiltReport(report, () => NoiseReportDocument.Create(report));
            }
            case "maturity":
            {
                var assessment = Assessor.Assess(session, options.Request, rubric ?? Rubric.Default(), answers);
                return new BuiltReport(assessment, () => MaturityReportDocument.Create(assessment));
            }
            default:
                throw new Settings.InvalidSettingException("kind", $"'{kind}' is not a report (use one of: {string.Join(", ", Kinds)}).");
        }
    }
}
