#!/usr/bin/env dotnet
#:project ../src/InsightEngine.Reports/InsightEngine.Reports.csproj
// 04 · Incident maturity, from the evidence
//
// Where does the organisation stand on the two maturity models (who declares and runs incidents: Centralized →
// Distributed → Democratized; how it responds: Reactive → Responsive → Proactive → Elite), why, how sure, and what the
// next stage takes. This is `insight assess` and the maturity report; the rubric is
// src/InsightEngine/Maturity/rubric.yaml (docs/maturity.md).
//
//   dotnet run notebooks/04-maturity.cs                          # the sample, imported into memory
//   dotnet run notebooks/04-maturity.cs -- --db insight.duckdb   # your own store
//
// It prints its narrative and figures and writes notebooks/output/04-maturity.html (and .md with its charts,
// .figures.json), and the maturity report beside it. A test runs this file on the sample and checks the placement
// against `insight assess`.
using InsightEngine.Maturity;
using InsightEngine.Reports;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Walkthroughs;

using var page = Walkthrough.Start(args, "04-maturity", "04 · Incident maturity, from the evidence",
    "Where the organisation stands on the two maturity models, why, how sure, and what the next stage takes (insight assess).");
var (session, request) = (page.Session, page.Request);

// ── Assess ──────────────────────────────────────────────────────────────────────────────────────────────────────────
// Assessor.Assess turns the data into signals (declaration breadth, MTTA/MTTR, recurrence, follow-through, noise ...),
// judges each stage's requirements against them and places the organisation on each model. A requirement the data
// cannot show is *unknown*, never a failure; it lowers the confidence instead.
page.Section("Assess",
    "Assessor.Assess turns the data into signals, judges each stage's requirements against them and places the organisation " +
    "on each model (insight assess). A requirement the data cannot show is unknown, never a failure: it lowers the confidence instead.");
var assessment = Assessor.Assess(session, request, Rubric.Default());
page.Say($"{assessment.Incidents:N0} incidents, {assessment.From:yyyy-MM-dd} to {assessment.To:yyyy-MM-dd}.");
page.Figure("overall_score", "Overall score", assessment.Overall.Score, "number",
    $"{assessment.Overall.Band}, confidence {Cells.Percent(assessment.Overall.Confidence)}");
foreach (var model in assessment.Models)
    page.Figure($"stage_{model.Model}", model.Name, model.StageName, "text", $"level {model.Level} of {model.Levels}, confidence {model.ConfidenceLabel}");
page.Table(assessment.Models.Select(m => new { m.Name, Stage = m.StageName, Level = $"{m.Level} of {m.Levels}", Confidence = m.ConfidenceLabel, Next = m.NextStage }));

// ── Why: every requirement of every stage ───────────────────────────────────────────────────────────────────────────
// Each requirement with the observed value, the threshold, its sample size and its status.
page.Section("Why: every requirement of every stage", "Each requirement with the observed value, the threshold, the n it rests on and its status.");
page.Table(assessment.Models.SelectMany(m => m.Stages.SelectMany(s => s.Requirements.Select(r => new
{
    m.Model, Stage = s.Name, StageStatus = s.Status, Requirement = r.Label, Observed = r.ValueText, Threshold = r.ThresholdText, r.N, r.Status,
}))), max: 60);

// ── Lifecycle phase scores ──────────────────────────────────────────────────────────────────────────────────────────
// 0–100 per phase (detect, respond, learn ...), each the weighted mean of its signals' scores; the weakest phase is where
// the next steps point.
page.Section("Lifecycle phase scores",
    "0–100 per phase, each the weighted mean of its signals' scores; the weakest phase is where the next steps point.");
page.Chart(BarCharts.Scores("phases", "Phase scores", assessment.Phases.Select(p => p.Name).ToList(), assessment.Phases.Select(p => p.Score).ToList(),
    "Each lifecycle phase's score from 0 to 100."));
page.Figure("weakest_phase", "Weakest phase", assessment.WeakestPhase, "text");
page.Table(assessment.Phases.Select(p => new { p.Name, Score = Cells.Number(p.Score), Confidence = Cells.Percent(p.Confidence), Signals = p.Signals.Count }));

// ── Next steps, missing evidence and the trend by quarter ───────────────────────────────────────────────────────────
page.Section("Next steps", "What the next stage takes, weakest first.");
page.Bullets(assessment.NextSteps);
page.Section("Missing evidence", "What the data does not show, and what would let the assessment judge it.");
page.Bullets(assessment.MissingEvidence.Count > 0 ? assessment.MissingEvidence : ["Nothing: every requirement rests on recorded data."]);
page.Section("The trend by quarter", "The same assessment per calendar quarter.");
page.Table(assessment.Quarters.Select(q => new
{
    q.Quarter, q.Incidents, Overall = Cells.Number(q.Overall), q.Band, Stages = string.Join(", ", q.Stages.Select(s => $"{s.Key}: {s.Value}")),
}));

// ── The report ──────────────────────────────────────────────────────────────────────────────────────────────────────
// The same assessment as the maturity report (`insight report maturity`), written beside this page.
page.Section("The maturity report", "The same assessment as insight report maturity writes it, beside this page.");
var report = ReportFiles.Write(MaturityReportDocument.Create(assessment), "html", page.Arguments.Out);
page.Say($"Maturity report: {Path.GetFileName(report)}");
page.Finish();
