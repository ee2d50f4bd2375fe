using System.Globalization;
using System.Text;
using InsightEngine.Reporting;

namespace InsightEngine.Maturity;

/// <summary>The assessment as Markdown (<c>insight assess --format markdown</c>; the maturity report builds on it).</summary>
public static class AssessmentMarkdown
{
    /// <summary>Renders the whole assessment: placements, phases, next steps, evidence, quarterly trend.</summary>
    public static string Render(Assessment a)
    {
        static string E(string? s) => MarkdownText.Escape(s);
        static string Pct(double c) => string.Create(CultureInfo.InvariantCulture, $"{c * 100:0}%");
        var sb = new StringBuilder();
        sb.AppendLine("# Incident maturity assessment").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Period {a.From:yyyy-MM-dd} to {a.To:yyyy-MM-dd} ({a.Incidents} incidents), data as of {a.AsOf:yyyy-MM-dd HH:mm} UTC, zone {E(a.TimeZone)}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Rubric: {E(a.Rubric)}. Questionnaire: {(a.Answers is null ? "none (answers raise the confidence: `insight assess --init-answers`)" : E(a.Answers))}.").AppendLine();

        sb.AppendLine("## Where you stand").AppendLine();
        sb.AppendLine("| model | stage | level | confidence |").AppendLine("|---|---|---:|---|");
        foreach (var m in a.Models)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {E(m.Name)} | **{E(m.StageName)}** | {m.Level} of {m.Levels} | {m.ConfidenceLabel} ({Pct(m.Confidence)}) |");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| Overall (7-level scale) | **{E(a.Overall.Band ?? "not enough data")}** | {(a.Overall.Score is { } o ? o.ToString("0", CultureInfo.InvariantCulture) + " / 100" : "n/a")} | {Assessor.ConfidenceLabel(a.Overall.Confidence)} ({Pct(a.Overall.Confidence)}) |");
        sb.AppendLine();

        sb.AppendLine("## Lifecycle phases").AppendLine();
        sb.AppendLine("| phase | score | confidence | evidence |").AppendLine("|---|---:|---|---|");
        foreach (var p in a.Phases)
        {
            var evidence = string.Join("; ", p.Signals.Where(s => s.Score is not null).Select(s => $"{E(s.Label)} {E(s.ValueText)} → {s.Score:0}"));
            var weakest = p.Phase == a.WeakestPhase ? " (weakest)" : "";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {E(p.Name)}{weakest} | {(p.Score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "n/a")} | {Pct(p.Confidence)} | {(evidence.Length == 0 ? "no evidence" : evidence)} |");
        }
        sb.AppendLine();

        sb.AppendLine("## Next steps").AppendLine();
        foreach (var step in a.Models.SelectMany(m => m.NextSteps).Concat(a.NextSteps).Distinct(StringComparer.Ordinal)) sb.AppendLine($"- {E(step)}");
        sb.AppendLine();

        foreach (var m in a.Models)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"## {E(m.Name)}: evidence").AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Model: {E(m.Source)}.").AppendLine();
            sb.AppendLine("| stage | requirement | needs | value | n | result | basis | threshold from |").AppendLine("|---|---|---|---|---:|---|---|---|");
            foreach (var s in m.Stages)
            {
                if (s.Requirements.Count == 0) sb.AppendLine($"| {E(s.Name)} | (starting stage) | | | | {s.Status} | | |");
                foreach (var r in s.Requirements)
                    sb.AppendLine($"| {E(s.Name)} ({s.Status}) | {E(r.Label)} | {E(r.ThresholdText)} | {E(r.ValueText)} | {r.N} | {r.Status} | {r.Basis}: {E(r.Source)} | {E(r.Citation)} |");
            }
            sb.AppendLine();
        }

        if (a.MissingEvidence.Count > 0)
        {
            sb.AppendLine("## What would raise the confidence").AppendLine();
            foreach (var m in a.MissingEvidence) sb.AppendLine($"- {E(m)}");
            sb.AppendLine();
        }

        if (a.Quarters.Count > 0)
        {
            sb.AppendLine("## Quarter by quarter").AppendLine();
            var models = a.Models.Select(m => m.Model).ToList();
            sb.AppendLine("| quarter | incidents | " + string.Join(" | ", a.Models.Select(m => E(m.Name))) + " | overall | band |");
            sb.AppendLine("|---|---:|" + string.Concat(models.Select(_ => "---|")) + "---:|---|");
            foreach (var q in a.Quarters)
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {q.Quarter} | {q.Incidents} | {string.Join(" | ", models.Select(m => E(q.Stages.GetValueOrDefault(m))))} | {(q.Overall is { } qo ? qo.ToString("0", CultureInfo.InvariantCulture) : "n/a")} | {E(q.Band ?? "n/a")} |");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
