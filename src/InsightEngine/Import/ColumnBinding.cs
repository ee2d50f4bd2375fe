namespace InsightEngine.Import;

/// <summary>
/// Where a canonical field comes from: the first of <see cref="Columns"/> the file has (alternative spellings, matched
/// by folded name). A field with several bindings takes, per row, the first non-empty of them (a fallback). <see cref="Kind"/> overrides the field's own kind (e.g. a duration in
/// milliseconds); <see cref="Transform"/> rewrites the raw SQL value (e.g. take the first item of a list).
/// </summary>
public sealed record ColumnBinding(string Field, IReadOnlyList<string> Columns, FieldKind? Kind = null, Func<string, string>? Transform = null)
{
    /// <summary>
    /// Every column whose name starts with one of <see cref="Columns"/> is read, and their non-empty values joined with
    /// ", " (Jira writes one <c>Inward issue link (Relates)</c> column per link, repeating the name).
    /// </summary>
    public bool AllStartingWith { get; init; }

    /// <summary>Binds <paramref name="field"/> to the first present of <paramref name="columns"/>.</summary>
    public static ColumnBinding Map(string field, params string[] columns) => new(field, columns);

    /// <summary>Binds <paramref name="field"/> to every column whose name starts with one of <paramref name="prefixes"/>, joined.</summary>
    public static ColumnBinding All(string field, params string[] prefixes) => new(field, prefixes) { AllStartingWith = true };
}

/// <summary>A binding resolved against one file's header.</summary>
/// <param name="Field">The canonical field.</param>
/// <param name="Kind">How its raw text is read.</param>
/// <param name="SourceColumn">The file's own name of the (first) column it reads, for reject messages.</param>
/// <param name="RawSql">SQL over the staged columns giving the raw (trimmed, null-normalised) text.</param>
public sealed record BoundField(CanonicalField Field, FieldKind Kind, string SourceColumn, string RawSql);
