using System.Security.Cryptography;
using DuckDB.NET.Data;
using InsightEngine.Import.Containers;
using InsightEngine.Import.Csv;
using InsightEngine.Import.Json;
using InsightEngine.Import.Mapping;
using InsightEngine.Import.Files;
using InsightEngine.Model;
using InsightEngine.Store;
using static InsightEngine.Import.StagingSql;

namespace InsightEngine.Import;

/// <summary>
/// Imports export files into the canonical store. Each file is one transaction: it is detected from its header,
/// read by DuckDB's own CSV reader into a staging table where every value is converted and checked in SQL, and upserted by
/// (source, external id). Bad cells reject their row into <c>import_rejects</c>; suspicious but usable rows are kept
/// and flagged in <c>data_issues</c>. A file that cannot be read at all throws <see cref="ImportException"/> and
/// leaves the database as it was.
/// </summary>
public sealed class Importer(InsightStore store)
{
    /// <summary>
    /// Imports one file, or each export inside a container (a ZIP of exports, a gzip-compressed export, an Excel
    /// workbook's first sheet; see <see cref="ExportContainer"/>), each in its own transaction and reported as a file of
    /// its own (<c>exports.zip/incidents.csv</c>). A container that cannot be opened is one failure.
    /// </summary>
    public IReadOnlyList<ImportOutcome> ImportEach(string path, ImportOptions? options = null)
    {
        try
        {
            if (!File.Exists(path) || ExportContainer.KindOf(path) is null) return [ImportOutcome.Of(path, () => ImportFile(path, options))];
            using var container = ExportContainer.Open(path, path);
            return container.Entries.Select(e => ImportOutcome.Of(e.Name, () => ImportFile(e.Path, options, e.Name))).ToList();
        }
        catch (ImportException e)
        {
            return [new ImportOutcome(path, null, e)];
        }
    }

    /// <summary>Imports one file (CSV or JSON, any encoding; not a container: <see cref="ImportEach"/>).</summary>
    public ImportResult ImportFile(string path, ImportOptions? options = null) => ImportFile(path, options, null);

