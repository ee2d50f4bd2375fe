using InsightEngine.Diagnostics;
using InsightEngine.Settings;
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
    public static IReadOnlyList<string> Settings => MetricOptions.Settings;

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
                options = options.With(key, value);
            }
            catch (InvalidSettingException e)
            {
                throw new InvalidDataException($"{path}: line {line}: {e.Worded(s => "metrics." + s)}", e);
            }
        }
        return options;
    }
}
