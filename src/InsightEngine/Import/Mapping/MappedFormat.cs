using InsightEngine.Model;

namespace InsightEngine.Import.Mapping;

/// <summary>An <see cref="ImportFormat"/> described by a user's <see cref="MappingFile"/> (<c>insight import --mapping</c>).</summary>
public sealed class MappedFormat(MappingFile mapping) : ImportFormat
{
    /// <summary>The mapping this format was built from.</summary>
    public MappingFile Mapping { get; } = mapping;

    /// <inheritdoc />
    public override string Id => Mapping.Base is null ? $"mapping:{Path.GetFileName(Mapping.Path)}" : $"{Mapping.Base.Id}+mapping:{Path.GetFileName(Mapping.Path)}";

    /// <inheritdoc />
    public override string Source => Mapping.Source;

    /// <inheritdoc />
    public override Entity Entity => Mapping.Entity;

    /// <inheritdoc />
    public override string Description => $"CSV described by the mapping file {Mapping.Path}";

    /// <summary>The mapping's columns; for a field it does not name, the base format's bindings.</summary>
    public override IReadOnlyList<ColumnBinding> Bindings { get; } =
        [.. mapping.Columns, .. (mapping.Base?.Bindings ?? []).Where(b => mapping.Columns.All(c => c.Field != b.Field))];

    /// <summary>The base format's table with the mapping's entries over it.</summary>
    public override IReadOnlyDictionary<string, string> SeverityMap { get; } = Merge(mapping.Base?.SeverityMap, mapping.Severity);

    /// <summary>The base format's table with the mapping's entries over it.</summary>
    public override IReadOnlyDictionary<string, string> StatusMap { get; } = Merge(mapping.Base?.StatusMap, mapping.Status);

    /// <inheritdoc />
    public override IReadOnlyList<string> DateFormats { get; } = [.. mapping.Base?.DateFormats ?? [], .. mapping.DateFormats];

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? baseMap, IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in baseMap ?? new Dictionary<string, string>()) merged[k] = v;
        foreach (var (k, v) in overrides) merged[k] = v;
        return merged;
    }
}
