using System.Globalization;
using System.Text;
using InsightEngine.Store;

namespace InsightEngine.Tests.Store;

/// <summary>
/// Crash consistency, kept honest: a real <c>insight import</c> process is killed (SIGKILL, no clean-up of its own) at
/// several points of its run; every time the store opens consistent — the file's batch wholly there or wholly
/// absent, never half — and importing the file again counts nothing twice.
/// </summary>
public sealed class KillTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private const int Incidents = 30_000;

    [SlowFact]
    public async Task An_import_killed_at_any_point_leaves_the_batch_whole_or_absent_and_a_reimport_counts_nothing_twice()
    {
        var export = Path.Combine(dir.Path, "incidents.csv");
        WriteExport(export);
        var db = Path.Combine(dir.Path, "insight.duckdb");
        using (InsightStore.Open(db)) { }   // migrated before the first run, so every kill lands in the import itself

        // Delays from the process start: before it opens the store, while it reads, while it writes, near the commit.
        // Whatever point each lands on, the checks below must hold: they do not depend on the machine's speed.
        var outcomes = new List<string>();
        foreach (var delay in new[] { 300, 900, 1500, 2200, 3000, 4500 })
        {
            var import = OtherProcess.Start("import", export, "--db", db, "--format", "json");
            await Task.Delay(delay);
            import.Kill();

            using var store = InsightStore.Open(db);
            var stored = store.Scalar<long>("SELECT count(*) FROM incidents");
            var batches = store.Scalar<long>("SELECT count(*) FROM import_batches");
            Assert.True(stored is 0 or Incidents, $"after a kill at {delay} ms: {stored} incidents, neither none nor all {Incidents}");
            Assert.Equal(stored == 0 ? 0 : batches, batches);   // no batch row without its data
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM (SELECT external_id FROM incidents GROUP BY source, external_id HAVING count(*) > 1)"));
            outcomes.Add(stored == 0 ? "absent" : "whole");
        }

        // Imported again (whole or not before), the store ends with each incident once.
        var (code, _, err) = await TestSupport.RunCli("import", export, "--db", db);
        Assert.True(code == 0, err);
        using (var store = InsightStore.Open(db))
        {
            Assert.Equal(Incidents, store.Scalar<long>("SELECT count(*) FROM incidents"));
            var last = store.Query("SELECT inserted, unchanged FROM import_batches ORDER BY batch_id DESC LIMIT 1", r => (r.GetInt64(0), r.GetInt64(1))).Single();
            Assert.Equal(outcomes.Contains("whole") ? (0L, (long)Incidents) : (Incidents, 0L), last);
        }
    }

    private static void WriteExport(string path)
    {
        var sb = new StringBuilder("id,incident_number,title,status,urgency,created_at,acknowledged_at,resolved_at,service_name\n");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Incidents; i++)
        {
            var created = start.AddMinutes(i * 7);
            sb.Append(CultureInfo.InvariantCulture, $"P{i:D6},{i},Disk full on host-{i % 97} — volume /data,resolved,{(i % 3 == 0 ? "high" : "low")},")
              .Append(created.ToString("O", CultureInfo.InvariantCulture)).Append(',')
              .Append(created.AddMinutes(3).ToString("O", CultureInfo.InvariantCulture)).Append(',')
              .Append(created.AddMinutes(45).ToString("O", CultureInfo.InvariantCulture)).Append(CultureInfo.InvariantCulture, $",svc-{i % 13}\n");
        }
        File.WriteAllText(path, sb.ToString());
    }
}
