using CsvHelper;
using static InsightEngine.Generation.Writers.WriterSupport;

namespace InsightEngine.Generation.Writers;

/// <summary>
/// Writes alerts as an Opsgenie alert-list CSV: columns named after the alert fields (../shared/formats §2a/2b),
/// times in UTC ISO 8601 with milliseconds, <c>AckTime</c>/<c>CloseTime</c> as the report's durations in
/// milliseconds, tags and teams as comma-separated lists.
/// </summary>
public static class OpsgenieCsvWriter
{
    /// <summary>The header, in the order written.</summary>
    public static readonly string[] Header =
    [
        "Id", "TinyId", "Alias", "Message", "Status", "Acknowledged", "IsSeen", "Snoozed", "Count", "CreatedAt", "UpdatedAt",
        "LastOccurredAt", "Source", "Owner", "Priority", "Teams", "Tags", "Entity", "AckTime", "CloseTime", "AcknowledgedBy", "ClosedBy",
    ];

    /// <summary>Writes <paramref name="alerts"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<GeneratedAlert> alerts)
    {
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(Header);
        foreach (var a in alerts)
        {
            var closed = a.CloseMs is not null;
            var rule = a.Rule.Split(':')[1];
            csv.WriteRecord([
                a.Id,
                Inv(a.TinyId),
                a.Rule,
                a.Message,
                closed ? "closed" : "open",
                a.AckMs is null ? "false" : "true",
                a.AckMs is null && a.ClosedBy is null ? "false" : "true",
                "false",
                Inv(a.Count),
                Utc(a.CreatedAt, 3),
                Utc(a.UpdatedAt, 3),
                Utc(a.LastOccurredAt, 3),
                "Alertmanager",
                a.AcknowledgedBy ?? "",
                $"P{a.Priority}",
                a.Team,
                $"service:{a.Service},rule:{rule},env:production",
                a.Service,
                a.AckMs is { } ms ? Inv(ms) : "",
                a.CloseMs is { } cs ? Inv(cs) : "",
                a.AcknowledgedBy ?? "",
                a.ClosedBy ?? "",
            ]);
        }
    }

}
