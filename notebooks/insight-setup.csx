// Set-up shared by the notebooks (#load "insight-setup.csx"): loads the engine from the build output and offers
// OpenSample(), a store with sample-data/ imported, and Show(chart), a chart as an inline image.
// Build the solution once first, at the repository root: dotnet build
#r "../src/InsightEngine.Cli/bin/Debug/net10.0/InsightEngine.dll"
#r "../src/InsightEngine.Cli/bin/Debug/net10.0/InsightEngine.Reports.dll"
#r "../src/InsightEngine.Cli/bin/Debug/net10.0/InsightEngine.Learning.dll"

using System.Net;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Import;
using InsightEngine.Settings;
using InsightEngine.Store;
using InsightEngine.Reports;
using InsightEngine.Reports.Charts;

/// The repository root: the first folder upwards that holds InsightEngine.sln (a notebook runs in notebooks/).
string FindRepository()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "InsightEngine.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Run the notebook inside the InsightEngine repository (no InsightEngine.sln above " + Directory.GetCurrentDirectory() + ").");
}

var Repo = FindRepository();

/// The zone the sample's zone-less exports (Jira, ServiceNow) were written in (sample-data/README.md): how they are read.
const string SampleZone = "Europe/Berlin";

/// The sample's export files, in the order insight import takes a folder.
IReadOnlyList<string> SampleFiles() =>
    Directory.EnumerateFiles(Path.Combine(Repo, "sample-data"), "*.*", SearchOption.AllDirectories)
        .Where(f => (f.EndsWith(".csv") || f.EndsWith(".json")) && Path.GetFileName(f) != "TRUTH.json")
        .Order(StringComparer.Ordinal)
        .ToList();

/// The settings every InsightEngine surface loads the same way (SettingsLoader): `config` if given, else insight.yaml in
/// the notebook's folder, else $INSIGHT_CONFIG; then the environment (INSIGHT_METRICS_*, INSIGHT_MEMORY_LIMIT). With
/// none of them, the documented defaults (reporting zone UTC), exactly as `insight metrics` and the API would use.
InsightSettings LoadSettings(string? config = null) => SettingsLoader.Load(config);

/// A fresh in-memory store with every sample file imported (what insight demo does, without a file): the sample's
/// zone-less timestamps read in the zone it was written in, the settings' own status values applied.
InsightStore OpenSample()
{
    var settings = LoadSettings();
    var store = InsightStore.Open(":memory:", settings.MemoryLimit);
    var importer = new Importer(store);
    foreach (var file in SampleFiles()) importer.ImportFile(file, settings.ForImport(new ImportOptions { TimeZone = SampleZone }));
    return store;
}

/// An analysis session on `store` with the settings: every metric runs in one (the CLI and the API open theirs the same way).
AnalysisSession OpenSession(InsightStore store, string? config = null) => new(store, LoadSettings(config));

/// A metric request over the whole sample with the settings' thresholds and zone; narrow it with `with { ... }`.
MetricRequest SampleRequest() => new() { Options = LoadSettings().Metrics };

/// A report chart as an inline image (its title and description as the image's text).
object Show(InsightEngine.Reports.Document.Chart chart) =>
    display(HTML($"<img src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\" width=\"{chart.Width}\" " +
                 $"alt=\"{WebUtility.HtmlEncode(chart.Title + ": " + chart.Description)}\">"));
