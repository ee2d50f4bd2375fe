using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>Spaces and tabs around a CSV cell are not part of its value, as in JSON: a padded id is the same record.</summary>
public sealed class PaddingTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Padded_ids_titles_and_times_are_trimmed_so_a_reimport_without_padding_changes_nothing()
    {
        using var store = TestSupport.MemoryStore();
        var padded = TestSupport.WriteFile(dir, "padded.csv", "id,title,created_at,urgency\n P1 ,\t Disk full \t, 2026-03-02T10:00:00Z\t,high\n");
        var plain = TestSupport.WriteFile(dir, "plain.csv", "id,title,created_at,urgency\nP1,Disk full,2026-03-02T10:00:00Z,high\n");

        var first = new Importer(store).ImportFile(padded, new ImportOptions { Format = "pagerduty-incidents-csv" });
        var second = new Importer(store).ImportFile(plain, new ImportOptions { Format = "pagerduty-incidents-csv" });

        Assert.Equal((1L, 0L), (first.Inserted, first.Rejected));
        Assert.Equal(0L, second.Inserted);   // the same record (its raw text differs, so it counts as updated, to the same values)
        Assert.Equal(["P1|Disk full"], store.Query("SELECT external_id || '|' || title FROM incidents", r => r.GetString(0)));
    }
}
