using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Store;

namespace InsightEngine.Maturity;

/// <summary>
/// Places the organisation on the rubric's models from the evidence in the store (and the questionnaire, if given):
/// signals → requirements → stages; signals → phase scores → overall band; next steps phrased from the figures; the
/// same per calendar quarter. Missing data never counts as failure: it lowers the confidence.
/// </summary>
public static class Assessor
{
    /// <summary>What a quarter without incidents shows for every model.</summary>
    public const string NoData = "no data";

    /// <summary>A stage is claimed only when at least this share of its requirements' evidence is there.</summary>
    public const double MinimumEvidence = 0.5;

    /// <summary>Assesses the request's period (default: all the data), with the rubric and optional answers.</summary>
    public static Assessment Assess(InsightStore store, MetricRequest request, Rubric rubric, Answers? answers = null)
    {
        using var session = new AnalysisSession(store);
        return Assess(session, request, rubric, answers);
    }

    /// <summary>Assesses in <paramref name="session"/> (its shared blocks computed once for the whole assessment).</summary>
    public static Assessment Assess(AnalysisSession session, MetricRequest request, Rubric rubric, Answers? answers = null)
    {
        request.Validate();
        var asOf = request.AsOf ?? MetricQueries.DataAsOf(session.Store);
        var fixedRequest = request with { AsOf = asOf, By = null };
        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.Options.TimeZone);
        // The assessed period is where the incidents and alerts are (their creation times), not where one stray
        // late timestamp (a closed_at years on) lies.
        var first = session.Store.Scalar<DateTime?>("SELECT least((SELECT min(created_at) FROM incidents), (SELECT min(created_at) FROM alerts))");
        var last = session.Store.Scalar<DateTime?>("SELECT greatest((SELECT max(created_at) FROM incidents), (SELECT max(created_at) FROM alerts))");
        var from = request.Period.From ?? (first is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : asOf);
        var lastCreated = last is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Utc)) : asOf;
        var to = request.Period.To ?? (lastCreated < asOf ? lastCreated : asOf).AddTicks(10);   // never past an explicit as-of
        if (to < from) to = from;

        using var shared = session.Materialize(fixedRequest, MetricQueries.Scope(session.Store, fixedRequest, "(maturity)"));
        var main = Evaluate(session, fixedRequest, rubric, answers, from, to, asOf);
        var quarters = Quarters(from, to, zone)
            .Select(q =>
            {
                var e = Evaluate(session, fixedRequest, rubric, answers, q.From, q.To, asOf);
                if (e.Incidents == 0)   // a quarter without incidents has no evidence to place: "no data", not a stage
                {
                    return new QuarterAssessment(q.Label, q.From, q.To, 0,
                        e.Models.ToDictionary(m => m.Model, _ => NoData), new Dictionary<string, double?>(), null, null, 0);
                }
                return new QuarterAssessment(q.Label, q.From, q.To, e.Incidents,
                    e.Models.ToDictionary(m => m.Model, m => m.StageName), e.Phases.ToDictionary(p => p.Phase, p => Round(p.Score)),
                    Round(e.Overall.Score), e.Overall.Band, Math.Round(e.Overall.Confidence, 2));
            })
            .ToList();
        return main with { Quarters = quarters, TimeZone = request.Options.TimeZone };
    }

    private static Assessment Evaluate(AnalysisSession session, MetricRequest request, Rubric rubric, Answers? answers,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf)
    {
        var signals = SignalCollector.Collect(session, request, from, to);
        if (answers is not null) signals.AddRange(answers.Signals(from, to, asOf));
        var byId = signals.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var incidents = session.Store.Scalar<long>("SELECT count(*) FROM incidents WHERE created_at >= $f AND created_at < $t",
            ("f", from.UtcDateTime), ("t", to.UtcDateTime));
        var text = new Phrasing(rubric, byId, incidents);

        var models = rubric.Models.Select(m => Place(m, rubric, byId, text)).ToList();
        var phases = rubric.Phases.Select(p => ScorePhase(p, rubric, byId)).ToList();
        var scored = phases.Where(p => p.Score is not null).ToList();
        double? overall = scored.Count == 0 ? null : scored.Average(p => p.Score!.Value);
        var band = overall is { } o ? rubric.Bands.Last(b => b.From <= o + 1e-9).Name : null;
        var weakest = scored.OrderBy(p => p.Score).FirstOrDefault();

        var steps = new List<string>();
        if (weakest is not null)
        {
            foreach (var s in weakest.Signals.Where(s => s.Score is < 75).OrderBy(s => s.Score).ThenByDescending(s => s.Weight).Take(3))
                steps.Add($"{weakest.Name}: {text.Advice(s.Signal, null, null)}");
            if (weakest.Confidence < MinimumEvidence)
                foreach (var s in weakest.Signals.Where(s => s.Evidence == 0).OrderByDescending(s => s.Weight).Take(2))
                    steps.Add($"{weakest.Name}: {text.Missing(s.Signal)}");
        }
        var used = rubric.Phases.SelectMany(p => p.Weights.Keys).Concat(rubric.Models.SelectMany(m => m.Stages.SelectMany(s => s.Requires.Select(r => r.Signal))));
        var missing = used.Distinct(StringComparer.Ordinal).Where(id => !(byId.TryGetValue(id, out var s) && s.Known))
            .Select(text.Missing).Distinct(StringComparer.Ordinal).ToList();

        return new Assessment(from, to, asOf, request.Options.TimeZone, rubric.Path, answers?.Path, incidents, models, phases, weakest?.Phase,
            new OverallScore(Round(overall), band, Math.Round(phases.Count == 0 ? 0 : phases.Average(p => p.Confidence), 2)),
            steps, missing, signals, [], request.Options.Describe());
    }

    private static ModelPlacement Place(MaturityModel model, Rubric rubric, Dictionary<string, MaturitySignal> signals, Phrasing text)
    {
        var level = 0;
        var results = new List<StageResult> { new(model.Stages[0].Id, model.Stages[0].Name, model.Stages[0].Summary, "reached", []) };
        var considered = new List<RequirementResult>();
        var stopped = false;
        for (var k = 1; k < model.Stages.Count; k++)
        {
            var stage = model.Stages[k];
            var reqs = stage.Requires.Select(r => Judge(r, rubric.Signals[r.Signal], signals.GetValueOrDefault(r.Signal))).ToList();
            if (stopped)
            {
                results.Add(new StageResult(stage.Id, stage.Name, stage.Summary, "not_assessed", reqs));
                continue;
            }
            considered.AddRange(reqs);
            // A stage is reached on enough evidence, and never on proxies alone: at least one requirement met on recorded data.
            var status = reqs.Any(r => r.Status == "not_met") ? "not_reached"
                : reqs.Average(r => r.Evidence) < MinimumEvidence || !reqs.Any(r => r.Status == "met" && r.Basis != MaturitySignal.Proxy) ? "undetermined"
                : "reached";
            results.Add(new StageResult(stage.Id, stage.Name, stage.Summary, status, reqs));
            if (status == "reached") level = k;
            else stopped = true;
        }
        var next = level + 1 < model.Stages.Count ? model.Stages[level + 1] : null;
        var steps = new List<string>();
        if (next is not null)
        {
            foreach (var r in results[level + 1].Requirements)
            {
                var req = next.Requires.First(x => x.Signal == r.Signal);
                if (r.Status == "not_met") steps.Add($"To reach {next.Name}: {text.Advice(r.Signal, req.Threshold, req.Advice)}");
                else if (r.Status == "unknown" || r.Evidence < 1) steps.Add($"To reach {next.Name}: {text.Missing(r.Signal)}");
            }
        }
        var confidence = considered.Count == 0 ? 1 : considered.Average(r => r.Evidence);
        return new ModelPlacement(model.Id, model.Name, model.Source, model.Stages[level].Id, model.Stages[level].Name, level + 1, model.Stages.Count,
            Math.Round(confidence, 2), ConfidenceLabel(confidence), next?.Name, results, steps);
    }

    private static RequirementResult Judge(StageRequirement r, SignalScale scale, MaturitySignal? s)
    {
        var unit = Rubric.KnownSignals[r.Signal];
        var evidence = Weighted(scale.Evidence(s), s);
        var status = s is not { Known: true } ? "unknown" : r.Holds(s.Value!.Value) ? "met" : "not_met";
        return new RequirementResult(r.Signal, scale.Label, r.Op, r.Threshold, $"{(r.Op == "at_most" ? "≤" : "≥")} {Format.Value(r.Threshold, unit)}",
            s?.Value, Format.Value(s?.Value, unit), s?.N ?? 0, status, Math.Round(evidence, 2), s?.Basis ?? "data", s?.Source ?? "", r.Source);
    }

    /// <summary>Evidence as the signal's coverage gives it, halved for a proxy (an inference, not a record).</summary>
    private static double Weighted(double evidence, MaturitySignal? s) => s?.Basis == MaturitySignal.Proxy ? evidence / 2 : evidence;

    private static PhaseScore ScorePhase(MaturityPhase phase, Rubric rubric, Dictionary<string, MaturitySignal> signals)
    {
        var parts = phase.Weights.Select(w =>
        {
            var scale = rubric.Signals[w.Key];
            var s = signals.GetValueOrDefault(w.Key);
            var evidence = Weighted(scale.Evidence(s), s);
            double? score = s is { Known: true } ? scale.Score(s.Value!.Value) : null;
            return new SignalScore(w.Key, scale.Label, s?.Value, Format.Value(s?.Value, Rubric.KnownSignals[w.Key]), s?.N ?? 0, Round(score), w.Value,
                Math.Round(evidence, 2), s?.Basis ?? "data", s?.Source ?? "");
        }).ToList();
        var weight = parts.Sum(p => p.Weight);
        var withEvidence = parts.Where(p => p.Score is not null && p.Evidence > 0).ToList();
        var mass = withEvidence.Sum(p => p.Weight * p.Evidence);
        double? score = mass > 0 ? withEvidence.Sum(p => p.Weight * p.Evidence * p.Score!.Value) / mass : null;
        return new PhaseScore(phase.Id, phase.Name, Round(score), Math.Round(weight == 0 ? 0 : mass / weight, 2), parts);
    }

    /// <summary>Calendar quarters (in the reporting zone) overlapping [from, to), clipped to it.</summary>
    public static IEnumerable<(string Label, DateTimeOffset From, DateTimeOffset To)> Quarters(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        if (to <= from) yield break;
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var start = new DateTime(local.Year, (local.Month - 1) / 3 * 3 + 1, 1);
        while (true)
        {
            var qStart = new DateTimeOffset(start, zone.GetUtcOffset(start));
            if (qStart >= to) yield break;
            var endLocal = start.AddMonths(3);
            var qEnd = new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
            yield return ($"{start.Year}-Q{(start.Month - 1) / 3 + 1}", qStart < from ? from : qStart, qEnd > to ? to : qEnd);
            start = endLocal;
        }
    }

    /// <summary>high ≥ 0.8, medium ≥ 0.5, else low.</summary>
    public static string ConfidenceLabel(double c) => c >= 0.8 ? "high" : c >= 0.5 ? "medium" : "low";

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 1) : null;

    /// <summary>Fills the rubric's advice templates with the organisation's own figures.</summary>
    private sealed class Phrasing(Rubric rubric, Dictionary<string, MaturitySignal> signals, long incidents)
    {
        public string Advice(string signal, double? threshold, string? template) => Fill(template ?? rubric.Signals[signal].Advice, signal, threshold);

        public string Missing(string signal) => Fill(rubric.Signals[signal].Missing, signal, null);

        private string Fill(string template, string id, double? threshold)
        {
            var scale = rubric.Signals[id];
            var unit = Rubric.KnownSignals[id];
            var s = signals.GetValueOrDefault(id);
            return template
                .Replace("{value}", Format.Value(s?.Value, unit), StringComparison.Ordinal)
                // A stage's step aims at the stage's own threshold; a phase's at the scale's "good".
                .Replace("{good}", Format.Value(threshold ?? scale.Good, unit), StringComparison.Ordinal)
                .Replace("{poor}", Format.Value(scale.Poor, unit), StringComparison.Ordinal)
                .Replace("{threshold}", Format.Value(threshold ?? scale.Good, unit), StringComparison.Ordinal)
                .Replace("{n}", (s?.N ?? 0).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{detail}", s?.Detail ?? "", StringComparison.Ordinal)
                .Replace("{incidents}", incidents.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
    }
}
