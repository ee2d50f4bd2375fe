using System.Globalization;
using System.Text.RegularExpressions;
using InsightEngine.Store;

using InsightEngine.Settings;

namespace InsightEngine.Analysis.Metrics;

/// <summary>The headline figures of one ISO week (each the metric of the same name for that week), each with the n it rests on.</summary>
public sealed record HeadlineWeek(
    string Week, DateOnly WeekStart, long Incidents, long HighSeverity, [property: Column(ColumnKind.Share)] double? LowSeverityShare,
    long TtaN, [property: Column(ColumnKind.Duration)] double? TtaMedianSeconds, long TtrN, [property: Column(ColumnKind.Duration)] double? TtrMedianSeconds,
    long Alerts, long ClassedAlerts, [property: Column(ColumnKind.Share)] double? NoiseRatio, long Pages, long OutOfHoursPages, long SleepPages,
    [property: Column(ColumnKind.Share)] double? RecurrenceRate, long PostmortemDue, [property: Column(ColumnKind.Share)] double? PostmortemCompletion);

/// <summary>One headline figure of a week against last week and the trailing weeks.</summary>
/// <param name="Figure">Its key (incidents, ttr_median_seconds ...).</param>
/// <param name="Label">What a review calls it.</param>
/// <param name="Unit">count | seconds | ratio.</param>
/// <param name="Better">Which direction is better: lower | higher | neither.</param>
/// <param name="Value">This week's value.</param>
/// <param name="N">What it rests on (the count itself for counts).</param>
/// <param name="Previous">Last week's value.</param>
/// <param name="Change">Value - previous.</param>
/// <param name="ChangePercent">Change / previous, when previous is not zero.</param>
/// <param name="TrailingWeeks">Trailing weeks (of 12) with a usable value.</param>
/// <param name="TrailingMean">Their mean.</param>
/// <param name="TrailingMedian">Their median.</param>
/// <param name="NormalLow">The normal range's low end: median - 3 × 1.4826 × MAD (counts: at least 2√median wide), not below 0.</param>
/// <param name="NormalHigh">Its high end: median + the same (ratios not above 1).</param>
/// <param name="Verdict">better | worse (or higher | lower where neither is better) when outside the normal range;
/// normal inside it; too_few_data when this week's n is under 5 (rates, durations), this week has no data at all, or
/// fewer than 4 trailing weeks are usable (weeks without any incident or alert are not covered by the exports).</param>
public sealed record HeadlineDelta(
    string Figure, string Label, string Unit, string Better, double? Value, long N, double? Previous, double? Change, [property: Column(ColumnKind.Share)] double? ChangePercent,
    int TrailingWeeks, double? TrailingMean, double? TrailingMedian, double? NormalLow, double? NormalHigh, string Verdict);

/// <summary>A week's headline figures compared with the week before and the trailing 12 weeks.</summary>
public sealed record DeltaReport(string Metric, string Week, DateOnly WeekStart, string PreviousWeek, MetricScope Scope,
    IReadOnlyList<HeadlineDelta> Rows, IReadOnlyList<HeadlineWeek> Weeks) : IMetricReport
{
    /// <inheritdoc />
    public string GroupedBy => "figure";

    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<object> RowObjects => Rows.Cast<object>().ToList();

    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public Type RowType => typeof(HeadlineDelta);

    /// <inheritdoc />
    public IReadOnlyList<MetricColumn> Columns => MetricColumns.Of(typeof(HeadlineDelta));
}

/// <summary>
/// "Better or worse than usual?": every headline figure of a week against last week and against the trailing 12
/// weeks' normal range. The figures are the metrics' own, evaluated by week; the comparison is here.
/// </summary>
public static partial class Deltas
{
    /// <summary>The embedded query.</summary>
    public const string QueryPath = "frequency.sql, response.sql, noise.sql, oncall.sql, recurrence.sql, follow_through.sql by week";

    /// <summary>Trailing weeks compared against.</summary>
    public const int Trailing = 12;

    /// <summary>Fewest trailing weeks with a usable value for a verdict.</summary>
    public const int MinTrailing = 4;

    private sealed record Figure(string Key, string Label, string Unit, string Better, Func<HeadlineWeek, double?> Value, Func<HeadlineWeek, long> N);

