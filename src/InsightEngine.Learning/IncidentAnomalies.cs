using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InsightEngine.Learning;

/// <summary>One feature's value for an incident, standardized against incidents of its kind, and what it means.</summary>
public sealed record FeatureDeviation(string Feature, double Z, string Text);

/// <summary>An incident that is abnormal for its kind: its anomaly score and the features that drove it.</summary>
public sealed record IncidentAnomaly(string Source, string ExternalId, string? Number, string? Title, string? Service, string Severity,
    DateTime CreatedAt, string? Url, double Score, IReadOnlyList<FeatureDeviation> Drivers, string Why);

/// <summary>The incident scan: the flags, the model's evaluation against the single-feature baseline, the trained model.</summary>
public sealed record IncidentAnomalyResult(IReadOnlyList<IncidentAnomaly> Flags, int Scored, double ScoreThreshold,
    IReadOnlyList<string> Features, IncidentAnomalyEvaluation? Evaluation, [property: JsonIgnore] ITransformer? Model, [property: JsonIgnore] DataViewSchema? Schema);

/// <summary>
/// How the detector does: always its flag rate and what a flag means; on data with known abnormal incidents (the
/// generated organisation's planted ones) how many it found, next to the naive baseline "any one feature 4 spreads from
/// its kind's median" (null counts: nothing is known to be abnormal here).
/// </summary>
public sealed record IncidentAnomalyEvaluation(int? Known, int? ModelFound, int? ModelFlaggedOthers, int? BaselineFound, int? BaselineFlaggedOthers)
{
    /// <summary>Incidents scored.</summary>
    public int Scored { get; init; }

    /// <summary>Incidents flagged.</summary>
    public int Flagged { get; init; }

    /// <summary>The share flagged (at most <see cref="IncidentAnomalies.MaxFlagRate"/>).</summary>
    public double FlagRate { get; init; }

    /// <summary>What a flag means, in a sentence.</summary>
    public string Meaning { get; init; } = IncidentAnomalies.Meaning;
}

/// <summary>
/// Single incidents that are abnormal for their kind (their severity): how long they took to acknowledge and resolve,
/// the hour and day they were opened, and the alert storm around them. Each feature is standardized against incidents
/// of the same severity (robust z: distance from the median in scaled MADs; hours and days by how rare they are for the
/// severity); ML.NET's randomized PCA (<c>ProjectToPrincipalComponents</c>, rank 2) finds what the incidents share, and
/// each incident's score is Hotelling's T² in that plane plus its squared distance from it. An incident is flagged when
/// its score is far above the typical score (median + 10 scaled MADs) and its time to acknowledge, time to resolve or
/// alert storm is at least 3 spreads out (the calendar never flags alone); at most 1 % of incidents are flagged, the
/// highest scores. The features beyond 3 spreads are named as the reasons.
/// </summary>
public static class IncidentAnomalies
{
    /// <summary>At most this share of incidents is flagged (the highest scores): a flag is rare, or it is noise.</summary>
    public const double MaxFlagRate = 0.01;

    /// <summary>What a flag means.</summary>
    public const string Meaning = "far outside what incidents of its severity usually do in time to acknowledge, time to resolve or the alert storm around it " +
                                  "(when and on which day it opened can add to a flag, never make one)";

    /// <summary>Features that can make a flag: duration and load. The calendar (hour, day) only adds to one.</summary>
    private static readonly int[] Drivers = [0, 1, 4];

    /// <summary>The features, in the order of the model's feature vector.</summary>
    public static readonly IReadOnlyList<string> FeatureNames = ["time_to_resolve", "time_to_acknowledge", "hour_of_day", "day_of_week", "alert_storm"];

    private sealed class Row
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Projected
    {
        [VectorType(2)]
        public float[] Pca { get; set; } = [];
    }