    /// <summary>Imports the file at <paramref name="path"/>, named <paramref name="displayName"/> in results and messages.</summary>
    internal ImportResult ImportFile(string path, ImportOptions? options, string? displayName)
    {
        options ??= new ImportOptions();
        options.Validate();
        var file = displayName ?? path; // as the user named it: two exports can share a file name in different folders
        if (!File.Exists(path))
            throw new ImportException(path, Directory.Exists(path) ? "is a folder, not a file" : "file not found");

        // The encoding and line ends. A file whose first MiB is plain UTF-8 (the usual case) is read as it is while the
        // full scan (encoding, line ends, SHA-256) runs beside DuckDB's read; if the scan finds what the head did not
        // show (a Windows-1252 byte far down), the transaction rolls back and the file is read again from a UTF-8 copy.
        // Anything else (UTF-16, Windows-1252, \r\r\n, JSON) is scanned first and, where needed, transcoded to a copy
        // with the same lines, so every line number below still names the user's file.
        if (ExportText.LooksPlainUtf8(path) && !JsonRecords.LooksLikeJson(path))
        {
            var scan = Task.Run(() => ExportText.Inspect(path, file));
            try
            {
                return ImportText(path, file, options, scan);
            }
            catch (TranscodingNeeded)
            {
                // read below from the transcoded copy
            }
            finally
            {
                scan.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        using var prepared = PreparedExport.For(path, file);
        // The copy is what DuckDB reads: nothing is left to transcode.
        return ImportText(prepared.ReadPath, file, options, Task.FromResult(prepared.Info with { NeedsTranscoding = false }));
    }

    /// <summary>Imports <paramref name="path"/> (the file, or its UTF-8 copy) as <paramref name="file"/>, detecting its format.</summary>
    private ImportResult ImportText(string path, string file, ImportOptions options, Task<ExportTextInfo> text)
    {
        if (JsonRecords.LooksLikeJson(path))
        {
            if (options.Mapping is not null)
                throw new ImportException(file, "is a JSON export; --mapping describes CSV files. Import it with its JSON format (see 'insight formats').");
            // The records are where the file has them: the format's wrapper ({"incidents": [...]}) or a bare top-level
            // array of the same records (what many scripts and exports write).
            var shape = JsonRecords.Sniff(path, file);
            var json = options.Format is not null
                ? FormatCatalog.Find(options.Format) as JsonImportFormat
                  ?? throw new ImportException(file, $"is a JSON export but {options.Format} reads CSV. JSON formats: {string.Join(", ", FormatCatalog.All.OfType<JsonImportFormat>().Select(f => f.Id))}")
                : FormatDetector.DetectJson(file, shape);
            var records = shape.RecordsProperty ?? (shape.TopLevelKeys.Count == 0 ? null : json.RecordsProperty);
            return Stage(path, file, json, new JsonInput(path, file, json, records, null), options, text);
        }

        var header = CsvHeader.Read(path, file);
        ImportFormat format = options.Mapping is not null ? new MappedFormat(options.Mapping)
            : options.Format is not null ? FormatCatalog.Find(options.Format)!
            : FormatDetector.Detect(file, header);
        if (format is JsonImportFormat)
            throw new ImportException(file, $"is not JSON, but {format.Id} reads JSON API dumps", 1);
        var match = FormatDetector.Match(format, header);
        if (format is MappedFormat mapped)
        {
            // A column the user named but the file lacks is a mistake in the mapping or the wrong file: say which.
            var absent = mapped.Mapping.Columns.Where(b => !b.Columns.Any(c => header.IndexOf(c) >= 0)).ToList();
            if (absent.Count > 0)
            {
                throw new ImportException(file,
                    $"the mapping {mapped.Mapping.Path} names columns this file does not have: " +
                    string.Join("; ", absent.Select(b => $"{string.Join(" or ", b.Columns.Select(c => $"'{c}'"))} (for {b.Field})")) +
                    $". The header has: {string.Join(", ", header.Names)}", 1);
            }
        }
        if (!match.Usable)
        {
            throw new ImportException(file,
                $"missing required column {string.Join(", ", match.MissingRequired)} for format {format.Id}. " +
                $"The header has: {string.Join(", ", header.Names)}", 1);
        }
        return Stage(path, file, format, new CsvInput(path, header), options, text);
    }

    /// <summary>Reports how far an import has got (see <see cref="ImportProgress"/>); null: silent.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    private ImportResult Stage(string path, string file, ImportFormat format, StagedInput input, ImportOptions options, Task<ExportTextInfo> text)
    {
        var plan = ImportPlan.For(format, input.Header, options);
        try
        {
            CanonicalSchema.Verify(store, format.Entity);
            store.Execute($"SET TimeZone = {Literal(options.EffectiveTimeZone)}");   // this connection's: zone-less times are read in it
            return store.InTransaction(() =>
            {
                var result = new ImportRun(store, plan, input, path, file, Progress).Execute(() => Settled(text));
                // A file of nothing but incidents (most Jira exports) has nothing for the companions to read: no second pass.
                if (format.Companions.Count > 0 && result.Other > 0) result = WithCompanions(result, path, file, format, input, options, text);
                options.WithinTransaction?.Invoke(store, result);
                return result;
            });
        }
        catch (DuckDBException e) when (IsReaderError(e))
        {
            _ = Settled(text);   // the scan's own refusal (not text, mixed encodings) or a retry from a UTF-8 copy comes first
            throw Translate(file, e);
        }
        catch (DuckDBException e) when (e.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException(file,
                $"ran out of memory at DuckDB's limit of {store.MemoryLimit}, nothing was imported. Raise it with {InsightStore.MemoryLimitVariable} " +
                "(e.g. 2GB) or split the export into smaller files", inner: e);
        }
        finally
        {
            store.ExecuteCleanup("SET TimeZone = 'UTC'");
        }
    }

    /// <summary>
    /// Reads the same file's other records with the format's companions (a Jira search's post-incident reviews, then its
    /// action items), in the import's transaction, each as a batch of its own; then says what became of every record
    /// type: read by the main format, by a companion, or skipped (recorded in <c>import_batch_types</c>).
    /// </summary>
    private ImportResult WithCompanions(ImportResult main, string path, string file, ImportFormat format, StagedInput mainInput,
        ImportOptions options, Task<ExportTextInfo> text)
    {
        var companions = new List<ImportResult>();
        foreach (var companion in format.Companions)
        {
            CanonicalSchema.Verify(store, companion.Entity);
            StagedInput input = mainInput switch
            {
                JsonInput json => json.For((JsonImportFormat)companion),
                _ => mainInput,
            };
            var plan = ImportPlan.For(companion, input.Header, options);
            companions.Add(new ImportRun(store, plan, input, path, file, Progress).Execute(() => Settled(text)));
        }
        var taken = companions.SelectMany(c => c.RecordTypes).Where(t => t.Became != "other")
            .GroupBy(t => t.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var settled = new List<RecordTypeCount>();
        foreach (var t in main.RecordTypes)
        {
            if (t.Became != "other")
            {
                settled.Add(t);
                continue;
            }
            var byCompanions = taken.GetValueOrDefault(t.Type) ?? [];
            settled.AddRange(byCompanions);
            var skipped = t.Records - byCompanions.Sum(c => c.Records);
            if (skipped > 0) settled.Add(new RecordTypeCount(t.Type, skipped, "skipped"));
        }
        using (var appender = store.Connection.CreateAppender("import_batch_types"))
        {
            foreach (var t in settled.Where(t => t.Became == "skipped"))
                appender.CreateRow().AppendValue(main.BatchId).AppendValue(t.Type).AppendValue(t.Records).AppendValue(t.Became).EndRow();
        }
        return main with { Companions = companions, RecordTypes = settled };
    }

    /// <summary>
    /// The full scan's verdict: its refusal if the file is not text, <see cref="TranscodingNeeded"/> if the file must be
    /// read from a UTF-8 copy after all (the import's transaction then rolls back and starts again), else what it found.
    /// </summary>
    private static ExportTextInfo Settled(Task<ExportTextInfo> scan)
    {
        var info = scan.GetAwaiter().GetResult();
        return info.NeedsTranscoding ? throw new TranscodingNeeded() : info;
    }

    /// <summary>Thrown inside an import read optimistically as UTF-8 when the scan says it is not: roll back, transcode, retry.</summary>
    private sealed class TranscodingNeeded : Exception;

    /// <summary>An error of DuckDB's CSV reader (the file's fault), as opposed to a bug in our SQL.</summary>
    private static bool IsReaderError(DuckDBException e) =>
        e.Message.Contains("CSV Error", StringComparison.Ordinal) || e.Message.Contains("Invalid unicode", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Invalid Input Error", StringComparison.Ordinal) || e.Message.Contains("IO Error", StringComparison.Ordinal);

    /// <summary>
    /// DuckDB's reader errors name a record ("CSV Error on Line: 7") and what it found; the user gets the line and what
    /// is wrong with the file in our words, never the reader's own text.
    /// </summary>
    private static ImportException Translate(string file, DuckDBException e)
    {
        var message = e.Message;
        var m = System.Text.RegularExpressions.Regex.Match(message, @"CSV Error on Line: (\d+)");
        long? line = m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var columns = System.Text.RegularExpressions.Regex.Match(message, @"Expected Number of Columns: (\d+) Found: (\d+)");
        string detail;
        if (columns.Success)
        {
            int want = int.Parse(columns.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), found = int.Parse(columns.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            detail = found > want
                ? $"this line has {found} fields where the header has {want}: a value holds the delimiter without quotes, or a quote is not doubled"
                : $"this line has {found} fields where the header has {want}: the row is cut short (a truncated file?) or a line break inside a value is not quoted";
        }
        else if (message.Contains("unterminated quote", StringComparison.OrdinalIgnoreCase))
            detail = "a quoted value opened on this line is never closed: the file looks truncated, or a quote inside a value is not doubled (\"\")";
        else if (message.Contains("Maximum line size", StringComparison.OrdinalIgnoreCase))
            detail = $"a record from this line on is longer than {CsvInput.MaxRecordBytes >> 20} MB: almost always a quote that is never closed";
        else if (message.Contains("unicode", StringComparison.OrdinalIgnoreCase) || message.Contains("UTF", StringComparison.Ordinal))
            detail = "it holds bytes that are not UTF-8 text here: export it again as UTF-8";
        else
            detail = "it is not well-formed CSV from this line on (check its quotes and delimiters)";
        return new ImportException(file, $"cannot be read, nothing was imported: {detail}", line, inner: e);
    }
}