    private static readonly Figure[] Figures =
    [
        new("incidents", "Incidents", "count", "neither", w => w.Incidents, w => w.Incidents),
        new("high_severity", "SEV1-2 incidents", "count", "lower", w => w.HighSeverity, w => w.HighSeverity),
        new("low_severity_share", "Share of SEV3-5", "ratio", "higher", w => w.LowSeverityShare, w => w.Incidents),
        new("tta_median_seconds", "MTTA (median)", "seconds", "lower", w => w.TtaMedianSeconds, w => w.TtaN),
        new("ttr_median_seconds", "MTTR (median)", "seconds", "lower", w => w.TtrMedianSeconds, w => w.TtrN),
        new("alerts", "Alerts", "count", "lower", w => w.Alerts, w => w.Alerts),
        new("noise_ratio", "Alert noise ratio", "ratio", "lower", w => w.NoiseRatio, w => w.ClassedAlerts),
        new("pages", "Pages", "count", "lower", w => w.Pages, w => w.Pages),
        new("out_of_hours_pages", "Out-of-hours pages", "count", "lower", w => w.OutOfHoursPages, w => w.OutOfHoursPages),
        new("sleep_pages", "Sleep-hour pages", "count", "lower", w => w.SleepPages, w => w.SleepPages),
        new("recurrence_rate", "Recurrence rate", "ratio", "lower", w => w.RecurrenceRate, w => w.Incidents),
        new("postmortem_completion", "Postmortem completion (SEV1-2)", "ratio", "higher", w => w.PostmortemCompletion, w => w.PostmortemDue),
    ];

