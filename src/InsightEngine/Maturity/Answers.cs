using InsightEngine.Diagnostics;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Maturity;

/// <summary>
/// The optional questionnaire (<c>insight assess --answers FILE</c>): what incident data cannot show. Each answer becomes
/// a signal with basis "answers", so the report can say which conclusions rest on answers and which on data. An
/// unanswered question is missing evidence, never a "no".
/// </summary>
public sealed class Answers
{
    /// <summary>One question: its key in the file, the signal it feeds, the kind of answer, and the template's comment.</summary>
    public sealed record Question(string Key, string Signal, string Kind, string Help, string Example);

    /// <summary>Every question, in the template's order. Kinds: yes_no, date, count, level (none / some / most / all).</summary>
    public static readonly IReadOnlyList<Question> Questions =
    [
        new("response_plan_documented", "plan_documented", "yes_no",
            "Is there a written incident response plan (roles, severity levels, escalation, communication)?", "yes"),
        new("response_plan_last_updated", "plan_age_days", "date",
            "When was the plan last reviewed or updated? (YYYY-MM-DD)", "2026-06-30"),
        new("severity_definitions", "severity_definitions", "yes_no",
            "Are severity levels defined in writing, with examples, and used by everyone who declares?", "yes"),
        new("runbooks", "runbook_coverage", "level",
            "How many alerting services have a runbook linked from their alerts? none / some / most / all", "some"),
        new("incident_training", "training", "yes_no",
            "Does everyone on call get incident-response training (incident command, communication) before their first shift?", "no"),
        new("game_days_per_year", "game_days_per_year", "count",
            "How many game days / failure drills / chaos exercises were run in the last 12 months?", "2"),
        new("communication_channels", "communication_channels", "yes_no",
            "Is there a standard place for each incident (a channel per incident, a status page for customers)?", "yes"),
        new("on_call_policy", "on_call_policy", "yes_no",
            "Is there a written on-call policy (rotation size, hand-offs, compensation, maximum pages before relief)?", "no"),
    ];

    private static readonly Dictionary<string, double> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = 0, ["some"] = 1 / 3.0, ["most"] = 2 / 3.0, ["all"] = 1,
    };

    private readonly Dictionary<string, (double Value, string Text)> values;

    private Answers(string path, Dictionary<string, (double, string)> values)
    {
        Path = path;
        this.values = values;
    }

    /// <summary>The file the answers came from.</summary>
    public string Path { get; }

    /// <summary>How many questions were answered.</summary>
    public int Count => values.Count;

    /// <summary>The answers as signals, as of <paramref name="asOf"/> (a plan's age is counted to it).</summary>
    public IEnumerable<MaturitySignal> Signals(DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf)
    {
        foreach (var q in Questions)
        {
            if (!values.TryGetValue(q.Key, out var a)) continue;
            var (value, unit) = q.Kind switch
            {
                "date" => (Math.Floor((asOf - DateTimeOffset.Parse(a.Text, CultureInfo.InvariantCulture)).TotalDays), "days"),
                "level" => (a.Value, "share"),
                "count" => (a.Value, "count"),
                _ => (a.Value, "flag"),
            };
            yield return new MaturitySignal(q.Signal, value, 1, unit, "answers", $"{System.IO.Path.GetFileName(Path)}: {q.Key}", from, to, a.Text);
        }
    }

    /// <summary>Reads an answers file; every mistake names the file, line and question, and lists the valid ones.</summary>
    public static Answers Load(string path)
    {
        var yaml = YamlFiles.Load(path, $"Answers file '{path}' does not exist (write a template with 'insight assess --init-answers').");
        var values = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return new Answers(path, values);
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}: the answers must be a mapping of question: answer (see 'insight assess --init-answers').");
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var line = keyNode.Start.Line;
            var question = Questions.FirstOrDefault(q => q.Key == key)
                ?? throw new InvalidDataException($"{path}: line {line}: '{key}' is not a question. Questions: {string.Join(", ", Questions.Select(q => q.Key))}.");
            if (valueNode is not YamlScalarNode { Value: var raw }) throw new InvalidDataException($"{path}: line {line}: {key} must be a single value.");
            var text = raw?.Trim() ?? "";
            if (text.Length == 0 || text == "~" || text.Equals("null", StringComparison.OrdinalIgnoreCase)) continue;   // left blank: unanswered
            values[key] = (Parse(question, text) ?? throw new InvalidDataException(
                $"{path}: line {line}: {key}: '{text}' is not {Expected(question.Kind)}."), text);
        }
        return new Answers(path, values);
    }

    private static double? Parse(Question q, string text) => q.Kind switch
    {
        "yes_no" => text.ToLowerInvariant() switch { "yes" or "true" or "y" => 1, "no" or "false" or "n" => 0, _ => null },
        "date" => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? 0 : null,
        "count" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null,
        "level" => Levels.TryGetValue(text, out var v) ? v : null,
        _ => null,
    };

    private static string Expected(string kind) => kind switch
    {
        "yes_no" => "yes or no",
        "date" => "a date (YYYY-MM-DD)",
        "count" => "a number of zero or more",
        _ => "one of none, some, most, all",
    };

    /// <summary>The commented template <c>insight assess --init-answers</c> writes: every question, unanswered.</summary>
    public static string Template()
    {
        var lines = new List<string>
        {
            "# InsightEngine maturity questionnaire: what incident data cannot show.",
            "# Answer what you can and leave the rest blank: an unanswered question lowers the assessment's confidence,",
            "# it never counts against you. Then: insight assess --answers THIS_FILE",
            "",
        };
        foreach (var q in Questions)
        {
            lines.Add($"# {q.Help}");
            lines.Add($"# e.g. {q.Key}: {q.Example}");
            lines.Add($"{q.Key}:");
            lines.Add("");
        }
        return string.Join("\n", lines);
    }
}
