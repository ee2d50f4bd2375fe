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

    /// <summary>Imports the committed sample-data/ into the store file <paramref name="db"/>, zone-less times read in its zone (Europe/Berlin).</summary>
    public static void ImportSample(string db)
    {
        using var store = InsightStore.Open(db);
        var root = Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data");
        var importer = new InsightEngine.Import.Importer(store);
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            if (!file.EndsWith("TRUTH.json", StringComparison.Ordinal)) importer.ImportFile(file, new InsightEngine.Import.ImportOptions { TimeZone = "Europe/Berlin" });
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
