using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InsightEngine.Learning;

/// <summary>A past incident like a recent one: same service, similar title.</summary>
public sealed record SimilarIncident(string ExternalId, string? Number, string? Title, DateTime CreatedAt, double Similarity, string? Url);

/// <summary>A recent incident, the model's probability that its problem returns within the window, and its nearest past incidents.</summary>
public sealed record RecurrencePrediction(string Source, string ExternalId, string? Number, string? Title, string? Service, string Severity,
    DateTime CreatedAt, double Probability, bool RecurredBefore, IReadOnlyList<SimilarIncident> Similar);

/// <summary>
/// How the classifier did on the held-out (later) period, next to the "has it recurred before" heuristic: each AUC with
/// its 95 % interval (DeLong), the p of their paired difference, and the outcome — <c>better</c>, <c>no_better</c>,
/// <c>worse</c> (the difference is significant at 5 %, or not), or <c>too_small</c> (fewer than
/// <see cref="RecurrenceModel.MinHeldOutPerClass"/> held-out incidents that recurred or did not: no winner declared).
/// </summary>
public sealed record RecurrenceEvaluation(DateTime TrainUntil, DateTime TestFrom, DateTime TestTo, int TrainCount, int TestCount,
    int TestPositives, double ModelAuc, double HeuristicAuc, bool BeatsHeuristic, string Verdict)
{
    /// <summary>95 % interval of the model's AUC: low end.</summary>
    public double ModelAucLow { get; init; }

    /// <summary>95 % interval of the model's AUC: high end.</summary>
    public double ModelAucHigh { get; init; }

    /// <summary>95 % interval of the heuristic's AUC: low end.</summary>
    public double HeuristicAucLow { get; init; }

    /// <summary>95 % interval of the heuristic's AUC: high end.</summary>
    public double HeuristicAucHigh { get; init; }

    /// <summary>Two-sided p of the paired difference (DeLong); null when it could not be computed.</summary>
    public double? DifferenceP { get; init; }

    /// <summary><c>better</c>, <c>no_better</c>, <c>worse</c> or <c>too_small</c>.</summary>
    public string Outcome { get; init; } = "too_small";
}

/// <summary>The recurrence model's output: its evaluation, its predictions for recent incidents, the model itself.</summary>
public sealed record RecurrenceResult(int WindowDays, RecurrenceEvaluation? Evaluation, IReadOnlyList<RecurrencePrediction> Predictions,
    IReadOnlyList<string> Features, [property: JsonIgnore] ITransformer? Model, [property: JsonIgnore] DataViewSchema? Schema, string? Note);

