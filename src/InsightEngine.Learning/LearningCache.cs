using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InsightEngine.Store;

namespace InsightEngine.Learning;

/// <summary>
/// Trained models' results, saved beside the models with the fingerprint of the data and options they came from, and
/// reused — by the CLI, the reports, the dashboard and the service alike — until the store changes. The fingerprint
/// hashes every incident and alert as stored (any import that changes a row, or a row changed otherwise, invalidates
/// it), the data version (InsightStore.DataVersion: an unchanged re-import keeps it), and every option a result depends on; a result is recomputed, never patched.
/// </summary>
public static class LearningCache
{
    /// <summary>Bumped when a model or its result changes shape: results saved by an older version are not reused.</summary>
    private const string Version = "learning-3";

    /// <summary>The fingerprint of the store's data and the options, for <paramref name="kind"/>.</summary>
    public static string Fingerprint(InsightStore store, LearningOptions options, string kind)
    {
        var data = store.Query("""
            SELECT $data_version,
                   (SELECT count(*) FROM incidents),
                   (SELECT coalesce(sum(hash(source, external_id, created_at, acknowledged_at, resolved_at, title, service, team, severity, status)), 0) FROM incidents),
                   (SELECT count(*) FROM alerts),
                   (SELECT coalesce(sum(hash(source, external_id, created_at, acknowledged_at, resolved_at, title, service, dedup_count)), 0) FROM alerts)
            """, r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))),
            ("data_version", store.DataVersion())).Single();
        var text = string.Join('\n', Version, kind, data, options.Seed.ToString(CultureInfo.InvariantCulture), options.TimeZone,
            options.RecurrenceWindow.TotalSeconds.ToString("R", CultureInfo.InvariantCulture), options.RecentDays.ToString(CultureInfo.InvariantCulture),
            options.Horizon.ToString(CultureInfo.InvariantCulture), string.Join(',', (options.KnownAbnormalTitles ?? new HashSet<string>()).Order(StringComparer.Ordinal)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Entry<T>(string Fingerprint, DateTime SavedAt, T Result);

    /// <summary>
    /// The saved result of <paramref name="kind"/> when its fingerprint matches, else <paramref name="compute"/>'s
    /// (saved for next time). No folder: always computed. A saved file that cannot be read is recomputed and replaced.
    /// </summary>
    public static T GetOrCompute<T>(InsightStore store, LearningOptions options, string kind, Func<T> compute, out bool reused)
    {
        ArgumentNullException.ThrowIfNull(compute);
        reused = false;
        if (options.ModelFolder is not { } folder) return compute();
        var fingerprint = Fingerprint(store, options, kind);
        var path = Path.Combine(folder, kind + ".result.json");
        try
        {
            if (File.Exists(path) && JsonSerializer.Deserialize<Entry<T>>(File.ReadAllText(path), ModelStore.Json) is { } saved && saved.Fingerprint == fingerprint)
            {
                reused = true;
                return saved.Result;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            // unreadable (an older shape, a half-written file from a crash): recomputed below
        }
        var result = compute();
        Directory.CreateDirectory(folder);
        // Written beside and moved into place: a reader never sees half a file, two writers the last one whole.
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry<T>(fingerprint, DateTime.UtcNow, result), ModelStore.Json));
        File.Move(temporary, path, overwrite: true);
        return result;
    }
}
