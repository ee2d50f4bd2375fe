using System.Globalization;
using System.Text.RegularExpressions;
using InsightEngine.Settings;

namespace InsightEngine.Analysis;

/// <summary>
/// The thresholds the metric definitions leave open (docs/metrics.md), with their documented defaults. Set in a config
/// file, the environment, the command line or the API's query string, all through <see cref="With"/>, and loaded once
/// per command or service by <see cref="InsightEngine.Settings.SettingsLoader"/>.
/// </summary>
public sealed record MetricOptions
{
    /// <summary>The zone for ISO weeks, months and hour bands (IANA name). Default UTC.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>An unacknowledged alert closed by its source within this is <c>auto_resolved</c> noise. Default 10 min.</summary>
    public TimeSpan AutoResolveWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>An acknowledged alert open at least this long is actionable. Default 5 min.</summary>
    public TimeSpan ActionableMinOpen { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Triggers of one rule within <see cref="FlapWindow"/> that make it flapping. Default 3.</summary>
    public int FlapCount { get; init; } = 3;

    /// <summary>The flapping window. Default 1 hour.</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Business hours, Monday to Friday. Default 08:00-18:00 (PagerDuty's interruption bands).</summary>
    public HourRange BusinessHours { get; init; } = new(new TimeOnly(8, 0), new TimeOnly(18, 0));

    /// <summary>Sleep hours, every day (may wrap midnight). Default 22:00-08:00.</summary>
    public HourRange SleepHours { get; init; } = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    /// <summary>The same problem opening again within this after it was resolved is a recurrence. Default 30 days.</summary>
    public TimeSpan RecurrenceWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>A postmortem is due this long after a SEV1-2 incident is resolved. Default 14 days.</summary>
    public TimeSpan PostmortemDue { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The defaults.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>The settings, by their canonical names (insight.yaml's <c>metrics:</c> keys, the API's parameters).</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "timezone", "auto_resolve_window", "actionable_min_open", "flap_count", "flap_window", "business_hours", "sleep_hours",
        "recurrence_window", "postmortem_due",
    ];

    /// <summary>
    /// This with one setting changed from its text, as every source spells it (file, environment, command line, query
    /// string). Throws <see cref="InvalidSettingException"/> naming the setting; the result is validated.
    /// </summary>
    public MetricOptions With(string setting, string value)
    {
        var v = value.Trim();
        var options = setting switch
        {
            "timezone" => this with { TimeZone = v },
            "auto_resolve_window" => this with { AutoResolveWindow = DurationText.Parse(v, setting) },
            "actionable_min_open" => this with { ActionableMinOpen = DurationText.Parse(v, setting) },
            "flap_count" => this with
            {
                FlapCount = int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new InvalidSettingException(setting, $"'{v}' is not a whole number."),
            },
            "flap_window" => this with { FlapWindow = DurationText.Parse(v, setting) },
            "business_hours" => this with { BusinessHours = HourRange.Parse(v, setting) },
            "sleep_hours" => this with { SleepHours = HourRange.Parse(v, setting) },
            "recurrence_window" => this with { RecurrenceWindow = DurationText.Parse(v, setting) },
            "postmortem_due" => this with { PostmortemDue = DurationText.Parse(v, setting) },
            _ => throw new InvalidSettingException(setting, $"is not a setting (known: {string.Join(", ", Settings)})."),
        };
        options.Validate();
        return options;
    }

    /// <summary>Every setting as text that <see cref="With"/> reads back, in <see cref="Settings"/> order: echoed with every figure.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        string[] values =
        [
            TimeZone, DurationText.Format(AutoResolveWindow), DurationText.Format(ActionableMinOpen),
            FlapCount.ToString(CultureInfo.InvariantCulture), DurationText.Format(FlapWindow), BusinessHours.ToString(), SleepHours.ToString(),
            DurationText.Format(RecurrenceWindow), DurationText.Format(PostmortemDue),
        ];
        var described = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Settings.Count; i++) described.Add(Settings[i], values[i]);
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(described);
    }

    /// <summary>Checks every value; the error names the setting and what is wrong.</summary>
    public void Validate()
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidSettingException("timezone", $"'{TimeZone}' is not a known time zone (use an IANA name such as Europe/Berlin or UTC).", e);
        }
        Positive(AutoResolveWindow, "auto_resolve_window");
        Positive(ActionableMinOpen, "actionable_min_open");
        Positive(FlapWindow, "flap_window");
        Positive(RecurrenceWindow, "recurrence_window");
        Positive(PostmortemDue, "postmortem_due");
        if (FlapCount < 2) throw new InvalidSettingException("flap_count", $"{FlapCount} must be at least 2 (triggers of one rule within flap_window).");
        if (BusinessHours.Start >= BusinessHours.End)
            throw new InvalidSettingException("business_hours", $"{BusinessHours} must start before it ends, within one day.");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new InvalidSettingException(name, $"must be longer than zero (got {DurationText.Format(value)}).");
    }
}

/// <summary>A daily clock range such as 08:00-18:00; it may wrap midnight (22:00-08:00).</summary>
public readonly partial record struct HourRange(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses <c>HH:MM-HH:MM</c>.</summary>
    public static HourRange Parse(string text, string setting)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success
            || !TimeOnly.TryParseExact(m.Groups[1].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(m.Groups[2].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            throw new InvalidSettingException(setting, $"'{text}' is not a clock range: use HH:MM-HH:MM, e.g. 08:00-18:00.");
        return new HourRange(start, end);
    }

    /// <summary>Start as fractional hours (08:30 = 8.5), as the SQL macros take it.</summary>
    public double StartHours => Start.ToTimeSpan().TotalHours;

    /// <summary>End as fractional hours.</summary>
    public double EndHours => End.ToTimeSpan().TotalHours;

    /// <inheritdoc />
    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";

    [GeneratedRegex(@"^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$")]
    private static partial Regex Pattern();
}

/// <summary>Durations as people write them in options: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>30d</c>, or ISO 8601 <c>PT10M</c>.</summary>
public static partial class DurationText
{
    /// <summary>Parses; the message names the setting.</summary>
    public static TimeSpan Parse(string text, string setting)
    {
        var t = text.Trim();
        if (t.StartsWith('P') || t.StartsWith('p'))
        {
            try
            {
                return System.Xml.XmlConvert.ToTimeSpan(t.ToUpperInvariant());
            }
            catch (FormatException)
            {
                // fall through to the message below
            }
        }
        var m = Pattern().Match(t);
        if (t.Length > 0 && m.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture c in m.Groups["part"].Captures)
            {
                var unit = c.Value[^1];
                var n = double.Parse(c.Value[..^1], CultureInfo.InvariantCulture);
                total += unit switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ => TimeSpan.FromDays(7 * n),
                };
            }
            return total;
        }
        throw new InvalidSettingException(setting, $"'{text}' is not a duration: use e.g. 90s, 10m, 1h30m, 30d, 2w or PT10M.");
    }

    /// <summary>The shortest text that parses back to <paramref name="value"/>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerDay == 0) return $"{value.Days}d";
        if (value.Ticks % TimeSpan.TicksPerHour == 0) return string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalHours}h");
        if (value.Ticks % TimeSpan.TicksPerMinute == 0) return string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMinutes}m");
        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds}s");
    }

    [GeneratedRegex(@"^(?:(?<part>\d+(?:\.\d+)?[smhdw])\s*)+$")]
    private static partial Regex Pattern();
}
