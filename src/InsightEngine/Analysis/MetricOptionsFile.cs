using InsightEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Analysis;

/// <summary>
/// Reads metric thresholds from a YAML (or JSON, which is YAML) config file's <c>metrics:</c> section:
/// <code>
/// metrics:
///   timezone: Europe/Berlin
///   auto_resolve_window: 10m
///   actionable_min_open: 5m
///   flap_count: 3
///   flap_window: 1h
///   business_hours: 08:00-18:00
///   sleep_hours: 22:00-08:00
///   recurrence_window: 30d
///   postmortem_due: 14d
/// </code>
/// Unknown settings and bad values are errors naming the file, line and setting: a typo must not silently fall back to
/// a default. Other top-level sections are left to their owners.
/// </summary>
public static class MetricOptionsFile
{
    /// <summary>The settings the <c>metrics:</c> section accepts.</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "timezone", "auto_resolve_window", "actionable_min_open", "flap_count", "flap_window", "business_hours", "sleep_hours",
        "recurrence_window", "postmortem_due",
    ];

    /// <summary>Applies the file's settings over <paramref name="baseline"/>.</summary>
    public static MetricOptions Load(string path, MetricOptions baseline)
    {
        var yaml = YamlFiles.Load(path, $"Config file '{path}' does not exist.");
        if (yaml.Documents.Count == 0) return baseline;
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}: the file must be a mapping with a 'metrics:' section.");
        if (!root.Children.TryGetValue(new YamlScalarNode("metrics"), out var section)) return baseline;
        if (section is not YamlMappingNode metrics)
            throw new InvalidDataException($"{path}: line {section.Start.Line}: 'metrics' must be a mapping of settings.");

        var options = baseline;
        foreach (var (keyNode, valueNode) in metrics.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var line = keyNode.Start.Line;
            if (valueNode is not YamlScalarNode { Value: { } value })
                throw new InvalidDataException($"{path}: line {line}: metrics.{key} must be a single value.");
            try
            {
                options = key switch
                {
                    "timezone" => options with { TimeZone = value },
                    "auto_resolve_window" => options with { AutoResolveWindow = DurationText.Parse(value, key) },
                    "actionable_min_open" => options with { ActionableMinOpen = DurationText.Parse(value, key) },
                    "flap_count" => options with { FlapCount = int.TryParse(value, out var n) ? n : throw new ArgumentException($"flap_count '{value}' is not a whole number.") },
                    "flap_window" => options with { FlapWindow = DurationText.Parse(value, key) },
                    "business_hours" => options with { BusinessHours = HourRange.Parse(value, key) },
                    "sleep_hours" => options with { SleepHours = HourRange.Parse(value, key) },
                    "recurrence_window" => options with { RecurrenceWindow = DurationText.Parse(value, key) },
                    "postmortem_due" => options with { PostmortemDue = DurationText.Parse(value, key) },
                    _ => throw new ArgumentException($"unknown setting metrics.{key} (known: {string.Join(", ", Settings)})."),
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: line {line}: {e.Message}", e);
            }
        }
        return options;
    }
}
