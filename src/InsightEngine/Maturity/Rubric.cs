using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Store;
using InsightEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Maturity;

/// <summary>How a signal scores: 100 at <paramref name="Good"/> or better, 0 at <paramref name="Poor"/> or worse, linear between.</summary>
public sealed record SignalScale(string Id, string Label, string Better, double Good, double Poor, double MinN, string Source, string Advice, string Missing)
{
    /// <summary>The 0–100 score of <paramref name="value"/>.</summary>
    public double Score(double value)
    {
        if (Good == Poor) return (Better == "higher" ? value >= Good : value <= Good) ? 100 : 0;
        return Math.Clamp((value - Poor) / (Good - Poor), 0, 1) * 100;
    }

    /// <summary>How much of a full observation the signal is: n / min_n, at most 1; 0 when unknown.</summary>
    public double Evidence(MaturitySignal? s) => s is { Known: true } ? Math.Min(1, s.N / Math.Max(1, MinN)) : 0;
}

/// <summary>A requirement of a stage: the signal at most / at least a threshold.</summary>
public sealed record StageRequirement(string Signal, string Op, double Threshold, string Source, string? Advice)
{
    /// <summary>True when <paramref name="value"/> meets it.</summary>
    public bool Holds(double value) => Op == "at_most" ? value <= Threshold : value >= Threshold;
}

/// <summary>One stage of a model; the first has no requirements.</summary>
public sealed record MaturityStage(string Id, string Name, string Summary, IReadOnlyList<StageRequirement> Requires);

/// <summary>A stage model (incident.io's, the Reactive → Elite levels).</summary>
public sealed record MaturityModel(string Id, string Name, string Source, IReadOnlyList<MaturityStage> Stages);

/// <summary>A lifecycle phase and the weights of the signals it is scored from.</summary>
public sealed record MaturityPhase(string Id, string Name, IReadOnlyDictionary<string, double> Weights);

/// <summary>A band of the 7-level scale, from its lowest overall score.</summary>
public sealed record MaturityBand(string Name, double From);

