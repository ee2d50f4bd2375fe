using InsightEngine.Import;
using InsightEngine.Import.Files;
using InsightEngine.Settings;
using InsightEngine.Store;

namespace InsightEngine.Generation;

/// <summary>
/// The sample organisation in <c>sample-data/</c>: where it is, which of its files are exports, and how they are read
/// (the zone-less exports, Jira CSV and ServiceNow, in the zone the generator wrote them in, from TRUTH.json). One place,
/// so <c>insight demo</c> and the walkthroughs in notebooks/ import it the same way and give the same figures.
/// </summary>
public static class SampleData
{
    /// <summary>The folder's name.</summary>
    public const string FolderName = "sample-data";

    /// <summary>The generator's truth file in it (what was planted), not an export.</summary>
    public const string TruthFile = "TRUTH.json";

    /// <summary>File names a folder import passes over: the generator's truth file and notes.</summary>
    public static readonly IReadOnlyList<string> NotExports = [TruthFile, "README.md"];

    /// <summary>
    /// <c>./sample-data</c>, else a <c>sample-data</c> folder holding TRUTH.json in or above any of <paramref name="from"/>
    /// (the program's folder, a script's folder): null when there is none.
    /// </summary>
    public static string? Locate(params string?[] from)
    {
        if (Directory.Exists(FolderName)) return Path.GetFullPath(FolderName);
        foreach (var start in from)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName);
                if (File.Exists(Path.Combine(candidate, TruthFile))) return candidate;
            }
        }
        return null;
    }

    /// <summary>The export files of a sample folder (every level), in the order <c>insight import FOLDER</c> takes them.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ExportFiles.IsExport(Path.GetFileName(f)))
            .Where(f => !NotExports.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The generator's truth file of <paramref name="folder"/>, or null when it has none.</summary>
    public static Truth? LoadTruth(string folder)
    {
        var path = Path.Combine(folder, TruthFile);
        return File.Exists(path) ? Truth.Load(path) : null;
    }

    /// <summary>
    /// How the sample's files are read: the settings' status values and record types, and zone-less timestamps in the
    /// zone the generator wrote them in (TRUTH.json), as a user's own exports would be read with <c>--timezone</c>.
    /// </summary>
    public static ImportOptions ImportOptions(string folder, InsightSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ForImport(new ImportOptions { TimeZone = LoadTruth(folder)?.Generator.TimeZone });
    }

    /// <summary>
    /// Imports every sample file into <paramref name="store"/> as <c>insight import FOLDER</c> does: each file (or each
    /// export inside a container) in its own transaction; the results with the records a file's companions read (a Jira
    /// search's reviews and action items) as results of their own. A file the import refuses is an
    /// <see cref="ImportException"/>: the sample must import whole.
    /// </summary>
    public static IReadOnlyList<ImportResult> Import(InsightStore store, string folder, InsightSettings settings)
    {
        var importer = new Importer(store);
        var options = ImportOptions(folder, settings);
        var results = new List<ImportResult>();
        foreach (var file in Files(folder))
        {
            foreach (var outcome in importer.ImportEach(file, options))
            {
                if (outcome.Failure is { } failure) throw failure;
                results.AddRange([outcome.Result!, .. outcome.Result!.Companions]);
            }
        }
        return results;
    }
}