    /// <summary>Scores every incident; <paramref name="known"/> (titles of incidents known to be abnormal, if any) adds the evaluation.</summary>
    public static IncidentAnomalyResult Scan(IReadOnlyList<IncidentRow> incidents, int seed, IReadOnlySet<string>? known = null, CancellationToken cancellation = default)
    {
        if (incidents.Count < 30) return new IncidentAnomalyResult([], incidents.Count, double.NaN, FeatureNames, null, null, null);
        var z = Standardize(incidents);
        var ml = new MLContext(seed);
        cancellation.ThrowIfCancellationRequested();
        using var stop = Training.StopOn(ml, cancellation);   // a dropped request or Ctrl-C stops training
        var data = ml.Data.LoadFromEnumerable(z.Select(v => new Row { Features = v.Select(x => (float)x).ToArray() }));
        // ML.NET's randomized PCA finds the two directions the incidents share; the score is the classic PCA anomaly
        // score: Hotelling's T² inside that plane plus the squared distance from it (Q), each in units of its typical size.
        // (The RandomizedPca anomaly trainer's own score is the reconstruction error relative to the vector's length,
        // blind to how far out an incident lies: it ranked the planted ten-day SEV2 below ordinary ones.)
        var model = ml.Transforms.ProjectToPrincipalComponents("Pca", nameof(Row.Features), rank: 2, ensureZeroMean: true, seed: seed).Fit(data);
        var projected = ml.Data.CreateEnumerable<Projected>(model.Transform(data), reuseRowObject: false).Select(p => p.Pca).ToList();
        var mean = Enumerable.Range(0, FeatureNames.Count).Select(f => z.Average(v => v[f])).ToArray();
        var variances = Enumerable.Range(0, 2).Select(k => Math.Max(projected.Average(p => (double)p[k] * p[k]), 1e-6)).ToArray();
        var residual = z.Select((v, i) => Math.Max(0, v.Select((x, f) => (x - mean[f]) * (x - mean[f])).Sum() - projected[i].Sum(p => (double)p * p))).ToList();
        var residualScale = Math.Max(residual.Average(), 1e-6);
        var scores = z.Select((_, i) => projected[i].Select((p, k) => (double)p * p / variances[k]).Sum() + residual[i] / residualScale).ToList();
        var threshold = Stats.Median(scores) + 10 * Math.Max(Stats.Mad(scores), 1e-6);
        var baselineFlags = new HashSet<string>();
        var candidates = new List<int>();
        for (var i = 0; i < incidents.Count; i++)
        {
            if (z[i].Any(v => Math.Abs(v) >= 4)) baselineFlags.Add(incidents[i].Title ?? "");
            // A flag needs a duration or load driver: an incident opened at a rare hour or on a weekend is not abnormal for that alone.
            if (scores[i] >= threshold && Drivers.Any(f => Math.Abs(z[i][f]) >= 3)) candidates.Add(i);
        }
        // The highest scores, at most 1 %; only those are described (a description reads its whole severity).
        var typical = new Typicals(incidents);
        var flags = candidates.OrderByDescending(i => scores[i]).ThenBy(i => i).Take(Math.Max(1, (int)Math.Floor(MaxFlagRate * incidents.Count)))
            .Select(i =>
            {
                var row = incidents[i];
                var drivers = Enumerable.Range(0, FeatureNames.Count).Where(f => Math.Abs(z[i][f]) >= 3)
                    .OrderByDescending(f => Math.Abs(z[i][f]))
                    .Select(f => new FeatureDeviation(FeatureNames[f], Math.Round(z[i][f], 1), Describe(f, row, typical))).ToList();
                return new IncidentAnomaly(row.Source, row.ExternalId, row.Number, row.Title, row.Service, row.Severity, row.CreatedAt, row.Url,
                    Math.Round(scores[i], 3), drivers, string.Join("; ", drivers.Select(d => d.Text)));
            }).ToList();

        var flagged = flags.Select(f => f.Title ?? "").ToHashSet();
        var evaluation = (known is { Count: > 0 }
                ? new IncidentAnomalyEvaluation(known.Count, flagged.Count(known.Contains), flagged.Count(t => !known.Contains(t)),
                    baselineFlags.Count(known.Contains), baselineFlags.Count(t => !known.Contains(t)))
                : new IncidentAnomalyEvaluation(null, null, null, null, null))
            with { Scored = incidents.Count, Flagged = flags.Count, FlagRate = Math.Round((double)flags.Count / incidents.Count, 4) };
        return new IncidentAnomalyResult(flags, incidents.Count, Math.Round(threshold, 3), FeatureNames, evaluation, model, data.Schema);
    }