/// <summary>
/// The rubric: signal scales, stage models, phases and bands (<c>Maturity/rubric.yaml</c> shipped in the assembly;
/// <c>--rubric FILE</c> replaces it). Loading checks everything and reports every mistake at once, each with the file,
/// line and what was expected.
/// </summary>
public sealed record Rubric(string Path, IReadOnlyDictionary<string, SignalScale> Signals, IReadOnlyList<MaturityModel> Models,
    IReadOnlyList<MaturityPhase> Phases, IReadOnlyList<MaturityBand> Bands)
{
    /// <summary>The embedded default's resource name.</summary>
    public const string DefaultResource = "Maturity/rubric.yaml";

    /// <summary>Every signal the assessment computes or asks for, with its unit.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownSignals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["top_team_share"] = "share", ["top3_declarer_share"] = "share", ["outside_engineering_share"] = "share",
        ["low_severity_share"] = "share", ["severity_coverage"] = "share", ["alerts_per_incident"] = "ratio", ["automatic_share"] = "share",
        ["noise_ratio"] = "share", ["tta_median_high"] = "seconds", ["ttm_median_high"] = "seconds", ["ttr_median_high"] = "seconds",
        ["ttr_p90_high"] = "seconds", ["postmortem_completion"] = "share", ["postmortem_on_time"] = "share", ["action_item_completion"] = "share",
        ["action_items_overdue_share"] = "share", ["action_item_smart_share"] = "share",
        ["recurrence_rate"] = "share", ["recurrence_trend"] = "points", ["ttr_trend"] = "change", ["top10_load_share"] = "share",
        ["plan_documented"] = "flag", ["plan_age_days"] = "days", ["severity_definitions"] = "flag", ["runbook_coverage"] = "share",
        ["training"] = "flag", ["game_days_per_year"] = "count", ["communication_channels"] = "flag", ["on_call_policy"] = "flag",
    };

    /// <summary>The rubric shipped with the product.</summary>
    public static Rubric Default() => Parse(SqlResources.Read(DefaultResource), "(built-in rubric.yaml)");

    /// <summary>Reads a rubric file.</summary>
    public static Rubric Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Rubric file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses rubric text; <paramref name="path"/> names it in errors.</summary>
    public static Rubric Parse(string text, string path)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: line {e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        var errors = new List<string>();
        var reader = new RubricReader(path, errors);
        var rubric = reader.Read(yaml.Documents.Count == 0 ? null : yaml.Documents[0].RootNode);
        if (errors.Count > 0)
            throw new InvalidDataException($"The rubric {path} has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}:\n  " + string.Join("\n  ", errors));
        return rubric!;
    }

    /// <summary>Walks the YAML, collecting every problem with its line.</summary>
    private sealed class RubricReader(string path, List<string> errors)
    {
        private void Error(YamlNode? node, string message) => errors.Add(node is null ? $"{path}: {message}" : $"{path}: line {node.Start.Line}: {message}");

        public Rubric? Read(YamlNode? root)
        {
            if (root is not YamlMappingNode map)
            {
                Error(root, "a rubric is a mapping with version, signals, models, phases and bands.");
                return null;
            }
            Known(map, ["version", "signals", "models", "phases", "bands"], "the rubric");
            if (Scalar(map, "version", required: true) is { } v && v != "1") Error(Child(map, "version"), $"version {v} is not supported (this build reads version 1).");
            var signals = ReadSignals(Child(map, "signals"));
            var models = Sequence(map, "models").Select(n => ReadModel(n, signals)).OfType<MaturityModel>().ToList();
            var phases = Sequence(map, "phases").Select(n => ReadPhase(n, signals)).OfType<MaturityPhase>().ToList();
            var bands = Sequence(map, "bands").Select(ReadBand).OfType<MaturityBand>().ToList();
            if (models.Count == 0) Error(map, "'models' must list at least one stage model.");
            if (phases.Count == 0) Error(map, "'phases' must list at least one phase.");
            if (bands.Count == 0 || bands[0].From != 0) Error(Child(map, "bands") ?? map, "'bands' must start with a band from 0.");
            for (var i = 1; i < bands.Count; i++)
                if (bands[i].From <= bands[i - 1].From) Error(Child(map, "bands"), $"band {bands[i].Name} must start above {bands[i - 1].Name} ({bands[i - 1].From}).");
            return new Rubric(path, signals, models, phases, bands);
        }

        private Dictionary<string, SignalScale> ReadSignals(YamlNode? node)
        {
            var result = new Dictionary<string, SignalScale>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                Error(node, "'signals' must be a mapping of signal name to its scale.");
                return result;
            }
            foreach (var (k, body) in map.Children)
            {
                var id = ((YamlScalarNode)k).Value ?? "";
                if (!KnownSignals.TryGetValue(id, out var unit))
                {
                    Error(k, $"unknown signal '{id}'{Suggest(id, KnownSignals.Keys)}. Signals: {string.Join(", ", KnownSignals.Keys)}.");
                    continue;
                }
                if (body is not YamlMappingNode s)
                {
                    Error(body, $"signal {id} must be a mapping (label, better, good, poor, min_n, source, advice, missing).");
                    continue;
                }
                Known(s, ["label", "better", "good", "poor", "min_n", "source", "advice", "missing"], $"signal {id}");
                var better = Scalar(s, "better", required: true, where: $"signal {id}");
                if (better is not null and not ("higher" or "lower")) Error(Child(s, "better"), $"signal {id}: better must be 'higher' or 'lower', not '{better}'.");
                var good = Number(s, "good", unit, $"signal {id}");
                var poor = Number(s, "poor", unit, $"signal {id}");
                if (good is { } g && poor is { } p && better is "higher" or "lower" && g != p && (better == "higher") != (g > p))
                    Error(Child(s, "good"), $"signal {id}: with better: {better}, good ({g}) must be {(better == "higher" ? "above" : "below")} poor ({p}).");
                var minN = Number(s, "min_n", "count", $"signal {id}") ?? 1;
                var source = Scalar(s, "source", required: true, where: $"signal {id}");
                var advice = Scalar(s, "advice", required: true, where: $"signal {id}");
                var missing = Scalar(s, "missing", required: true, where: $"signal {id}");
                CheckTemplate(Child(s, "advice"), advice, id);
                CheckTemplate(Child(s, "missing"), missing, id);
                if (good is null || poor is null || better is null || source is null || advice is null || missing is null) continue;
                result[id] = new SignalScale(id, Scalar(s, "label") ?? id, better, good.Value, poor.Value, minN, source, advice, missing);
            }
            return result;
        }

        private MaturityModel? ReadModel(YamlNode node, Dictionary<string, SignalScale> signals)
        {
            if (node is not YamlMappingNode m)
            {
                Error(node, "a model must be a mapping (id, name, source, stages).");
                return null;
            }
            Known(m, ["id", "name", "source", "stages"], "a model");
            var id = Scalar(m, "id", required: true, where: "a model") ?? "?";
            var stages = new List<MaturityStage>();
            foreach (var sn in Sequence(m, "stages"))
            {
                if (sn is not YamlMappingNode s)
                {
                    Error(sn, $"model {id}: a stage must be a mapping (id, name, summary, requires).");
                    continue;
                }
                Known(s, ["id", "name", "summary", "requires"], $"model {id}: a stage");
                var sid = Scalar(s, "id", required: true, where: $"model {id}: a stage") ?? "?";
                var requires = new List<StageRequirement>();
                foreach (var rn in Sequence(s, "requires"))
                {
                    if (rn is not YamlMappingNode r)
                    {
                        Error(rn, $"stage {sid}: a requirement must be a mapping (signal, at_most or at_least, source).");
                        continue;
                    }
                    Known(r, ["signal", "at_most", "at_least", "source", "advice"], $"stage {sid}: a requirement");
                    var signal = Scalar(r, "signal", required: true, where: $"stage {sid}: a requirement") ?? "";
                    if (!signals.ContainsKey(signal))
                    {
                        Error(Child(r, "signal") ?? r, $"stage {sid}: '{signal}' is not a signal of this rubric{Suggest(signal, signals.Keys)}.");
                        continue;
                    }
                    var op = Child(r, "at_most") is not null ? "at_most" : Child(r, "at_least") is not null ? "at_least" : null;
                    if (op is null || (Child(r, "at_most") is not null && Child(r, "at_least") is not null))
                    {
                        Error(r, $"stage {sid}: requirement on {signal} needs exactly one of at_most / at_least.");
                        continue;
                    }
                    var threshold = Number(r, op, KnownSignals[signal], $"stage {sid}: {signal}");
                    var source = Scalar(r, "source", required: true, where: $"stage {sid}: {signal}");
                    var advice = Scalar(r, "advice");
                    CheckTemplate(Child(r, "advice"), advice, signal);
                    if (threshold is null || source is null) continue;
                    requires.Add(new StageRequirement(signal, op, threshold.Value, source, advice));
                }
                if (stages.Count == 0 && requires.Count > 0) Error(s, $"model {id}: the first stage ({sid}) is where everyone starts and cannot have requirements.");
                if (stages.Count > 0 && requires.Count == 0) Error(s, $"model {id}: stage {sid} needs at least one requirement.");
                stages.Add(new MaturityStage(sid, Scalar(s, "name") ?? sid, Scalar(s, "summary") ?? "", requires));
            }
            if (stages.Count < 2) Error(m, $"model {id} needs at least two stages.");
            return new MaturityModel(id, Scalar(m, "name") ?? id, Scalar(m, "source") ?? "", stages);
        }

        private MaturityPhase? ReadPhase(YamlNode node, Dictionary<string, SignalScale> signals)
        {
            if (node is not YamlMappingNode m)
            {
                Error(node, "a phase must be a mapping (id, name, weights).");
                return null;
            }
            Known(m, ["id", "name", "weights"], "a phase");
            var id = Scalar(m, "id", required: true, where: "a phase") ?? "?";
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            if (Child(m, "weights") is not YamlMappingNode w)
            {
                Error(Child(m, "weights") ?? m, $"phase {id}: weights must be a mapping of signal: weight.");
                return null;
            }
            foreach (var (k, v) in w.Children)
            {
                var signal = ((YamlScalarNode)k).Value ?? "";
                if (!signals.ContainsKey(signal)) Error(k, $"phase {id}: '{signal}' is not a signal of this rubric{Suggest(signal, signals.Keys)}.");
                else if (v is YamlScalarNode { Value: var t } && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0) weights[signal] = x;
                else Error(v, $"phase {id}: the weight of {signal} must be a number above 0.");
            }
            return new MaturityPhase(id, Scalar(m, "name") ?? id, weights);
        }

        private MaturityBand? ReadBand(YamlNode node)
        {
            if (node is not YamlMappingNode m || Scalar(m, "name") is not { } name)
            {
                Error(node, "a band must be a mapping with name and from.");
                return null;
            }
            return Number(m, "from", "count", $"band {name}") is { } from ? new MaturityBand(name, from) : null;
        }

        private void CheckTemplate(YamlNode? node, string? template, string signal)
        {
            if (template is null) return;
            foreach (System.Text.RegularExpressions.Match p in System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}]*)\}"))
                if (!Placeholders.Contains(p.Groups[1].Value))
                    Error(node, $"{signal}: unknown placeholder {{{p.Groups[1].Value}}}; use {string.Join(" ", Placeholders.Select(x => "{" + x + "}"))}.");
        }

        private static readonly string[] Placeholders = ["value", "good", "poor", "threshold", "n", "detail", "incidents"];

        private void Known(YamlMappingNode map, string[] keys, string where)
        {
            foreach (var k in map.Children.Keys)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                if (!keys.Contains(key)) Error(k, $"{where}: unknown key '{key}'{Suggest(key, keys)}. Keys: {string.Join(", ", keys)}.");
            }
        }

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        private string? Scalar(YamlMappingNode map, string key, bool required = false, string where = "the rubric")
        {
            var node = Child(map, key);
            if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
            if (node is not null && node is not YamlScalarNode) Error(node, $"{where}: {key} must be a single value.");
            else if (required) Error(node ?? map, $"{where}: '{key}' is required.");
            return null;
        }

        private IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node is null) return [];
            if (node is YamlSequenceNode seq) return seq.Children;
            Error(node, $"'{key}' must be a list.");
            return [];
        }

        /// <summary>A number; for seconds also a duration (30m, 4h, 1d).</summary>
        private double? Number(YamlMappingNode map, string key, string unit, string where)
        {
            var text = Scalar(map, key, required: true, where: where);
            if (text is null) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return x;
            if (unit == "seconds")
            {
                try
                {
                    return DurationText.Parse(text, $"{where}.{key}").TotalSeconds;
                }
                catch (ArgumentException)
                {
                    // reported below
                }
            }
            Error(Child(map, key), $"{where}: {key} must be a number{(unit == "seconds" ? " of seconds or a duration such as 30m, 4h, 1d" : "")}, not '{text}'.");
            return null;
        }

        private static string Suggest(string given, IEnumerable<string> valid) => DidYouMean.Suggest(given, valid, Math.Max(2, given.Length / 3));
    }
}
