using System.Globalization;
using CsvHelper;

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
            var lastOccurred = a.Count > 1 ? a.CreatedAt.AddMilliseconds((a.CloseMs ?? 60_000) * 0.8) : a.CreatedAt;
            var updated = a.CloseMs is { } close ? a.CreatedAt.AddMilliseconds(close) : a.AckMs is { } ack ? a.CreatedAt.AddMilliseconds(ack) : a.CreatedAt;
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
                Time(a.CreatedAt),
                Time(updated),
                Time(lastOccurred),
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

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Inv(long v) => v.ToString(CultureInfo.InvariantCulture);
}
