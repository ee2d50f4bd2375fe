using InsightEngine.Import.Csv;
using InsightEngine.Import.Json;
using InsightEngine.Store;
using static InsightEngine.Import.StagingSql;

namespace InsightEngine.Import;

/// <summary>
/// The raw rows of one file as a SQL relation of text columns <c>c0, c1, ...</c> in <see cref="Header"/> order, plus the
/// line each record starts on. CSV is read by DuckDB's own reader; JSON is flattened in C# and appended. Everything
/// after this (conversion, checks, upsert) is the same SQL for both.
/// </summary>
internal abstract class StagedInput
{
    /// <summary>The column names (CSV header, or a JSON format's paths).</summary>
    public abstract CsvHeader Header { get; }

    /// <summary>Makes the raw rows available (inside the import's transaction) and returns the relation to select from.</summary>
    public abstract string Relation(InsightStore store);

    /// <summary>1-based starting line of each wanted 0-based record.</summary>
    public abstract Dictionary<long, long> Lines(IReadOnlyCollection<long> ordinals);

    /// <summary>
    /// Values the reader itself must refuse, found while <see cref="Relation"/> staged the rows (record number, column,
    /// the value as text, why): the import rejects their records like any unreadable value.
    /// </summary>
    public virtual IReadOnlyList<(long Ord, string Column, string Raw, string Reason)> ReaderRejects => [];

    /// <summary>Drops anything <see cref="Relation"/> created.</summary>
    public virtual void Cleanup(InsightStore store)
    {
    }
}

/// <summary>A CSV file, read by DuckDB's <c>read_csv</c> with every column as text, named by position.</summary>
internal sealed class CsvInput(string path, CsvHeader header) : StagedInput
{
    /// <summary>
    /// The longest record read (DuckDB's default is 2 MB): a long description or a pasted log in one cell is real data;
    /// a record longer than this is almost always an unclosed quote, and the refusal says so.
    /// </summary>
    public const long MaxRecordBytes = 8L << 20;

    public override CsvHeader Header => header;

    public override string Relation(InsightStore store)
    {
        var columns = "{" + string.Join(", ", header.Names.Select((_, i) => $"'c{i}': 'VARCHAR'")) + "}";
        return $"""
            read_csv({Literal(Path.GetFullPath(path))}, header = true, auto_detect = false, all_varchar = true,
                     delim = {Literal(header.Delimiter.ToString())}, quote = '"', escape = '"', strict_mode = true,
                     max_line_size = {MaxRecordBytes}, skip = {header.SkipLines},
                     nullstr = [{string.Join(", ", NullMarkers.Select(Literal))}], columns = {columns})
            """;
    }

    public override Dictionary<long, long> Lines(IReadOnlyCollection<long> ordinals) => CsvRecordLines.Find(path, ordinals, header.SkipLines);
}

/// <summary>A JSON export: its records streamed, flattened by the format and appended to a temporary table in file order.</summary>
internal sealed class JsonInput(string path, string file, JsonImportFormat format, string? recordsProperty, IProgress<long>? progress) : StagedInput
{
    private readonly List<long> lines = [];
    private readonly List<(long Ord, string Column, string Raw, string Reason)> rejects = [];

    public override CsvHeader Header { get; } = CsvHeader.FromNames(format.ColumnNames);

    /// <summary>The same file flattened by another format (a companion reading other records of it).</summary>
    public JsonInput For(JsonImportFormat other) => new(path, file, other, recordsProperty, null);

    public override IReadOnlyList<(long Ord, string Column, string Raw, string Reason)> ReaderRejects => rejects;

    /// <summary>
    /// A JSON string may hold U+0000, which DuckDB's appender would cut the string at (two ids "A\u0000one" and
    /// "A\u0000two" would both land as "A"): such a record is rejected with the value, never truncated or merged.
    /// </summary>
    private const string NulReason = "contains a NUL character (\\u0000), which no export field means; the record is left out rather than cut short";

    public override string Relation(InsightStore store)
    {
        store.Execute($"CREATE OR REPLACE TEMP TABLE ie_raw ({string.Join(", ", format.Columns.Select((_, i) => $"c{i} VARCHAR"))})");
        using (var appender = store.Connection.CreateAppender("temp", "main", "ie_raw"))
        {
            JsonRecords.Read(path, file, recordsProperty, (record, line) =>
            {
                lines.Add(line);
                var ord = lines.Count - 1;
                var row = appender.CreateRow();
                var column = 0;
                var bad = new Dictionary<int, (string Raw, string Reason)>();
                foreach (var value in format.Flatten(record, (i, raw, reason) => bad[i] = (raw, reason)))
                {
                    if (bad.TryGetValue(column, out var problem))
                    {
                        rejects.Add((ord, format.ColumnNames[column], problem.Raw, problem.Reason));
                        row.AppendValue("\uFFFD");   // staged as something; the record does not land
                        column++;
                        continue;
                    }
                    var v = value is null ? null : value.Trim();
                    if (v is not null && v.Contains('\0', StringComparison.Ordinal))
                    {
                        rejects.Add((ord, format.ColumnNames[column], v.Replace("\0", "\\u0000", StringComparison.Ordinal), NulReason));
                        v = v.Replace('\0', '\uFFFD');   // staged distinct from its neighbours; the record does not land
                    }
                    if (v is null || NullMarkers.Contains(v)) row.AppendNullValue();
                    else row.AppendValue(v);
                    column++;
                }
                row.EndRow();
                if (lines.Count % 10_000 == 0) progress?.Report(lines.Count);
            });
        }
        return "ie_raw";
    }

    public override Dictionary<long, long> Lines(IReadOnlyCollection<long> ordinals) =>
        ordinals.Where(o => o >= 0 && o < lines.Count).ToDictionary(o => o, o => lines[(int)o]);

    public override void Cleanup(InsightStore store) => store.Execute("DROP TABLE IF EXISTS ie_raw");
}
