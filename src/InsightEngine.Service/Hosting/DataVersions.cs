namespace InsightEngine.Service.Hosting;

/// <summary>
/// The store's data version (<see cref="Store.InsightStore.DataVersion"/>) as cheaply as it can be known, for the
/// result cache. Asking the database means opening it (tens of ms), so the answer is kept with a stamp of what could
/// change it: the database and WAL files' sizes and modification times (a CLI import between requests writes them) and
/// the service's own write generation (<see cref="StoreGate.Generation"/>). While the stamp holds, the kept version is
/// the answer; when it moves, the database is asked again: an import still running moves the stamp but not the version,
/// so its readers keep being served from the cache until it commits.
/// </summary>
public sealed class DataVersions(StoreGate gate)
{
    private readonly Lock gate_ = new();
    private (string Stamp, string Version)? known;

    /// <summary>The data version now.</summary>
    public string Current(CancellationToken cancellationToken = default)
    {
        var stamp = Stamp();
        lock (gate_)
        {
            if (known is { } k && k.Stamp == stamp) return k.Version;
        }
        string version;
        using (var store = gate.OpenRead(cancellationToken)) version = store.DataVersion();
        lock (gate_) known = (stamp, version);
        return version;
    }

    private string Stamp()
    {
        static string Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{info.Length}@{info.LastWriteTimeUtc.Ticks}" : "-";
        }
        return $"{gate.Generation}|{Of(gate.Database)}|{Of(gate.Database + ".wal")}";
    }
}