    /// <summary>Compares <see cref="MetricRequest.Week"/> (default: the last complete week) with its predecessors.</summary>
    public static DeltaReport Compute(AnalysisSession session, MetricRequest request)
    {
        request.Validate();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.Options.TimeZone);
        var asOf = request.AsOf ?? MetricQueries.DataAsOf(session.Store);
        var monday = request.Week is { } w ? ParseWeek(w) : LastCompleteWeek(asOf, zone);
        var windowed = request with
        {
            AsOf = asOf,
            Period = new Period(StartOf(monday.AddDays(-7 * Trailing), zone), StartOf(monday.AddDays(7), zone)),
        };
        var scope = MetricQueries.Scope(session.Store, windowed, QueryPath);
        var weeks = HeadlineWeeks(session, windowed, monday.AddDays(-7 * Trailing), monday);
        var current = weeks.SingleOrDefault(x => x.WeekStart == monday);
        var previous = weeks.SingleOrDefault(x => x.WeekStart == monday.AddDays(-7));
        var trailing = weeks.Where(x => x.WeekStart < monday).ToList();
        var rows = Figures.Select(f => Compare(f, current, previous, trailing)).ToList();
        return new DeltaReport("deltas", Label(monday), monday, Label(monday.AddDays(-7)), scope, rows, weeks);
    }

    /// <summary>
    /// The headline figures of each ISO week from <paramref name="first"/> to <paramref name="last"/> (Mondays), every
    /// week listed: each figure is the metric of the same name (frequency, response, noise, oncall, recurrence,
    /// follow-through) evaluated by week over the window, so a week's figure here is the figure <c>insight metrics
    /// NAME --by week</c> gives for it — computed once, by the metric's own query.
    /// </summary>
    private static List<HeadlineWeek> HeadlineWeeks(AnalysisSession session, MetricRequest windowed, DateOnly first, DateOnly last)
    {
        var byWeek = windowed with { By = "week" };
        var frequency = Frequency.Compute(session, windowed with { By = "all" }).Rows.Where(r => r.Week != "all")
            .ToDictionary(r => r.Week, StringComparer.Ordinal);
        var response = Response.Compute(session, byWeek).Rows.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var noise = Noise.Compute(session, byWeek).Rows.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var oncall = OnCall.Compute(session, byWeek).Rows.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var recurrence = Recurrence.Compute(session, byWeek).Rows.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var follow = FollowThrough.Compute(session, byWeek).Rows.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var weeks = new List<HeadlineWeek>();
        for (var monday = first; monday <= last; monday = monday.AddDays(7))
        {
            var label = Label(monday);
            var f = frequency.GetValueOrDefault(label);
            var r = response.GetValueOrDefault(label);
            var n = noise.GetValueOrDefault(label);
            var o = oncall.GetValueOrDefault(label);
            var c = recurrence.GetValueOrDefault(label);
            var p = follow.GetValueOrDefault(label);
            weeks.Add(new HeadlineWeek(
                label, monday, f?.Incidents ?? 0, (f?.Sev1 ?? 0) + (f?.Sev2 ?? 0), f?.LowSeverityShare,
                r?.TimeToAcknowledge.N ?? 0, r?.TimeToAcknowledge.MedianSeconds, r?.TimeToResolve.N ?? 0, r?.TimeToResolve.MedianSeconds,
                n?.Alerts ?? 0, n is null ? 0 : n.Alerts - n.Open, n?.NoiseRatio,
                o?.Pages ?? 0, o?.OutOfHoursPages ?? 0, o?.SleepPages ?? 0,
                c?.RecurrenceRate, p?.PostmortemDue ?? 0, p?.PostmortemCompletion));
        }
        return weeks;
    }

    private static HeadlineDelta Compare(Figure f, HeadlineWeek? current, HeadlineWeek? previous, List<HeadlineWeek> trailing)
    {
        var value = current is null ? null : f.Value(current);
        var n = current is null ? 0 : f.N(current);
        var before = previous is null ? null : f.Value(previous);
        double? change = value is { } v && before is { } b ? v - b : null;
        double? percent = change is { } c && before is { } p && p != 0 ? c / p : null;

        // A rate or duration over fewer than 5 values is no evidence, in this week or in a trailing one; and a week with
        // no incident and no alert at all is a week the exports do not cover, not a week of zeros.
        static bool Covered(HeadlineWeek x) => x.Incidents + x.Alerts > 0;
        bool Usable(HeadlineWeek x) => Covered(x) && f.Value(x) is not null && (f.Unit == "count" || f.N(x) >= DurationStats.LowConfidenceBelow);
        var values = trailing.Where(Usable).Select(x => f.Value(x)!.Value).ToList();
        double? mean = values.Count > 0 ? values.Average() : null;
        double? median = values.Count > 0 ? Generation.Distributions.Quantile(values, 0.5) : null;
        double? low = null, high = null;
        if (values.Count >= 2 && median is { } med)
        {
            // Robust range: one surge week in the trailing twelve must not make every later week look normal, so the
            // spread is the median absolute deviation (scaled to a normal sd), not the sd; counts get at least the
            // Poisson spread, so a steady count does not flag a difference of one.
            var mad = 1.4826 * Generation.Distributions.Quantile(values.Select(x => Math.Abs(x - med)).ToList(), 0.5);
            var half = 3 * mad;
            if (f.Unit == "count") half = Math.Max(half, 2 * Math.Sqrt(Math.Max(med, 1)));
            low = Math.Max(0, med - half);
            high = f.Unit == "ratio" ? Math.Min(1, med + half) : med + half;
        }

        var verdict = "normal";
        if (value is null || current is null || !Covered(current) || values.Count < MinTrailing
            || (f.Unit != "count" && n < DurationStats.LowConfidenceBelow)) verdict = "too_few_data";
        else if (value > high) verdict = f.Better switch { "lower" => "worse", "higher" => "better", _ => "higher" };
        else if (value < low) verdict = f.Better switch { "lower" => "better", "higher" => "worse", _ => "lower" };
        return new HeadlineDelta(f.Key, f.Label, f.Unit, f.Better, value, n, before, change, percent, values.Count, mean, median, low, high, verdict);
    }

    /// <summary>The Monday of an ISO week label such as <c>2026-W44</c>.</summary>
    public static DateOnly ParseWeek(string label)
    {
        var m = WeekPattern().Match(label.Trim());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var week)
            || week < 1 || week > ISOWeek.GetWeeksInYear(year))
            throw new InvalidSettingException("week", $"'{label}' is not an ISO week: use YYYY-Www, e.g. 2026-W44 (weeks 1 to 52 or 53).");
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
    }

    /// <summary>An ISO week label.</summary>
    public static string Label(DateOnly monday)
    {
        var d = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):D2}");
    }

    /// <summary>The Monday of the last ISO week that had ended, in <paramref name="zone"/>, by <paramref name="asOf"/>.</summary>
    public static DateOnly LastCompleteWeek(DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime);
        var thisMonday = local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return thisMonday.AddDays(-7);
    }

    /// <summary>The instant <paramref name="day"/> begins in <paramref name="zone"/> (the first valid local time).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddHours(1); // a zone whose clocks skip midnight
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    [GeneratedRegex(@"^(\d{4})-?W(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WeekPattern();
}