    /// <summary>Each incident's features as robust z-scores against incidents of its severity (0 where a value is missing).</summary>
    internal static double[][] Standardize(IReadOnlyList<IncidentRow> incidents)
    {
        var result = new double[incidents.Count][];
        for (var i = 0; i < incidents.Count; i++) result[i] = new double[FeatureNames.Count];
        foreach (var group in incidents.Select((r, i) => (r, i)).GroupBy(p => p.r.Severity))
        {
            var members = group.ToList();
            // Spread floors: a quarter of an e-fold for durations; half of one for alerts (most incidents have none, so
            // the MAD is 0 and three alerts would otherwise look like a storm).
            Robust(members, p => p.r.TtrSeconds is { } s ? Math.Log(1 + s) : null, 0, 0.25, result);
            Robust(members, p => p.r.TtaSeconds is { } s ? Math.Log(1 + s) : null, 1, 0.25, result);
            Robust(members, p => Math.Log(1 + p.r.StormAlerts), 4, 0.5, result);
            // Hour and day: how rare the incident's hour (±1) and day type are for its severity, as a one-sided z.
            var hours = new double[24];
            foreach (var (r, _) in members) hours[r.LocalHour] += 1;
            var weekendShare = (members.Count(p => p.r.Weekend) + 1.0) / (members.Count + 2.0);
            foreach (var (r, i) in members)
            {
                var near = (hours[(r.LocalHour + 23) % 24] + hours[r.LocalHour] + hours[(r.LocalHour + 1) % 24] + 1) / (members.Count + 24.0);
                result[i][2] = Rarity(near, 3 / 24.0);
                result[i][3] = Rarity(r.Weekend ? weekendShare : 1 - weekendShare, 0.5);
            }
        }
        return result;
    }

    // A share far below what an even spread would give becomes a positive z (log-ratio in units of ln 2, capped).
    private static double Rarity(double share, double even) => Math.Clamp(Math.Log(even / share) / Math.Log(2), 0, 8);

    private static void Robust(List<(IncidentRow r, int i)> members, Func<(IncidentRow r, int i), double?> value, int feature, double floor, double[][] result)
    {
        var present = members.Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
        if (present.Count < 5) return;
        var median = Stats.Median(present);
        var spread = Math.Max(Stats.Mad(present), floor);
        foreach (var p in members)
            if (value(p) is { } v) result[p.i][feature] = Math.Clamp((v - median) / spread, -30, 30);
    }

    /// <summary>Per severity, computed once: the medians and the counts a flag's description cites.</summary>
    private sealed class Typicals(IReadOnlyList<IncidentRow> all)
    {
        private readonly Dictionary<string, List<IncidentRow>> bySeverity = all.GroupBy(r => r.Severity).ToDictionary(g => g.Key, g => g.ToList());
        private readonly Dictionary<(string, int), string> cache = [];

        public List<IncidentRow> Kind(string severity) => bySeverity[severity];

        public string Median(string severity, int feature, Func<IncidentRow, double?> value)
        {
            if (cache.TryGetValue((severity, feature), out var text)) return text;
            var values = Kind(severity).Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
            return cache[(severity, feature)] = feature == 4
                ? (values.Count > 0 ? Stats.Median(values) : 0).ToString("0", System.Globalization.CultureInfo.InvariantCulture)
                : Maturity.Format.Duration(values.Count > 0 ? Stats.Median(values) : null);
        }
    }

    private static string Describe(int feature, IncidentRow row, Typicals typical)
    {
        var kind = typical.Kind(row.Severity);
        return feature switch
        {
            0 => $"took {Maturity.Format.Duration(row.TtrSeconds ?? 0)} to resolve (typical {row.Severity}: {typical.Median(row.Severity, 0, r => r.TtrSeconds)})",
            1 => $"took {Maturity.Format.Duration(row.TtaSeconds ?? 0)} to acknowledge (typical {row.Severity}: {typical.Median(row.Severity, 1, r => r.TtaSeconds)})",
            2 => $"opened at {row.LocalHour:00}:00, an hour when {Share(kind.Count(r => Math.Abs(r.LocalHour - row.LocalHour) <= 1 || Math.Abs(r.LocalHour - row.LocalHour) == 23), kind.Count)} of {row.Severity}s open",
            3 => $"opened on a {(row.Weekend ? "weekend" : "weekday")} ({Share(kind.Count(r => r.Weekend == row.Weekend), kind.Count)} of {row.Severity}s)",
            _ => $"{row.StormAlerts} alerts on {row.Service} around it (typical {row.Severity}: {typical.Median(row.Severity, 4, r => r.StormAlerts)})",
        };
    }

    private static string Share(int part, int whole) => whole == 0 ? "0%" : $"{100.0 * part / whole:0.#}%";
}
