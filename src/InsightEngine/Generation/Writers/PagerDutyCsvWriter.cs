using System.Globalization;
using CsvHelper;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes incidents as PagerDuty's Analytics "raw incidents" CSV: the field set of <c>/analytics/raw/incidents</c>
/// (../shared/formats §1a), timestamps in the account's zone with their offset (so DST changes show), durations as
/// <c>seconds_to_*</c>, empty cells for open incidents.
/// </summary>
public static class PagerDutyCsvWriter
{
    /// <summary>The header, in the order written.</summary>
    public static readonly string[] Header =
    [
        "id", "incident_number", "description", "status", "urgency", "major", "priority_id", "priority_name", "priority_order",
        "service_id", "service_name", "team_id", "team_name", "escalation_policy_id", "escalation_policy_name",
        "created_at", "resolved_at", "assignment_count", "escalation_count", "auto_resolved", "resolved_by_user_id",
        "resolved_by_user_name", "seconds_to_first_ack", "seconds_to_engage", "seconds_to_resolve", "engaged_user_count",
        "business_hour_interruptions", "off_hour_interruptions", "sleep_hour_interruptions", "total_interruptions", "total_notifications",
    ];

    /// <summary>Writes <paramref name="incidents"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<GeneratedIncident> incidents, TimeZoneInfo zone)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(Header);
        foreach (var i in incidents)
        {
            var band = Band(TimeZoneInfo.ConvertTime(i.CreatedAt, zone));
            var resolvedBy = i.ResolveSeconds is null || i.AutoResolved ? null : i.Assignee;
            var status = i.ResolveSeconds is not null ? "resolved" : i.AckSeconds is not null ? "acknowledged" : "triggered";
            csv.WriteRecord([
                i.Id,
                Inv(i.Number),
                i.Title,
                status,
                i.Severity <= 3 ? "high" : "low",
                i.Severity == 1 ? "true" : "false",
                i.PriorityBlank ? "" : $"PPRI{i.Severity}",
                i.PriorityBlank ? "" : $"P{i.Severity}",
                i.PriorityBlank ? "" : Inv(i.Severity),
                "PSVC" + Code(i.Service),
                i.Service,
                "PTEAM" + Code(i.Team),
                i.Team,
                "PEP" + Code(i.Team),
                $"{i.Team} escalation",
                Time(i.CreatedAt, zone),
                i.ResolvedAt is { } r ? Time(r, zone) : "",
                "1",
                i.AckSeconds is > 900 ? "1" : "0",
                i.ResolveSeconds is null ? "" : i.AutoResolved ? "true" : "false",
                resolvedBy is null ? "" : "PUSR" + Code(resolvedBy.Name),
                resolvedBy?.Name ?? "",
                i.AckSeconds is { } ack ? Inv(ack) : "",
                i.AckSeconds is { } engage ? Inv(engage) : "",
                i.ResolveSeconds is { } res ? Inv(res) : "",
                i.AckSeconds is null ? "0" : "1",
                band == 0 ? "1" : "0",
                band == 1 ? "1" : "0",
                band == 2 ? "1" : "0",
                "1",
                i.AckSeconds is > 900 ? "2" : "1",
            ]);
        }
    }

    /// <summary>0 business hours (08–18 Mon–Fri), 1 off hours (18–22 weekdays, weekend days), 2 sleep hours (22–08).</summary>
    private static int Band(DateTimeOffset local) =>
        local.Hour is >= 22 or < 8 ? 2
        : local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour >= 18 ? 1
        : 0;

    private static string Time(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
