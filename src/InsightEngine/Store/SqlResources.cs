using System.Reflection;

namespace InsightEngine.Store;

/// <summary>Reads the <c>.sql</c> files compiled into this assembly (schema migrations, metric queries).</summary>
public static class SqlResources
{
    private static readonly Assembly Assembly = typeof(SqlResources).Assembly;

    /// <summary>Names of the embedded SQL files under <paramref name="folder"/>, e.g. <c>Store/Sql/schema/</c>, in order.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The text of one embedded SQL file, by its path inside the project (e.g. <c>Analysis/Sql/metrics/response.sql</c>).</summary>
    public static string Read(string path)
    {
        var name = Assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == path)
            ?? throw new InvalidOperationException($"No embedded SQL file '{path}'.");
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