/// <summary>
/// For recent incidents: the probability that the same problem (same service and normalized title, as the recurrence
/// metric defines it) opens again within the window after it is resolved. A FastTree binary classifier over the
/// incident's severity, service, title words, how often and how recently its problem occurred and recurred before, when
/// it opened, how long it took, and whether a postmortem was completed. Evaluated on a time-ordered split: trained on
/// incidents whose outcome was settled a whole window before the test period starts, tested on the last 30 % of the
/// history (incidents whose outcome is known), against the heuristic "this problem has recurred before".
/// </summary>
public static class RecurrenceModel
{
    /// <summary>The model's inputs, as named in its metadata.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "severity", "service", "title words", "prior occurrences (log)", "prior recurrences (log)", "days since last occurrence",
        "hour of day", "weekend", "time to resolve (log)", "postmortem completed",
    ];

    private sealed class Example
    {
        public bool Label { get; set; }
        public string Severity { get; set; } = "";
        public string Service { get; set; } = "";
        public string Title { get; set; } = "";
        [VectorType(7)]
        public float[] Numbers { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }

    /// <summary>Held-out incidents needed in each class (recurred, did not) before a winner is declared.</summary>
    public const int MinHeldOutPerClass = 20;

    /// <summary>Trains, evaluates and predicts; <paramref name="recentDays"/>: which incidents count as recent.</summary>
    public static RecurrenceResult Run(IReadOnlyList<IncidentRow> incidents, int windowDays, int recentDays, int seed, CancellationToken cancellation = default)
    {
        // Which problem an incident belongs to rests on its title (or its fingerprint): without one it is unknown, and
        // so is whether it recurs. Too few keyed incidents: say so rather than learn from the few.
        var keyed = incidents.Count(i => i.ProblemKey is not null);
        if (incidents.Count > 0 && keyed < 0.5 * incidents.Count)
            return new RecurrenceResult(windowDays, null, [], FeatureNames, null, null,
                $"{incidents.Count - keyed:N0} of {incidents.Count:N0} incidents have neither a title nor a fingerprint, so which problem they belong to, " +
                "and whether it returned, is not recorded; recurrence needs titles (or incident keys) on at least half of them");
        var known = incidents.Where(i => i.RecursKnown).ToList();
        if (known.Count < 50 || known.Count(i => i.Recurs) < 5 || known.Count(i => !i.Recurs) < 5)
            return new RecurrenceResult(windowDays, null, [], FeatureNames, null, null,
                $"not enough settled history to learn from ({known.Count} incidents with a known outcome, {known.Count(i => i.Recurs)} that recurred; at least 50 and 5 needed)");

        var ml = new MLContext(seed);
        cancellation.ThrowIfCancellationRequested();
        using var stop = Training.StopOn(ml, cancellation);   // a dropped request or Ctrl-C stops training
        var start = incidents.Min(i => i.CreatedAt);
        var end = incidents.Max(i => i.CreatedAt);
        var testFrom = start + (end - start) * 0.7;
        var train = known.Where(i => i.CreatedAt < testFrom.AddDays(-windowDays)).ToList();
        var test = known.Where(i => i.CreatedAt >= testFrom).ToList();

        // The held-out model (for the evaluation) and the final one (for the predictions, trained on every settled
        // incident) are independent: trained side by side, each on its own seeded context and single thread, so the
        // result is the same as one after the other, in about half the time on two cores.
        RecurrenceEvaluation? evaluation = null;
        var evaluated = train.Count(i => i.Recurs) >= 5 && train.Count(i => !i.Recurs) >= 5 && test.Count(i => i.Recurs) >= 3 && test.Count(i => !i.Recurs) >= 3;
        var heldOutTask = evaluated
            ? Task.Run(() =>
            {
                var side = new MLContext(seed);
                using var sideStop = Training.StopOn(side, cancellation);
                var heldOut = Fit(side, train, seed, UsesTitles(train));
                return Score(side, heldOut, test);
            }, cancellation)
            : null;
        // The predictions come from a model trained on every settled incident.
        var model = Fit(ml, known, seed, UsesTitles(known));
        if (heldOutTask is not null)
        {
            var scores = heldOutTask.GetAwaiter().GetResult();
            evaluation = Evaluate(train, test, testFrom, scores, test.Select(i => i.Recurs).ToList());
        }
        // A recent incident without a title or key has no problem to return: no prediction for it.
        var recent = incidents.Where(i => i.CreatedAt >= end.AddDays(-recentDays) && i.ProblemKey is not null).ToList();
        var probabilities = Score(ml, model, recent);
        var byService = incidents.ToLookup(i => i.Service ?? "");
        var words = incidents.ToDictionary(i => (i.Source, i.ExternalId), i => Words(i.Title));
        var predictions = recent.Select((r, k) => new RecurrencePrediction(r.Source, r.ExternalId, r.Number, r.Title, r.Service, r.Severity,
                r.CreatedAt, Math.Round(probabilities[k], 3), r.PriorRecurrences > 0, Similar(r, byService[r.Service ?? ""], words)))
            .OrderByDescending(p => p.Probability).ThenBy(p => p.CreatedAt).ToList();
        return new RecurrenceResult(windowDays, evaluation, predictions, FeatureNames, model,
            ml.Data.LoadFromEnumerable(Examples(known.Take(1))).Schema, null);
    }

    /// <summary>
    /// The held-out verdict: DeLong's paired test of the model's AUC against the heuristic's on the same incidents; a
    /// winner only when the difference is significant at 5 % and each class has enough held-out cases.
    /// </summary>
    private static RecurrenceEvaluation Evaluate(List<IncidentRow> train, List<IncidentRow> test, DateTime testFrom, List<double> scores, List<bool> labels)
    {
        var heuristic = test.Select(i => i.PriorRecurrences > 0 ? 1.0 : 0.0).ToList();
        var paired = Stats.DeLong(scores, heuristic, labels);
        var modelAuc = paired?.AucA ?? Stats.Auc(scores, labels);
        var heuristicAuc = paired?.AucB ?? Stats.Auc(heuristic, labels);
        int positives = labels.Count(l => l), negatives = labels.Count - positives;
        var modelCi = paired is null ? (double.NaN, double.NaN) : Stats.PairedAuc.Interval(paired.AucA, paired.SeA);
        var heuristicCi = paired is null ? (double.NaN, double.NaN) : Stats.PairedAuc.Interval(paired.AucB, paired.SeB);
        var figures = $"AUC {modelAuc:0.000} (95 % CI {modelCi.Item1:0.000}–{modelCi.Item2:0.000}) vs the heuristic's {heuristicAuc:0.000} " +
                      $"({heuristicCi.Item1:0.000}–{heuristicCi.Item2:0.000})" + (paired is null ? "" : $", p = {paired.P:0.000}");
        var outcome = positives < MinHeldOutPerClass || negatives < MinHeldOutPerClass || paired is null ? "too_small"
            : paired.P >= 0.05 ? "no_better"
            : modelAuc > heuristicAuc ? "better" : "worse";
        var verdict = outcome switch
        {
            "too_small" => $"the held-out period is too small to trust ({test.Count} incidents, {positives} recurred; at least {MinHeldOutPerClass} that recurred and " +
                           $"{MinHeldOutPerClass} that did not are needed): no winner declared; {figures}",
            "better" => $"the model ranks returning problems better than the heuristic \"it has recurred before\" on the held-out period: {figures}",
            "worse" => $"the model ranks returning problems WORSE than the heuristic \"it has recurred before\" on the held-out period: use the heuristic; {figures}",
            _ => $"the model is no better than the heuristic \"it has recurred before\" on the held-out period (the difference is within noise): use the heuristic; {figures}",
        };
        return new RecurrenceEvaluation(train.Max(i => i.CreatedAt), testFrom, test.Max(i => i.CreatedAt), train.Count, test.Count,
            positives, Math.Round(modelAuc, 3), Math.Round(heuristicAuc, 3), outcome == "better", verdict)
        {
            ModelAucLow = Math.Round(modelCi.Item1, 3), ModelAucHigh = Math.Round(modelCi.Item2, 3),
            HeuristicAucLow = Math.Round(heuristicCi.Item1, 3), HeuristicAucHigh = Math.Round(heuristicCi.Item2, 3),
            DifferenceP = paired is null ? null : Math.Round(paired.P, 4),
            Outcome = outcome,
        };
    }

    /// <summary>
    /// Titles are a feature only when the incidents learned from carry words: a vocabulary of none or one word gives the
    /// text featurizer a vector whose size differs between training and scoring (ML.NET's "Schema mismatch" on a log
    /// whose titles are empty or all alike).
    /// </summary>
    private static bool UsesTitles(IReadOnlyList<IncidentRow> rows) =>
        rows.SelectMany(r => Words(r.Title)).Distinct(StringComparer.Ordinal).Take(2).Count() >= 2;

    private static ITransformer Fit(MLContext ml, IReadOnlyList<IncidentRow> rows, int seed, bool titles)
    {
        var encoded = ml.Transforms.Categorical.OneHotEncoding("SeverityVec", nameof(Example.Severity))
            .Append(ml.Transforms.Categorical.OneHotHashEncoding("ServiceVec", nameof(Example.Service), numberOfBits: 10));
        var features = titles
            ? encoded.Append(ml.Transforms.Text.FeaturizeText("TitleVec", new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options
            {
                // Words and word pairs; no character n-grams (they multiplied the feature count and the training time).
                WordFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 2 },
                CharFeatureExtractor = null,
            }, nameof(Example.Title)))
                .Append(ml.Transforms.Concatenate("Features", "SeverityVec", "ServiceVec", "TitleVec", nameof(Example.Numbers)))
            : encoded.Append(ml.Transforms.Concatenate("Features", "SeverityVec", "ServiceVec", nameof(Example.Numbers)));
        var pipeline = features
            .Append(ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = 100, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 10, LearningRate = 0.1, Seed = seed,
                NumberOfThreads = 1, // deterministic for a seed
            }));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(Examples(rows)));
    }

    private static List<double> Score(MLContext ml, ITransformer model, IReadOnlyList<IncidentRow> rows) =>
        rows.Count == 0 ? [] : ml.Data.CreateEnumerable<Prediction>(model.Transform(ml.Data.LoadFromEnumerable(Examples(rows))), reuseRowObject: false)
            .Select(p => (double)p.Probability).ToList();

    private static IEnumerable<Example> Examples(IEnumerable<IncidentRow> rows) => rows.Select(r => new Example
    {
        Label = r.Recurs,
        Severity = r.Severity,
        Service = r.Service ?? "(no service)",
        Title = r.Title ?? "",
        Numbers =
        [
            (float)Math.Log(1 + r.PriorCount), (float)Math.Log(1 + r.PriorRecurrences), (float)Math.Min(r.DaysSinceLast ?? 365, 365),
            r.LocalHour, r.Weekend ? 1 : 0, (float)Math.Log(1 + (r.TtrSeconds ?? 0)), r.Postmortem ? 1 : 0,
        ],
    });

    /// <summary>The three most similar earlier incidents of the same service (title word overlap; the same problem scores 1).</summary>
    internal static IReadOnlyList<SimilarIncident> Similar(IncidentRow incident, IEnumerable<IncidentRow> sameService,
        IReadOnlyDictionary<(string, string), HashSet<string>> words)
    {
        var mine = words[(incident.Source, incident.ExternalId)];
        // The 500 latest earlier incidents of the service: enough to find its likes, bounded on a busy service.
        return sameService.Where(o => o.CreatedAt < incident.CreatedAt).OrderByDescending(o => o.CreatedAt).Take(500)
            .Select(o => (o, Similarity: o.ProblemKey is not null && o.ProblemKey == incident.ProblemKey ? 1.0 : Jaccard(mine, words[(o.Source, o.ExternalId)])))
            .Where(p => p.Similarity > 0.2)
            .OrderByDescending(p => p.Similarity).ThenByDescending(p => p.o.CreatedAt).Take(3)
            .Select(p => new SimilarIncident(p.o.ExternalId, p.o.Number, p.o.Title, p.o.CreatedAt, Math.Round(p.Similarity, 2), p.o.Url)).ToList();
    }

    private static HashSet<string> Words(string? title) =>
        (title ?? "").ToLowerInvariant().Split([' ', ',', ':', ';', '(', ')', '[', ']', '"', '\'', '/', '-', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && !w.All(char.IsDigit)).ToHashSet();

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : (double)a.Intersect(b).Count() / a.Union(b).Count();
}
