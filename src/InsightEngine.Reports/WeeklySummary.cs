using System.Globalization;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports;

/// <summary>
/// The review's opening paragraph, written from its figures: what changed, what is outside its normal range, what
/// drove it, and the one thing to do about noise and follow-through. Each sentence is only written when the figures
/// behind it are there, so an empty week says so rather than inventing a story.
/// </summary>
public static class WeeklySummary
{
    /// <summary>A median that moves less than this (and less than 10 minutes) is not worth a sentence.</summary>
    public const double NotableChange = 0.5;

    /// <summary>The summary sentences, most important first.</summary>
    public static IReadOnlyList<string> Write(WeeklyReview r)
    {
        var lines = new List<string>();
        var figures = r.Headline.Rows.ToDictionary(x => x.Figure, StringComparer.Ordinal);
        var incidents = figures["incidents"];
        var high = figures["high_severity"];
        if (incidents.Value is not > 0)
        {
            lines.Add($"No incidents were opened in {r.Week}.");
        }
        else
        {
            var change = incidents.Previous is { } p ? $", {Direction(incidents.Value!.Value, p)} {Cells.Count((long)p)} the week before" : "";
            var range = incidents.Verdict == "too_few_data" ? "" : incidents.Verdict == "normal"
                ? $"; within the normal range ({Range(incidents)})"
                : $"; {incidents.Verdict} than the normal range ({Range(incidents)})";
            lines.Add($"{Cells.Count((long)incidents.Value!.Value)} incidents in {r.Week} ({Cells.Count((long)(high.Value ?? 0))} SEV1-2){change}{range}.");
        }

        foreach (var f in r.Headline.Rows.Where(x => x.Verdict is "worse" or "better" && x.Figure is not "incidents"))
            lines.Add($"{f.Label} was {f.Verdict} than usual: {Value(f.Unit, f.Value)} against a normal range of {Range(f)}.");

        lines.AddRange(SeverityShifts(r));

        if (r.Advice.Count > 0)
        {
            var top = r.Advice[0];
            lines.Add($"The noisiest alert rule, {top.Rule.Rule}{(top.Rule.Service is { } s && !top.Rule.Rule.Contains(s, StringComparison.Ordinal) ? $" on {s}" : "")}, " +
                      $"raised {Cells.Count(top.Rule.Alerts)} alerts, {Cells.Count(top.Rule.Noise)} of them noise ({Cells.Count(top.Rule.SleepPages)} sleep-hour pages): {top.Advice.Action}.");
        }

        var load = r.OnCall.Rows.FirstRow();
        if (load is { Pages: > 0 })
        {
            var who = r.Responders.Rows.FirstRow();
            lines.Add($"On call: {Cells.Count(load.Pages)} pages, {Cells.Count(load.OutOfHoursPages)} out of hours and {Cells.Count(load.SleepPages)} in sleep hours" +
                      (who is null ? "." : $"; {who.Responder} carried the most ({Cells.Count(who.Pages)}, {Cells.Percent(who.Share)})."));
        }

        var ft = r.FollowThrough.Rows.FirstRow();
        if (ft is not null && ft.PostmortemOverdue + ft.ActionItemsOverdue > 0)
            lines.Add($"{Cells.Count(ft.PostmortemOverdue)} postmortems and {Cells.Count(ft.ActionItemsOverdue)} action items are overdue.");

        if (r.Learning is { } l && l.WeeklyFlags.Count + l.IncidentFlags.Count > 0)
        {
            var parts = new List<string>();
            if (l.WeeklyFlags.Count > 0) parts.Add($"{l.WeeklyFlags.Count} abnormal weekly count{(l.WeeklyFlags.Count == 1 ? "" : "s")} (e.g. {l.WeeklyFlags[0].Why})");
            if (l.IncidentFlags.Count > 0) parts.Add($"{l.IncidentFlags.Count} incident{(l.IncidentFlags.Count == 1 ? "" : "s")} abnormal for {(l.IncidentFlags.Count == 1 ? "its" : "their")} severity");
            lines.Add($"The anomaly scan flagged {string.Join(" and ", parts)}.");
        }
        return lines;
    }

    /// <summary>"MTTR for SEV2 rose from 48 min to 2 h 10 min, driven by 3 incidents on payments-api."</summary>
    private static IEnumerable<string> SeverityShifts(WeeklyReview r)
    {
        var before = r.PreviousResponse.Rows.ToDictionary(x => x.Group, StringComparer.Ordinal);
        foreach (var now in r.Response.Rows)
        {
            if (!before.TryGetValue(now.Group, out var prev)) continue;
            if (now.TimeToResolve.MedianSeconds is not { } m || prev.TimeToResolve.MedianSeconds is not { } p || p <= 0) continue;
            if (Math.Abs(m - p) < 600 || Math.Abs(m - p) / p < NotableChange) continue;
            var rose = m > p;
            // "Driven by" only when one service accounts for at least two and a third of the incidents that moved the median.
            var moved = r.Incidents.Rows.Where(i => i.Severity == now.Group && i.TtrSeconds is { } t && (rose ? t > p : t < p)).ToList();
            var top = moved.GroupBy(i => i.Service ?? "(no service)")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            var driven = top is not null && top.Count() >= 2 && top.Count() * 3 >= moved.Count
                ? $", driven by {top.Count()} incidents on {top.Key}"
                : moved.Count > 0 ? $", {moved.Count} of its incidents {(rose ? "slower" : "faster")} than last week's median" : "";
            yield return $"MTTR for {now.Group} {(rose ? "rose" : "fell")} from {Cells.Duration(p)} to {Cells.Duration(m)}{driven} " +
                         $"(median of {Cells.Count(now.TimeToResolve.N)} resolved, {Cells.Count(prev.TimeToResolve.N)} the week before).";
        }
    }

    private static string Direction(double now, double before) => now > before ? "up from" : now < before ? "down from" : "the same as";

    /// <summary>A figure's normal range; counts in whole numbers (a range of 17.8–39.2 incidents reads as 18–39).</summary>
    public static string Range(HeadlineDelta f) => f.Unit == "count"
        ? $"{Math.Ceiling(f.NormalLow ?? 0).ToString("#,0", CultureInfo.InvariantCulture)}–{Math.Floor(f.NormalHigh ?? 0).ToString("#,0", CultureInfo.InvariantCulture)}"
        : $"{Value(f.Unit, f.NormalLow)}–{Value(f.Unit, f.NormalHigh)}";

    /// <summary>A headline value in its unit.</summary>
    public static string Value(string unit, double? value) => unit switch
    {
        "seconds" => Cells.Duration(value),
        "ratio" => Cells.Percent(value),
        _ => value is { } v ? v.ToString("#,0.#", CultureInfo.InvariantCulture) : "n/a",
    };
}
