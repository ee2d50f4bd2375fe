using System.Text.Json;

namespace InsightEngine.Import.Json;

/// <summary>
/// One column a JSON format flattens its records into: the canonical field it fills, the JSON path it reads (shown in
/// reject messages) and how it reads it. The flattened rows then go through the same SQL pipeline as a CSV.
/// </summary>
public sealed record JsonColumn(string Field, string Path, Func<JsonElement, string?> Read, FieldKind? Kind = null);

/// <summary>
/// A JSON export (an API dump): where its records are, the keys that identify it, and how each record flattens into
/// canonical fields. Nested values (<c>service.summary</c>, the first acknowledgement, a changelog) are read in C#;
/// conversions, checks and upserts are the shared SQL pipeline's, exactly as for CSV.
/// </summary>
public abstract class JsonImportFormat : ImportFormat
{
    /// <summary>The top-level property holding the record array (<c>incidents</c>, <c>data</c>, ...).</summary>
    public abstract string RecordsProperty { get; }

    /// <summary>Keys a record of this format carries; detection scores the first record against them.</summary>
    public abstract IReadOnlyList<string> ShapeKeys { get; }

    /// <summary>The flattened columns.</summary>
    public abstract IReadOnlyList<JsonColumn> Columns { get; }

    /// <inheritdoc />
    public sealed override IReadOnlyList<ColumnBinding> Bindings =>
        Columns.Select((c, i) => new ColumnBinding(c.Field, [ColumnNames[i]], c.Kind)).ToList();

    /// <summary>
    /// The staged column names: each column's JSON path, with the field added where two columns read one path
    /// (bindings match by name, so names must be unique).
    /// </summary>
    public IReadOnlyList<string> ColumnNames => columnNames ??= Columns
        .Select(c => Columns.Count(o => o.Path == c.Path) > 1 ? $"{c.Path} ({c.Field})" : c.Path).ToList();

    private IReadOnlyList<string>? columnNames;

    /// <summary>
    /// The values of one record, in <see cref="Columns"/> order. A value that cannot stand for its field is null here and
    /// reported to <paramref name="onBad"/> (column, raw value, reason) so the record is rejected, never stored wrongly:
    /// a string with an unpaired UTF-16 surrogate escape (not text), and an id that is an object or array.
    /// </summary>
    public string?[] Flatten(JsonElement record, Action<int, string, string>? onBad = null)
    {
        var values = new string?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = Columns[i].Read(record);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to decode "\uD83D" without its low half: the value is not text.
                onBad?.Invoke(i, "(a string with an unpaired \\uD800-\\uDFFF escape)",
                    "holds an unpaired UTF-16 surrogate escape, which is not text; the record is left out rather than altered");
                continue;
            }
            if (Columns[i].Field == CanonicalSchema.IdField && values[i] is ['{' or '[', ..] structured)
            {
                onBad?.Invoke(i, structured.Length > 80 ? structured[..77] + "..." : structured,
                    "is a JSON object or array where the record's id (a string or number) was expected");
                values[i] = null;
            }
        }
        return values;
    }
}
