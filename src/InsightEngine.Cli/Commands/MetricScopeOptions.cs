using System.CommandLine;
using InsightEngine.Analysis;
using InsightEngine.Settings;

namespace InsightEngine.Cli.Commands;

/// <summary>The options every metric takes, built per command (an option belongs to one command).</summary>
internal sealed class MetricScopeOptions
{
    public Option<string?> By { get; } = new("--by") { Description = "Group rows by: all, severity, service, team, week, month (noise: also rule)." };
    public Option<string?> From { get; } = new("--from") { Description = "Only what was created at or after this instant (ISO 8601; a bare date is UTC midnight)." };
    public Option<string?> To { get; } = new("--to") { Description = "Only what was created before this instant (exclusive)." };
    public Option<string?> Service { get; } = new("--service") { Description = "Only these services (comma-separated)." };
    public Option<string?> Team { get; } = new("--team") { Description = "Only these teams (comma-separated)." };
    public Option<string?> Severity { get; } = new("--severity") { Description = "Only these severities (comma-separated: SEV1..SEV5, unknown)." };
    public Option<string?> AsOf { get; } = new("--as-of") { Description = "Measure open incidents' ages and overdue items at this instant. Default: the latest time in the data." };
    public Option<int> Top { get; } = new("--top") { Description = "Rows a ranked list keeps. Default: 20", DefaultValueFactory = _ => 20 };
    public Option<string?> Week { get; } = new("--week") { Description = "deltas: the ISO week to review, e.g. 2026-W44. Default: the last complete week." };
    public Option<string?> Config { get; } = new("--config") { Description = $"Thresholds file (YAML, 'metrics:' section). Default: ./{MetricsCommand.DefaultConfig} if present, else $INSIGHT_CONFIG." };
    public Option<string?> TimeZone { get; } = new("--timezone") { Description = "Zone for weeks, months and hour bands (IANA name). Default: UTC" };
    public Option<string?> AutoResolveWindow { get; } = new("--auto-resolve-window") { Description = "Unacknowledged alerts closed by the source within this are auto_resolved noise. Default: 10m" };
    public Option<string?> ActionableMinOpen { get; } = new("--actionable-min-open") { Description = "Acknowledged alerts open at least this long are actionable. Default: 5m" };
    public Option<int?> FlapCount { get; } = new("--flap-count") { Description = "Triggers of one rule within --flap-window that make it flapping. Default: 3" };
    public Option<string?> FlapWindow { get; } = new("--flap-window") { Description = "The flapping window. Default: 1h" };
    public Option<string?> BusinessHours { get; } = new("--business-hours") { Description = "Business hours, Monday to Friday. Default: 08:00-18:00" };
    public Option<string?> SleepHours { get; } = new("--sleep-hours") { Description = "Sleep hours, every day. Default: 22:00-08:00" };
    public Option<string?> RecurrenceWindow { get; } = new("--recurrence-window") { Description = "A problem back within this after it was resolved recurs. Default: 30d" };
    public Option<string?> PostmortemDue { get; } = new("--postmortem-due") { Description = "A SEV1-2 postmortem is due this long after the resolve. Default: 14d" };

    /// <summary>Adds the options to <paramref name="command"/>: --by when it groups, --from/--to when it takes a period, --top for ranked lists.</summary>
    public void AddTo(Command command, bool grouped, bool period = true, bool top = true)
    {
        if (grouped) command.Add(By);
        if (period) { command.Add(From); command.Add(To); }
        if (top) command.Add(Top);
        foreach (var o in new Option[] { Service, Team, Severity, AsOf, Config, TimeZone, AutoResolveWindow, ActionableMinOpen,
                     FlapCount, FlapWindow, BusinessHours, SleepHours, RecurrenceWindow, PostmortemDue })
            command.Add(o);
    }

    /// <summary>Adds only the thresholds, the zone and --config: for commands that compute over the whole store (insight query's views).</summary>
    public void AddOptionsTo(Command command)
    {
        foreach (var o in new Option[] { Config, TimeZone, AutoResolveWindow, ActionableMinOpen, FlapCount, FlapWindow, BusinessHours, SleepHours,
                     RecurrenceWindow, PostmortemDue })
            command.Add(o);
    }

    /// <summary>The settings (loaded once: --config, ./insight.yaml, $INSIGHT_CONFIG, environment) and the request with the flags over them.</summary>
    public (InsightSettings Settings, MetricRequest Request) Request(ParseResult result)
    {
        var settings = Settings(result);
        return (settings, new MetricRequest
        {
            Period = new Period(CommonOptions.ParseInstant(result.GetValue(From), "--from"), CommonOptions.ParseInstant(result.GetValue(To), "--to")),
            Service = Blank(result.GetValue(Service)),
            Team = Blank(result.GetValue(Team)),
            Severity = MetricRequest.NormalizeSeverity(result.GetValue(Severity)),
            By = Blank(result.GetValue(By)),
            AsOf = CommonOptions.ParseInstant(result.GetValue(AsOf), "--as-of"),
            Limit = result.GetValue(Top),
            Week = Blank(result.GetValue(Week)),
            Options = settings.Metrics,
        });
    }

    /// <summary>The settings with this command line's thresholds and zone over them (each flag is the setting of the same name).</summary>
    public InsightSettings Settings(ParseResult result)
    {
        var settings = SettingsLoader.Load(result.GetValue(Config));
        var options = settings.Metrics;
        foreach (var (option, setting) in new (Option, string)[]
                 {
                     (TimeZone, "timezone"), (AutoResolveWindow, "auto_resolve_window"), (ActionableMinOpen, "actionable_min_open"),
                     (FlapCount, "flap_count"), (FlapWindow, "flap_window"), (BusinessHours, "business_hours"), (SleepHours, "sleep_hours"),
                     (RecurrenceWindow, "recurrence_window"), (PostmortemDue, "postmortem_due"),
                 })
        {
            if (result.GetResult(option) is { Implicit: false } given && given.GetValueOrDefault<object?>() is { } value)
                options = options.With(setting, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return settings.WithMetrics(options);
    }

    /// <summary>The thresholds and zone: the settings, then each option given.</summary>
    public MetricOptions Options(ParseResult result) => Settings(result).Metrics;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
