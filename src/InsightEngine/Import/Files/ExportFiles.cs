namespace InsightEngine.Import.Files;

/// <summary>Which file names are exports a folder import, the inbox and uploads take.</summary>
public static class ExportFiles
{
    /// <summary>Plain exports.</summary>
    public static readonly IReadOnlyList<string> PlainExtensions = [".csv", ".json"];

    /// <summary>Containers of exports (<see cref="Containers.ExportContainer"/>).</summary>
    public static readonly IReadOnlyList<string> ContainerExtensions = [".zip", ".gz", ".xlsx"];

    /// <summary>True for a <c>.csv</c> or <c>.json</c> name, and (unless <paramref name="plainOnly"/>) <c>.zip</c>, <c>.gz</c>, <c>.xlsx</c>.</summary>
    public static bool IsExport(string name, bool plainOnly = false) =>
        PlainExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))
        || (!plainOnly && ContainerExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The extensions, for messages: <c>.csv, .json, .zip, .gz, .xlsx</c>.</summary>
    public static string Described => string.Join(", ", PlainExtensions.Concat(ContainerExtensions));
}
