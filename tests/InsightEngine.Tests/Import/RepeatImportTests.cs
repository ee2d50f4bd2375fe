using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Tests.Import;

/// <summary>
/// Re-importing an unchanged file (same SHA-256, same import plan, nothing written to that source's records since) is
/// recognised and not read again: the result is what reading it again would report, the data and the data version stay
/// as they were; anything that could change the outcome makes it a real import again.
/// </summary>
public sealed class RepeatImportTests : IDisposable
{
    private const string Header = "id,incident_number,description,status,urgency,priority_name,service_name,team_name,created_at,resolved_at,seconds_to_first_ack";

    // Four good rows, one with an unreadable time (rejected), one repeating an id (rejected), one resolved before it was created (a data issue).
    private const string Rows = """
        P1,1,Checkout 5xx,resolved,high,P1,checkout,payments,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,120
        P2,2,Search slow,resolved,low,P3,search,discovery,2026-03-03T10:00:00Z,2026-03-03T11:00:00Z,300
        P3,3,Login errors,resolved,high,P2,auth,identity,not a time,2026-03-04T11:00:00Z,60
        P1,1,Checkout 5xx,resolved,high,P1,checkout,payments,2026-03-02T10:00:00Z,2026-03-02T10:45:00Z,120
        P4,4,Queue backlog,resolved,low,P4,queue,platform,2026-03-05T10:00:00Z,2026-03-05T09:00:00Z,
        P5,5,Disk full,triggered,high,P2,storage,platform,2026-03-06T10:00:00Z,,
        """;

    private readonly TempDir dir = new();
    private readonly InsightStore store = TestSupport.MemoryStore();

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    private string File(string name, string rows = Rows) => TestSupport.WriteFile(dir, name, Header + "\n" + rows + "\n");

    private ImportResult Import(string path, string tz = "UTC") => new Importer(store).ImportFile(path, new ImportOptions { TimeZone = tz });

    private static object Counts(ImportResult r) =>
        (r.Read, r.Inserted, r.Updated, r.Unchanged, r.Stale, r.Superseded, r.Rejected, r.DataIssues, r.NaiveTimestamps, r.DerivedAcknowledgements);

    [Fact]
    public void The_same_file_again_is_not_read_and_reports_what_reading_it_would()
    {
        var path = File("incidents.csv");
        var first = Import(path);
        Assert.Equal((6L, 4L, 2L), (first.Read, first.Inserted, first.Rejected));
        var rows = TestSupport.Dump(store, "incidents", "external_id");
        var version = store.DataVersion();

        var repeat = Import(path);
        Assert.Equal(first.BatchId, repeat.RepeatOf);
        // What reading it again reports: the same records in a file with another SHA-256 (a byte-order mark first) are read in full.
        var copy = Path.Combine(dir.Path, "copy.csv");
        System.IO.File.WriteAllText(copy, Header + "\n" + Rows + "\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var reread = Import(copy);
        Assert.Null(reread.RepeatOf);
        Assert.Equal(Counts(reread), Counts(repeat));
        Assert.Equal((0L, 0L, 4L), (repeat.Inserted, repeat.Updated, repeat.Unchanged));
        Assert.Equal(rows, TestSupport.Dump(store, "incidents", "external_id"));
        Assert.Equal(version, store.DataVersion());

        // Its rejects are the batch's own, with their lines, as a read would have written them.
        Assert.Equal(
            store.Query("SELECT line, column_name, reason FROM import_rejects WHERE batch_id = $b ORDER BY ALL", r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), ("b", first.BatchId)),
            store.Query("SELECT line, column_name, reason FROM import_rejects WHERE batch_id = $b ORDER BY ALL", r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), ("b", repeat.BatchId)));
        Assert.Equal(repeat.RejectSample, reread.RejectSample);
        Assert.Equal(first.BatchId, store.Scalar<long>("SELECT repeat_of FROM import_batches WHERE batch_id = $b", ("b", repeat.BatchId)));
    }

    [Fact]
    public void A_file_of_the_same_source_written_in_between_makes_it_a_real_import_again()
    {
        var path = File("incidents.csv");
        Import(path);
        // A later export changed P2's title: the store no longer holds what the first file says.
        var later = Import(File("later.csv", Rows.Replace("Search slow", "Search slow again", StringComparison.Ordinal)));
        Assert.Equal(1L, later.Updated);

        var again = Import(path);
        Assert.Null(again.RepeatOf);
        Assert.Equal(1L, again.Updated);
        Assert.Equal("Search slow", store.Scalar<string>("SELECT title FROM incidents WHERE external_id = 'P2'"));

        // Another source in between changes nothing for this one.
        new Importer(store).ImportFile(TestSupport.Fixture("opsgenie/alerts.csv"));
        Assert.Equal(again.BatchId, Import(path).RepeatOf);
    }

    [Fact]
    public void Other_settings_or_a_changed_byte_read_the_file_again()
    {
        var path = File("naive.csv", Rows.Replace("2026-03-03T10:00:00Z", "2026-03-03 10:00:00", StringComparison.Ordinal));
        var utc = Import(path);
        Assert.Equal(1L, utc.NaiveTimestamps);

        // Another zone reads the naive time differently: a real import, which updates the row.
        var berlin = Import(path, "Europe/Berlin");
        Assert.Null(berlin.RepeatOf);
        Assert.Equal(1L, berlin.Updated);
        Assert.Equal(berlin.BatchId, Import(path, "Europe/Berlin").RepeatOf);

        System.IO.File.AppendAllText(path, "P6,6,New one,triggered,high,P2,storage,platform,2026-03-07T10:00:00Z,,\n");
        var changed = Import(path, "Europe/Berlin");
        Assert.Null(changed.RepeatOf);
        Assert.Equal(1L, changed.Inserted);
    }
}
