using InsightEngine.Analysis;

namespace InsightEngine.Reporting;

/// <summary>The settings a figure was computed with, in a line a reader can check against insight.yaml.</summary>
public static class SettingsText
{
    /// <summary>"default thresholds", or the thresholds that differ from the defaults ("flap_count 2, recurrence_window 14d").</summary>
    public static string Thresholds(IReadOnlyDictionary<string, string>? settings)
    {
        if (settings is null) return "default thresholds";
        var defaults = MetricOptions.Default.Describe();
        var changed = settings.Where(s => s.Key != "timezone" && defaults.TryGetValue(s.Key, out var d) && d != s.Value)
            .Select(s => $"{s.Key} {s.Value}").ToList();
        return changed.Count == 0 ? "default thresholds" : "thresholds " + string.Join(", ", changed) + " (the rest default)";
    }

    /// <summary>Every setting: "timezone UTC, auto_resolve_window 10m, ...".</summary>
    public static string All(IReadOnlyDictionary<string, string>? settings) =>
        settings is null ? "" : string.Join(", ", settings.Select(s => $"{s.Key} {s.Value}"));
}
