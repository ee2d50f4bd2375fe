using InsightEngine.Model;

namespace InsightEngine.Import.Mapping;

/// <summary>An <see cref="ImportFormat"/> described by a user's <see cref="MappingFile"/> (<c>insight import --mapping</c>).</summary>
public sealed class MappedFormat(MappingFile mapping) : ImportFormat
{
    /// <summary>The mapping this format was built from.</summary>
    public MappingFile Mapping { get; } = mapping;

    /// <inheritdoc />
    public override string Id => $"mapping:{Path.GetFileName(Mapping.Path)}";

    /// <inheritdoc />
    public override string Source => Mapping.Source;

    /// <inheritdoc />
    public override Entity Entity => Mapping.Entity;

    /// <inheritdoc />
    public override string Description => $"CSV described by the mapping file {Mapping.Path}";

    /// <inheritdoc />
    public override IReadOnlyList<ColumnBinding> Bindings => Mapping.Columns;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SeverityMap => Mapping.Severity;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StatusMap => Mapping.Status;

    /// <inheritdoc />
    public override IReadOnlyList<string> DateFormats => Mapping.DateFormats;
}
