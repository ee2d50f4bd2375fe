using InsightEngine.Store;

namespace InsightEngine.Tests;

/// <summary>Helpers every test class shares: fixture paths, an in-memory store, temporary folders.</summary>
internal static class TestSupport
{
    /// <summary>A hand-written fixture under Fixtures/.</summary>
    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>Runs the <c>insight</c> command line in-process; returns the exit code and what it wrote.</summary>
    public static async Task<(int Code, string Out, string Err)> RunCli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await InsightEngine.Cli.InsightCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the CLI with <paramref name="input"/> as its standard input.</summary>
    public static async Task<(int Code, string Out, string Err)> RunCliWithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var code = await InsightEngine.Cli.InsightCli.RunAsync(args, output, error, reader);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh in-memory store, migrated.</summary>
    public static InsightStore MemoryStore() => InsightStore.Open(":memory:");

    /// <summary>
    /// The committed sample-data/ imported into the store file <paramref name="db"/>, zone-less times read in its zone
    /// (Europe/Berlin): a copy of one database imported once per test run (<see cref="Templates"/>), so a test class
    /// pays a file copy, not an import.
    /// </summary>
    public static void ImportSample(string db) => Templates.CopyTo("sample", db, ImportSampleInto);

    /// <summary>Imports the committed sample into <paramref name="db"/> for real (what <see cref="ImportSample"/> copies).</summary>
    public static void ImportSampleInto(string db)
    {
        using var store = InsightStore.Open(db);
        var root = Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data");
        // The way insight demo and the walkthroughs import it: zone-less times in the zone TRUTH.json names (Europe/Berlin).
        InsightEngine.Generation.SampleData.Import(store, root, InsightEngine.Settings.InsightSettings.Default);
        // As 'insight import' leaves it: the analysis cache fresh for the default thresholds.
        InsightEngine.Analysis.AnalysisSession.Refresh(store, InsightEngine.Analysis.MetricOptions.Default);
    }

    /// <summary>Writes <paramref name="content"/> to a new file in <paramref name="dir"/> and returns its path.</summary>
    public static string WriteFile(TempDir dir, string name, string content)
    {
        var path = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every row of a table as text, ordered, for before/after comparisons.</summary>
    public static List<string> Dump(InsightStore store, string table, string orderBy, string? exclude = null)
    {
        var select = exclude is null ? "*" : $"* EXCLUDE ({exclude})";
        return store.Query($"SELECT {select} FROM {table} ORDER BY {orderBy}", r =>
        {
            var values = new object[r.FieldCount];
            r.GetValues(values);
            return string.Join("|", values.Select(v => v is DateTime d ? d.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "insight-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Databases built once per test run and copied per test: the imported sample, generated organisations. Building one
/// (generate + import) takes seconds to tens of seconds on two cores; a copy takes milliseconds. Each test still gets
/// its own file, so no test sees another's writes.
/// </summary>
internal static class Templates
{
    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "insight-test-templates-" + Environment.ProcessId);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> Built = new(StringComparer.Ordinal);

    static Templates() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    };

    /// <summary>The template database <paramref name="key"/>, built by <paramref name="build"/> on first use.</summary>
    public static string Get(string key, Action<string> build) =>
        Built.GetOrAdd(key, k => new Lazy<string>(() =>
        {
            Directory.CreateDirectory(Folder);
            var path = System.IO.Path.Combine(Folder, k + ".duckdb");
            build(path);   // the builder closes its store: DuckDB checkpoints the file on close
            return path;
        })).Value;

    /// <summary>Copies template <paramref name="key"/> to <paramref name="db"/> (a new file).</summary>
    public static void CopyTo(string key, string db, Action<string> build)
    {
        var template = Get(key, build);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(db))!);
        File.Copy(template, db, overwrite: true);
        if (File.Exists(template + ".wal")) File.Copy(template + ".wal", db + ".wal", overwrite: true);
    }
}
