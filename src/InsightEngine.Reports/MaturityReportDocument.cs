using System.Globalization;
using InsightEngine.Maturity;
using InsightEngine.Reports.Charts;
using InsightEngine.Reports.Document;
using static InsightEngine.Reports.Document.Cells;

namespace InsightEngine.Reports;

/// <summary>
/// The maturity assessment (<see cref="Assessor"/>) as a report a head of engineering can take to a meeting: stage per
/// model with confidence, phase scores as a chart, next steps, the evidence behind every requirement, what would raise
/// the confidence, and the quarter-by-quarter trend.
/// </summary>
public static class MaturityReportDocument
{
    /// <summary>The assessment as a document.</summary>
    public static ReportDocument Create(Assessment a)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(a.TimeZone);
        var subtitle = $"Period {Date(a.From, zone)} to {Date(a.To, zone)} ({Count(a.Incidents)} incidents, {a.TimeZone}). Data as of {DateTime(a.AsOf, zone)}. " +
                       $"Rubric: {a.Rubric}. Questionnaire: {a.Answers ?? "none"}.";
        var sections = new List<Section>
        {
            new("Where you stand", Standing(a)),
            new("Lifecycle phases", Phases(a)),
            new("Next steps", [new BulletList(a.Models.SelectMany(m => m.NextSteps).Concat(a.NextSteps).Distinct(StringComparer.Ordinal)
                .Select(s => (IReadOnlyList<Inline>)[new Text(s)]).ToList())]),
        };
        foreach (var m in a.Models) sections.Add(new($"{m.Name}: the evidence", Evidence(m)));
        if (a.MissingEvidence.Count > 0)
            sections.Add(new("What would raise the confidence",
                [new BulletList(a.MissingEvidence.Select(s => (IReadOnlyList<Inline>)[new Text(s)]).ToList())]));
        if (a.Quarters.Count > 0) sections.Add(new("Quarter by quarter", Quarters(a)));
        sections.Add(new("How this is judged",
        [
            new Paragraph("Each stage has requirements on signals computed from your data (docs/maturity.md); a stage is reached when all its requirements are met. " +
                          "Missing data is never counted as failure: it lowers the confidence instead. Answers to the questionnaire (insight assess --init-answers) fill what exports cannot show."),
            new Paragraph($"Computed with {InsightEngine.Reporting.SettingsText.All(a.Settings)} (docs/configuration.md)."),
        ]));
        return new ReportDocument($"maturity-assessment-{Date(a.To.AddSeconds(-1), zone)}", "Incident maturity assessment", subtitle, sections);
    }

    private static List<Block> Standing(Assessment a)
    {
        static Tone ToneOf(double confidence) => confidence >= 0.5 ? Tone.Neutral : Tone.Muted;
        var cards = a.Models.Select(m => new Card(m.Name, m.StageName,
            $"stage {m.Level} of {m.Levels}; confidence {m.ConfidenceLabel} ({Percent(m.Confidence)}){(m.NextStage is { } n ? $"; next: {n}" : "")}", ToneOf(m.Confidence))).ToList();
        cards.Add(new Card("Overall (7-level scale)", a.Overall.Band ?? "not enough data",
            $"{(a.Overall.Score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) + " / 100" : "no score")}; confidence {Assessor.ConfidenceLabel(a.Overall.Confidence)} ({Percent(a.Overall.Confidence)})",
            ToneOf(a.Overall.Confidence)));
        return
        [
            new Cards(cards),
            new Table([new("model"), new("stage"), new("level", true), new("confidence"), new("what the stage means")],
                a.Models.Select(m => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of(m.Name), Of(new Strong(m.StageName)), Of($"{m.Level} of {m.Levels}"), Of($"{m.ConfidenceLabel} ({Percent(m.Confidence)})"),
                    Of(m.Stages.FirstOrDefault(s => s.Id == m.Stage)?.Summary),
                ]).ToList()),
        ];
    }

    private static List<Block> Phases(Assessment a)
    {
        var blocks = new List<Block>
        {
            BarCharts.Scores("phase-scores", "Lifecycle phase scores (0-100)", a.Phases.Select(p => p.Name).ToList(), a.Phases.Select(p => p.Score).ToList(),
                "Phase scores: " + string.Join("; ", a.Phases.Select(p => $"{p.Name} {(p.Score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "no evidence")}")) + "."),
            new Table([new("phase"), new("score", true), new("confidence", true), new("evidence")],
                a.Phases.Select(p => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    p.Phase == a.WeakestPhase ? Of(new Text(p.Name + " "), new Flag("weakest", Tone.Bad)) : Of(p.Name),
                    Of(p.Score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "n/a"), Of(Percent(p.Confidence)),
                    Of(string.Join("; ", p.Signals.Where(x => x.Score is not null).Select(x => $"{x.Label} {x.ValueText} → {x.Score:0}")) is { Length: > 0 } e ? e : "no evidence"),
                ]).ToList()),
        };
        return blocks;
    }

    private static List<Block> Evidence(ModelPlacement m)
    {
        var rows = new List<IReadOnlyList<IReadOnlyList<Inline>>>();
        foreach (var s in m.Stages)
        {
            var status = new Flag(s.Status.Replace('_', ' '), s.Status switch { "reached" => Tone.Good, "not_reached" => Tone.Bad, _ => Tone.Muted });
            if (s.Requirements.Count == 0) rows.Add([Of(s.Name), Of(status), Of("(starting stage)"), Of(""), Of(""), Of(""), Of(""), Of("")]);
            foreach (var r in s.Requirements)
                rows.Add([Of(s.Name), Of(status), Of(r.Label), Of(r.ThresholdText), Of(r.ValueText), Of(Count(r.N)), Of(r.Status.Replace('_', ' ')),
                          Of($"{r.Basis}: {r.Source}")]);
        }
        return
        [
            new Paragraph($"Model: {m.Source}."),
            new Table([new("stage"), new("stage status"), new("requirement"), new("needs"), new("value"), new("n", true), new("result"), new("basis")], rows),
        ];
    }

    private static List<Block> Quarters(Assessment a)
    {
        var quarters = a.Quarters.Select(q => q.Quarter).ToList();
        var series = new List<(string, IReadOnlyList<double?>)> { ("overall", a.Quarters.Select(q => q.Overall).ToList()) };
        series.AddRange(a.Phases.Select(p => (p.Name, (IReadOnlyList<double?>)a.Quarters.Select(q => q.Phases.GetValueOrDefault(p.Phase)).ToList())));
        return
        [
            TimeCharts.Lines("quarter-trend", "Scores quarter by quarter", "score (0-100)", quarters, series,
                "Overall and phase scores per quarter: " + string.Join("; ", a.Quarters.Select(q => $"{q.Quarter} overall {(q.Overall is { } o ? o.ToString("0", CultureInfo.InvariantCulture) : "n/a")}")) + ".",
                xLabel: "quarter", yMax: 105),
            new Table([new("quarter"), new("incidents", true), .. a.Models.Select(m => new Column(m.Name)), new("overall", true), new("band"), new("confidence", true)],
                a.Quarters.Select(q => (IReadOnlyList<IReadOnlyList<Inline>>)
                [
                    Of(q.Quarter), Of(Count(q.Incidents)), .. a.Models.Select(m => Of(q.Stages.GetValueOrDefault(m.Model))),
                    Of(q.Overall is { } o ? o.ToString("0", CultureInfo.InvariantCulture) : "n/a"), Of(q.Band ?? "n/a"), Of(Percent(q.Confidence)),
                ]).ToList()),
        ];
    }
}
