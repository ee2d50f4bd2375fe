using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>
/// Numbers a conversion cannot hold (infinity, NaN, negative durations, values past BIGINT or past a hundred years) are
/// rejects that name the line, the column and the value — never an overflow inside DuckDB (which was exit 70).
/// </summary>
public sealed class OutOfRangeNumberTests
{
    private const string Header = "Id,TinyId,Alias,Message,Status,Acknowledged,IsSeen,Snoozed,Count,CreatedAt,UpdatedAt,LastOccurredAt,Source,Owner,Priority,Teams,Tags,Entity,AckTime,CloseTime,AcknowledgedBy,ClosedBy";

    private static string Row(string id, string count, string ackTime, string closeTime) =>
        $"{id},1,rule-{id},Disk full,closed,true,true,false,{count},2026-03-02T10:00:00.000Z,2026-03-02T10:03:00.000Z,2026-03-02T10:00:00.000Z,Prometheus,,P3,search,,search,{ackTime},{closeTime},ana,";

    [Fact]
    public void Out_of_range_counts_and_durations_are_rejects_with_their_value()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "alerts.csv", string.Join("\n",
        [
            Header,
            Row("ok", "2", "60000", "120000"),
            Row("inf", "1", "inf", ""),
            Row("nan", "1", "NaN", ""),
            Row("negative", "1", "-5000", ""),
            Row("huge-ms", "1", "9223372036854775807", ""),
            Row("exp", "1", "1e400", ""),
            Row("count-huge", "9223372036854775807", "60000", ""),
            Row("count-past-bigint", "99999999999999999999", "60000", ""),
            Row("count-negative", "-1", "60000", ""),
            Row("century", "1", "3155760001000", ""),
        ]) + "\n");
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path);

        Assert.Equal((10L, 1L, 9L), (r.Read, r.Inserted, r.Rejected));
        Assert.Equal(r.Read, r.Inserted + r.Updated + r.Unchanged + r.Stale + r.Rejected + r.Superseded);
        var rejects = store.Query("SELECT line, column_name, raw_value, reason FROM import_rejects ORDER BY line",
            x => (Line: x.GetInt64(0), Column: x.GetString(1), Value: x.IsDBNull(2) ? null : x.GetString(2), Reason: x.GetString(3)));
        Assert.Equal((3L, "AckTime", "inf"), (rejects[0].Line, rejects[0].Column, rejects[0].Value));
        Assert.Contains("not a number of milliseconds from 0 to 100 years", rejects[0].Reason);
        Assert.Equal(["inf", "NaN", "-5000", "9223372036854775807", "1e400"], rejects.Where(x => x.Column == "AckTime").Select(x => x.Value!).Take(5));
        Assert.Equal(["9223372036854775807", "99999999999999999999", "-1"], rejects.Where(x => x.Column == "Count").Select(x => x.Value!));
        Assert.Contains(rejects, x => x is { Column: "AckTime", Value: "3155760001000" });   // a hundred years and a second
        Golden.Expect(store, "alerts", "ok", ("acknowledged_at", "2026-03-02 10:01:00"), ("dedup_count", "2"));
    }

    [Fact]
    public void Out_of_range_servicenow_durations_are_rejects_too()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "incidents.csv", string.Join("\n",
        [
            "number,short_description,priority,state,opened_at,closed_at,calendar_duration",
            "INC1,Disk full,2 - High,Closed,2026-03-02 10:00:00,,\"7,500\"",
            "INC2,Disk full,2 - High,Closed,2026-03-02 10:00:00,,\"1,000,000,000,000,000,000\"",
            "INC3,Disk full,2 - High,Closed,2026-03-02 10:00:00,,99999 Days",
            "INC4,Disk full,2 - High,Closed,2026-03-02 10:00:00,,inf",
            "INC5,Disk full,2 - High,Closed,2026-03-02 10:00:00,,-60",
        ]) + "\n");
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path, new ImportOptions { TimeZone = "UTC" });

        Assert.Equal((5L, 1L, 4L), (r.Read, r.Inserted, r.Rejected));
        Golden.Expect(store, "incidents", "INC1", ("resolved_at", "2026-03-02 12:05:00"));
        Assert.Equal(["1,000,000,000,000,000,000", "99999 Days", "inf", "-60"],
            store.Query("SELECT raw_value FROM import_rejects ORDER BY line", x => x.GetString(0)));
    }
}
