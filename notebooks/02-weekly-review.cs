#!/usr/bin/env dotnet
#:project ../src/InsightEngine.Reports/InsightEngine.Reports.csproj
// 02 · The weekly review, step by step
//
// `insight report weekly` in slow motion: the review's figures, where each comes from, and its charts. The review covers
// the last complete ISO week (Monday to Monday in the reporting zone) unless told another.
//
//   dotnet run notebooks/02-weekly-review.cs                      # the sample, imported into memory
//   dotnet run notebooks/02-weekly-review.cs -- --db insight.duckdb   # your own store
//
// It prints its narrative and figures and writes notebooks/output/02-weekly-review.html (and .md with its charts, and
// .figures.json). Every figure comes from the engine's API (WeeklyReviews.Build, Deltas, Response ...), never a copy of
// its SQL, so it equals what `insight metrics`, `insight report weekly`, the API and the dashboard give for the week;
// a test runs this file on the sample and checks the headline against `insight metrics deltas`.
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports;
using InsightEngine.Reports.Walkthroughs;

using var page = Walkthrough.Start(args, "02-weekly-review", "02 · The weekly review, step by step",
    "insight report weekly in slow motion: the review's figures, where each comes from, and its charts.");
var (store, session, request) = (page.Store, page.Session, page.Request);

// ── Build the review ────────────────────────────────────────────────────────────────────────────────────────────────
// WeeklyReviews.Build computes every figure through the metrics layer for the week's scope. Learning = false leaves the
// ML models out here (05-models.cs is about them); `insight report weekly` includes them by default.
page.Section("Build the review",
    "WeeklyReviews.Build computes every figure through the metrics layer for the week's scope: the last complete ISO week " +
    "in the reporting zone at the data's as-of instant.");
var review = WeeklyReviews.Build(session, new ReportOptions { Request = request, Learning = false });
var zone = TimeZoneInfo.FindSystemTimeZoneById(review.TimeZone);
page.Figure("week", "Week reviewed", review.Week, "text",
    $"{TimeZoneInfo.ConvertTime(review.From, zone):yyyy-MM-dd HH:mm} to {TimeZoneInfo.ConvertTime(review.To, zone):yyyy-MM-dd HH:mm} {review.TimeZone}, data as of {review.AsOf:u}");
page.Bullets(review.Summary);

// ── Headline figures ────────────────────────────────────────────────────────────────────────────────────────────────
// Each figure with last week's value and the trailing 12 weeks' normal range (median ± 3 scaled MAD); the verdict says
// whether this week is outside it, or that there is too little data to say. This is `insight metrics deltas`.
page.Section("Headline figures against last week and the normal range",
    $"The deltas metric for {review.Week} (insight metrics deltas --week {review.Week}): each figure with the n it rests on, " +
    "last week's value, the trailing 12 weeks' normal range (median ± 3 × 1.4826 × MAD) and the verdict. A rate or a duration " +
    "over fewer than 5 values, or fewer than 4 usable trailing weeks, is 'too_few_data', never a winner.");
var headline = Deltas.Compute(session, request with { Week = review.Week });
page.Check(headline.Rows.SequenceEqual(review.Headline.Rows), "the review's headline and the deltas metric disagree");
foreach (var row in headline.Rows)   // kept in 02-weekly-review.figures.json; the table shows them
    page.Figure(row.Figure, row.Label, row.Value, row.Unit,
        $"n {row.N}; last week {WeeklySummary.Value(row.Unit, row.Previous)}; normal {WeeklySummary.Range(row)}; {row.Verdict}", show: false);
page.Table(headline.Rows.Select(r => new
{
    r.Label, ThisWeek = WeeklySummary.Value(r.Unit, r.Value), r.N, LastWeek = WeeklySummary.Value(r.Unit, r.Previous),
    Normal = WeeklySummary.Range(r), r.Verdict,
}));

// ── The same numbers from the metrics layer ─────────────────────────────────────────────────────────────────────────
// The review computes nothing itself: its response table is Response.Compute over the week, exactly what
// `insight metrics response --by severity --from MONDAY --to NEXT-MONDAY` prints. Checked here.
page.Section("The same numbers from the metrics layer",
    $"The review's response table is Response.Compute over the week: insight metrics response --by severity " +
    $"--from {review.From:yyyy-MM-ddTHH:mm:ssZ} --to {review.To:yyyy-MM-ddTHH:mm:ssZ}. TTA is unknown, not zero, where the source does not record acknowledgement.");
var direct = Response.Compute(session, request with { Period = new Period(review.From, review.To), By = "severity" });
page.Check(direct.Rows.SequenceEqual(review.Response.Rows), "the review and the metrics layer disagree on response times");
page.Table(direct.Rows.Select(r => new
{
    Severity = r.Group, r.Incidents, r.Open,
    MTTA_median = r.TimeToAcknowledge.MedianSeconds is { } a ? TimeSpan.FromSeconds(a) : (TimeSpan?)null, MTTA_n = r.TimeToAcknowledge.N,
    MTTR_median = r.TimeToResolve.MedianSeconds is { } m ? TimeSpan.FromSeconds(m) : (TimeSpan?)null,
    MTTR_p90 = r.TimeToResolve.P90Seconds is { } p ? TimeSpan.FromSeconds(p) : (TimeSpan?)null, MTTR_n = r.TimeToResolve.N,
    Unknown = r.Unknown ?? "",
}));

// ── The week's incidents, noisy rules and on-call load ──────────────────────────────────────────────────────────────
page.Section("The week's incidents", "The week's incidents, most severe first (insight metrics incidents for the week).");
page.Table(review.Incidents.Rows.Select(i => new
{
    i.Number, i.Severity, i.Service, i.Title, Created = i.CreatedAt,
    Ttr = i.TtrSeconds is { } t ? TimeSpan.FromSeconds(t) : (TimeSpan?)null, i.IsOpen,
}), max: 10);
page.Section("Noisy rules", "The week's noisiest alert rules with what the noisy-alert report advises (insight metrics noisy-alerts).");
page.Table(review.Advice.Select(a => new { a.Rule.Rule, a.Rule.Alerts, NoiseShare = WeeklySummary.Value("ratio", a.Rule.NoiseShare), a.Advice.Action }));
page.Section("On-call load", "Pages, responders and pages out of hours (insight metrics oncall).");
page.Table(review.OnCall.Rows.Select(r => new { r.Group, r.Pages, r.Responders, r.OutOfHoursPages, r.SleepPages }));

// ── The charts ──────────────────────────────────────────────────────────────────────────────────────────────────────
// The review document (WeeklyReviewDocument.Create) holds the charts the HTML and Markdown renderers place.
page.Section("The charts", "The charts of the review document, as insight report weekly draws them.");
var document = WeeklyReviewDocument.Create(review);
var charts = document.Charts.ToList();
page.Check(charts.Count >= 3, $"expected the review's charts, got {charts.Count}");
foreach (var chart in charts) page.Chart(chart);

// ── Write the report ────────────────────────────────────────────────────────────────────────────────────────────────
// The same document rendered as `insight report weekly` writes it: HTML (self-contained) and Markdown with PNGs beside it.
page.Section("The written report", "The review itself, as insight report weekly writes it, beside this page.");
var reportHtml = ReportFiles.Write(document, "html", page.Arguments.Out);
page.Say($"Weekly review: {Path.GetFileName(reportHtml)}");
page.Finish();
