using System.Security.Cryptography;
using DuckDB.NET.Data;
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
    /// <summary>Imports one file.</summary>
    public ImportResult ImportFile(string path, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        options.Validate();
        var file = path; // as the user named it: two exports can share a file name in different folders
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
            var json = options.Format is not null
                ? FormatCatalog.Find(options.Format) as JsonImportFormat
                  ?? throw new ImportException(file, $"is a JSON export but {options.Format} reads CSV. JSON formats: {string.Join(", ", FormatCatalog.All.OfType<JsonImportFormat>().Select(f => f.Id))}")
                : FormatDetector.DetectJson(file, JsonRecords.Sniff(path, file));
            return Stage(path, file, json, new JsonInput(path, file, json, null), options, text);
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
        var bound = Bind(format, input.Header);

        try
        {
            CanonicalSchema.Verify(store, format.Entity);
            using var memory = store.LimitMemory(options.EffectiveMemoryLimit);
            store.Execute($"SET TimeZone = {Literal(options.EffectiveTimeZone)}");
            return store.InTransaction(() => Run(path, file, input, format, bound, options, text));
        }
        catch (DuckDBException e) when (IsReaderError(e))
        {
            _ = Settled(text);   // the scan's own refusal (not text, mixed encodings) or a retry from a UTF-8 copy comes first
            throw Translate(file, e);
        }
        catch (DuckDBException e) when (e.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException(file,
                $"ran out of memory at DuckDB's limit of {options.EffectiveMemoryLimit}, nothing was imported. Raise it with {InsightStore.MemoryLimitVariable} " +
                "(e.g. 2GB) or split the export into smaller files", inner: e);
        }
        finally
        {
            store.Execute("SET TimeZone = 'UTC'; SET preserve_insertion_order = true");
        }
    }

    /// <summary>Resolves every canonical field of the format's entity against the header (unbound fields stage as NULL).</summary>
    internal static List<BoundField> Bind(ImportFormat format, CsvHeader header)
    {
        var bound = new List<BoundField>();
        foreach (var field in CanonicalSchema.For(format.Entity))
        {
            // A field may have several bindings (e.g. a service tag, else the Entity column): first non-empty wins.
            var parts = new List<string>();
            string? sourceColumn = null;
            FieldKind? kind = null;
            foreach (var binding in format.Bindings.Where(b => b.Field == field.Name))
            {
                // Within one binding the columns are alternative spellings: the first the file has is used.
                var position = binding.Columns.Select(header.IndexOf).FirstOrDefault(i => i >= 0, -1);
                if (position < 0) continue;
                var raw = $"c{position}";
                parts.Add(binding.Transform is null ? raw : $"ie_null({binding.Transform(raw)})");
                sourceColumn ??= header.Names[position];
                kind ??= binding.Kind;
            }

            bound.Add(parts.Count == 0
                ? new BoundField(field, field.Kind, "", "NULL::VARCHAR")
                : new BoundField(field, kind ?? field.Kind, sourceColumn!, parts.Count == 1 ? parts[0] : $"coalesce({string.Join(", ", parts)})"));
        }
        return bound;
    }

    private ImportResult Run(string path, string file, StagedInput input, ImportFormat format, List<BoundField> bound,
        ImportOptions options, Task<ExportTextInfo> scan)
    {
        var entity = format.Entity;
        var table = entity.Table();
        store.Execute(Macros(format.DateFormats));
        var statusMap = options.StatusMapFor(format);

        // 1. Check pass: read, convert and derive every record (see RowSelect: the input's raw text columns, named by
        //    position, c0, c1, ..., so repeated names stay apart; null markers already NULL), but keep only what the checks
        //    need: the id, the raw text of values that failed to convert, the times the data-issue checks read. The full rows are converted again and written once,
        //    straight into the canonical table, by the write pass (step 6): staging every typed row and copying it again
        //    made a 1 GB import 5x DuckDB's read_csv and twice its memory; the canonical content hash is left to the write
        //    pass too, as it needs every field converted.
        Progress?.Report(new ImportProgress(file, ImportPhase.Reading));
        var stamp = FileStamp(path);
        var relation = input.Relation(store);
        var rawHash = $"hash({string.Join(", ", input.Header.Names.Select((_, i) => $"c{i}"))})";
        var rowSelect = $"{RowSelect(format, bound, statusMap)},\n       {rawHash} AS raw_hash";
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_typed AS
            SELECT {string.Join(", ", CheckColumns(format.Entity, bound))} FROM (
            SELECT {rowSelect}
            FROM {relation})
            """);
        Progress?.Report(new ImportProgress(file, ImportPhase.Checking));

        // 2. Number the records: DuckDB keeps insertion order (preserve_insertion_order), so rowid counts records in file
        //    order; inside a transaction it starts at a large base, hence the subtraction.
        var firstRowId = store.Scalar<long?>("SELECT min(rowid) FROM ie_typed") ?? 0;
        store.Execute($"CREATE OR REPLACE TEMP VIEW ie_t AS SELECT rowid - {firstRowId} AS ord, * FROM ie_typed");

        // 3. Repeated ids: with a version or updated-time column (ServiceNow sys_mod_count / sys_updated_on, Jira Updated)
        //    the newest row wins, wherever it stands in the file, and older rows are superseded; otherwise, or between
        //    equal versions, the first occurrence is kept and the others rejected.
        var versions = VersionColumns(bound);
        var versioned = versions.Count > 0;
        var versionTuple = versioned ? $"({string.Join(", ", versions)})" : "";
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_dups AS
            SELECT ord, external_id, keep_ord, {(versioned ? "v IS DISTINCT FROM keep_v" : "false")} AS superseded
            FROM (SELECT ord, external_id, {(versioned ? versionTuple + " AS v, " : "")}
                         first_value(ord) OVER w AS keep_ord{(versioned ? $", first_value({versionTuple}) OVER w AS keep_v" : "")}
                  FROM ie_t WHERE external_id IS NOT NULL
                  WINDOW w AS (PARTITION BY external_id ORDER BY {(versioned ? string.Join(", ", versions.Select(v => v + " DESC NULLS LAST")) + ", ord" : "ord")}))
            WHERE ord <> keep_ord
            """);

        //    Rejects: unreadable values, missing required values, repeated ids.
        store.Execute($"CREATE OR REPLACE TEMP TABLE ie_rejects AS {RejectsSql(bound)}");

        // 4. The rows that land: every record neither rejected nor superseded. (A left join on the few excluded records,
        //    not NOT EXISTS: DuckDB planned those as anti joins that hash every record, twice, and ran out of memory.)
        store.Execute("""
            CREATE OR REPLACE TEMP TABLE ie_excluded AS
            SELECT ord FROM ie_rejects UNION SELECT ord FROM ie_dups WHERE superseded;
            CREATE OR REPLACE TEMP VIEW ie_rows AS
            SELECT t.* FROM ie_t t LEFT JOIN ie_excluded x ON x.ord = t.ord WHERE x.ord IS NULL;
            """);

        // 5. What must not land, as raw hashes (the write pass has no record numbers): every rejected or superseded
        //    record, unless an identical record lands (an exact copy of a kept record: removed after the write). And
        //    what the store already holds of this source.
        //    A clean file (the usual case) has nothing to drop and skips the extra read that hashes every record.
        if (store.Scalar<long>("SELECT count(*) FROM ie_excluded") == 0)
        {
            store.Execute("CREATE OR REPLACE TEMP TABLE ie_drop (raw_hash UBIGINT)");
        }
        else
        {
            store.Execute($"CREATE OR REPLACE TEMP TABLE ie_hashes AS SELECT {rawHash} AS raw_hash FROM {relation}");
            var firstHashRow = store.Scalar<long?>("SELECT min(rowid) FROM ie_hashes") ?? 0;
            store.Execute($"""
                CREATE OR REPLACE TEMP VIEW ie_h AS SELECT rowid - {firstHashRow} AS ord, raw_hash FROM ie_hashes;
                CREATE OR REPLACE TEMP TABLE ie_drop AS
                SELECT h.raw_hash FROM ie_h h JOIN ie_excluded x ON x.ord = h.ord
                EXCEPT SELECT h.raw_hash FROM ie_h h LEFT JOIN ie_excluded x ON x.ord = h.ord WHERE x.ord IS NULL;
                DROP VIEW ie_h; DROP TABLE ie_hashes;
                """);
        }
        var keepsVersions = entity == Entity.Incident;
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_known AS
            SELECT external_id, row_hash, first_batch_id{(keepsVersions ? ", version, updated_at" : "")} FROM {table} WHERE source = $source;
            CREATE OR REPLACE TEMP TABLE ie_issues AS {IssuesSql(entity)};
            """, ("source", format.Source));
        Progress?.Report(new ImportProgress(file, ImportPhase.Writing));

        var read = store.Scalar<long>("SELECT count(*) FROM ie_typed");
        var naiveCount = store.Scalar<long?>("SELECT sum(naive_n) FROM ie_typed") ?? 0;
        var derived = entity == Entity.Event ? (0L, 0L) : store.Query(
            "SELECT coalesce(sum(derived_ack_n), 0)::BIGINT, coalesce(sum(derived_resolve_n), 0)::BIGINT FROM ie_rows", r => (r.GetInt64(0), r.GetInt64(1))).Single();
        //    Stale: a landing row that the store already holds in a newer version (an older export imported after a newer one).
        var stale = keepsVersions && versioned
            ? store.Scalar<long>($"SELECT count(*) FROM ie_rows r JOIN ie_known k USING (external_id) WHERE {NewerStored}")
            : 0;
        var rejected = store.Scalar<long>("SELECT count(DISTINCT ord) FROM ie_rejects");
        var superseded = store.Scalar<long>("SELECT count(*) FROM ie_dups d WHERE superseded AND NOT EXISTS (SELECT 1 FROM ie_rejects r WHERE r.ord = d.ord)");
        var landing = store.Scalar<long>("SELECT count(*) FROM ie_rows");
        var dropping = store.Scalar<long>("SELECT count(*) FROM ie_drop") > 0;
        var repeated = store.Scalar<long>("SELECT count(*) FROM ie_dups") > 0;
        var known = store.Scalar<long>("SELECT count(*) FROM ie_known") > 0;
        var batchId = store.Scalar<long>("SELECT nextval('import_batch_seq')");

        // 6. The write pass: the file is read and converted again and every record that lands and is new or changed is
        //    written once. A first import of a clean file needs no join at all. (Conditions on converted values would be
        //    pushed below the conversion by DuckDB and convert every value twice: the joins on hashes avoid that.)
        //    No primary-key index on the canonical tables (it made bulk loads several times slower): keys stay unique
        //    because a file's repeated ids are rejected and a changed row's old version is deleted below. Row order in
        //    the canonical table does not matter: letting DuckDB write it in any order is ~25 % faster.
        var canonical = CanonicalSchema.For(entity).Where(f => !f.StagingOnly).Select(f => f.Name)
            .Concat(CanonicalSchema.PipelineColumns(entity).Where(c => !c.EndsWith("_batch_id", StringComparison.Ordinal))).ToList();
        var conditions = new List<string>();
        if (dropping) conditions.Add("x.raw_hash IS NULL");
        if (known) conditions.Add("(k.external_id IS NULL OR k.row_hash <> r.row_hash)");
        if (known && stale > 0) conditions.Add($"NOT coalesce({NewerStored}, false)");
        store.Execute("SET preserve_insertion_order = false");
        store.Execute($"""
            INSERT INTO {table} ({string.Join(", ", canonical)}, first_batch_id, last_batch_id)
            SELECT {string.Join(", ", canonical.Select(c => "r." + c))}, {(known ? "coalesce(k.first_batch_id, $batch)" : "$batch")}, $batch
            FROM (SELECT {rowSelect} FROM {relation}) r
            {(known ? "LEFT JOIN ie_known k ON k.external_id = r.external_id" : "")}
            {(dropping ? "LEFT JOIN ie_drop x ON x.raw_hash = r.raw_hash" : "")}
            {(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")}
            """, ("batch", batchId));
        store.Execute("SET preserve_insertion_order = true");
        input.Cleanup(store);
        if (FileStamp(path) != stamp)
            throw new ImportException(file, "changed while it was being imported (it is still being written?); nothing was imported. Import it again once it is complete.");

        //    An exact copy of a kept record (same id, same raw text) passed the filter too: keep one.
        if (repeated)
        {
            store.Execute($"""
                DELETE FROM {table} WHERE rowid IN (
                    SELECT rowid FROM (
                        SELECT rowid, row_number() OVER (PARTITION BY external_id ORDER BY rowid) AS copy
                        FROM {table}
                        WHERE source = $source AND last_batch_id = $batch AND external_id IN (SELECT external_id FROM ie_dups))
                    WHERE copy > 1)
                """, ("source", format.Source), ("batch", batchId));
        }

        //    What was written: new rows (first seen in this batch) and changed ones, whose old versions go.
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_written AS
            SELECT external_id, first_batch_id = $batch AS is_new FROM {table} WHERE source = $source AND last_batch_id = $batch;
            DELETE FROM {table} WHERE source = $source AND last_batch_id <> $batch
                AND external_id IN (SELECT external_id FROM ie_written WHERE NOT is_new);
            """, ("source", format.Source), ("batch", batchId));
        var inserted = store.Scalar<long>("SELECT count(*) FROM ie_written WHERE is_new");
        var updated = store.Scalar<long>("SELECT count(*) FROM ie_written WHERE NOT is_new");
        var unchanged = landing - inserted - updated - stale;

        // 7. Data issues of the written rows (replacing their old ones), rejects with their lines, the batch.
        store.Execute("CREATE OR REPLACE TEMP TABLE ie_written_issues AS SELECT i.* FROM ie_issues i JOIN ie_written w USING (external_id)");
        var issues = store.Scalar<long>("SELECT count(*) FROM ie_written_issues");
        var ords = store.Query("SELECT ord FROM ie_rejects UNION SELECT related FROM ie_rejects WHERE related IS NOT NULL UNION SELECT ord FROM ie_written_issues",
            r => r.GetInt64(0));
        WriteLines(input, ords);
        store.Execute("""
            DELETE FROM data_issues WHERE source = $source AND entity = $entity
                AND external_id IN (SELECT external_id FROM ie_written);
            INSERT INTO data_issues
            SELECT $source, $entity, i.external_id, i.kind, i.detail, $batch, l.line
            FROM ie_written_issues i LEFT JOIN ie_lines l USING (ord);
            INSERT INTO import_rejects
            SELECT $batch, l.line, r.column_name, r.raw_value,
                   r.reason || CASE WHEN r.related IS NULL THEN '' ELSE ' (first seen on line ' || coalesce(CAST(l2.line AS VARCHAR), '?') || ')' END
            FROM ie_rejects r LEFT JOIN ie_lines l USING (ord) LEFT JOIN ie_lines l2 ON l2.ord = r.related;
            """, ("source", format.Source), ("entity", entity.Label()), ("batch", batchId));
        if (entity != Entity.Alert) ApplyTimeline(format.Source);
        var text = Settled(scan);
        store.Execute("""
            INSERT INTO import_batches (batch_id, source, format, entity, file_name, file_sha256, file_bytes, imported_at, timezone,
                naive_timestamps, rows_read, inserted, updated, unchanged, rejected, data_issues, status, superseded, stale, encoding, line_ends)
            VALUES ($batch, $source, $format, $entity, $file, $sha, $bytes, now(), $tz, $naive,
                $read, $inserted, $updated, $unchanged, $rejected, $issues, 'completed', $superseded, $stale, $encoding, $line_ends)
            """,
            ("batch", batchId), ("source", format.Source), ("format", format.Id), ("entity", entity.Label()), ("file", file),
            ("sha", text.Sha256), ("bytes", text.Bytes), ("tz", options.EffectiveTimeZone), ("naive", naiveCount), ("read", read),
            ("inserted", inserted), ("updated", updated), ("unchanged", unchanged), ("rejected", rejected), ("issues", issues), ("superseded", superseded),
            ("stale", stale), ("encoding", text.Encoding), ("line_ends", text.LineEnds));
        RecordFields(batchId, bound, format.Source, table);

        var sample = store.Query($"""
            SELECT line, column_name, raw_value, reason FROM import_rejects WHERE batch_id = $batch
            ORDER BY line, column_name LIMIT {ImportResult.SampleSize}
            """,
            r => new RejectedCell(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)),
            ("batch", batchId));
        store.Execute("DROP VIEW ie_rows; DROP VIEW ie_t; DROP TABLE ie_typed; DROP TABLE ie_rejects; DROP TABLE ie_drop; DROP TABLE ie_known; DROP TABLE ie_issues; DROP TABLE ie_written; DROP TABLE ie_written_issues; DROP TABLE ie_lines; DROP TABLE ie_dups; DROP TABLE ie_excluded;");

        return new ImportResult(batchId, file, format.Id, format.Source, entity.Label(), options.EffectiveTimeZone, naiveCount,
            read, inserted, updated, unchanged, rejected, issues, sample)
        {
            Superseded = superseded, Stale = stale, Encoding = text.Encoding, LineEnds = text.LineEnds,
            DerivedAcknowledgements = derived.Item1, DerivedResolutions = derived.Item2,
            DerivedFrom = DurationColumns(bound),
        };
    }

    /// <summary>
    /// Fills an incident's first acknowledgement and its resolution from the source's timeline events where the incident
    /// row lacks them (see <c>Import/Sql/apply_timeline.sql</c>). Runs after incident and event imports alike, so the
    /// order in which an incidents dump and a log-entries dump arrive does not matter.
    /// </summary>
    private void ApplyTimeline(string source)
    {
        if (store.Scalar<long>("SELECT count(*) FROM (SELECT 1 FROM timeline_events WHERE source = $s LIMIT 1)", ("s", source)) == 0) return;
        store.Execute(SqlResources.Read("Import/Sql/apply_timeline.sql"), ("source", source));
    }

    private void WriteLines(StagedInput input, IReadOnlyCollection<long> ords)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE ie_lines (ord BIGINT, line BIGINT)");
        if (ords.Count == 0) return;
        var lines = input.Lines(ords);
        using var appender = store.Connection.CreateAppender("temp", "main", "ie_lines");
        foreach (var (ord, line) in lines)
            appender.CreateRow().AppendValue(ord).AppendValue(line).EndRow();
    }

    /// <summary>Size and modification time: the write pass re-reads the file, which must not have changed since the check pass.</summary>
    private static (long Length, DateTime Modified) FileStamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }

    private static string RejectsSql(List<BoundField> bound)
    {
        var parts = new List<string>();
        foreach (var b in bound.Where(b => b.SourceColumn.Length > 0))
        {
            var typed = Identifier(b.Kind == FieldKind.Text ? b.Field.Name : TypedName(b));
            var bad = Identifier("r_" + b.Field.Name); // the raw text, kept only where the conversion failed
            if (b.Kind != FieldKind.Text)
            {
                parts.Add($"SELECT ord, {Literal(b.SourceColumn)} AS column_name, {bad} AS raw_value, " +
                          $"{Literal(Expected(b.Kind))} AS reason, NULL::BIGINT AS related FROM ie_t WHERE {bad} IS NOT NULL");
            }
            if (b.Field.Required)
            {
                var empty = b.Kind == FieldKind.Text ? $"{typed} IS NULL" : $"{typed} IS NULL AND {bad} IS NULL";
                parts.Add($"SELECT ord, {Literal(b.SourceColumn)} AS column_name, NULL::VARCHAR AS raw_value, 'required value is empty' AS reason, " +
                          $"NULL::BIGINT AS related FROM ie_t WHERE {empty}");
            }
        }
        var id = bound.Single(b => b.Field.Name == "external_id");
        parts.Add($"""
            SELECT ord, {Literal(id.SourceColumn)} AS column_name, external_id AS raw_value, 'duplicate id in this file' AS reason, keep_ord AS related
            FROM ie_dups WHERE NOT superseded
            """);
        return string.Join("\nUNION ALL\n", parts);
    }

    /// <summary>
    /// What the check pass keeps of each record (everything the duplicate, reject, change and data-issue checks read):
    /// the id, the version, the raw text where a conversion failed, required values, the times and status the
    /// data-issue checks compare and the naive-timestamp count.
    /// </summary>
    private static IEnumerable<string> CheckColumns(Entity entity, List<BoundField> bound)
    {
        var names = new List<string> { "external_id", "naive_n" };
        foreach (var b in bound.Where(b => b.SourceColumn.Length > 0))
        {
            if (b.Kind != FieldKind.Text) names.Add("r_" + b.Field.Name);
            if (b.Field.Required || b.Field.Name == "version") names.Add(b.Kind == FieldKind.Text ? b.Field.Name : TypedName(b));
        }
        if (entity != Entity.Event)
        {
            names.AddRange(["created_at", "acknowledged_at", "resolved_at", "status", "derived_ack_n", "derived_resolve_n"]);
            if (entity == Entity.Incident) names.AddRange(["version", "updated_at"]);
            if (entity == Entity.Incident) names.Add("started_at");
        }
        return names.Distinct().Select(Identifier);
    }

    /// <summary>Fields whose typed value is a fallback: the derived value takes the canonical name.</summary>
    private static readonly Dictionary<string, string> Derived = new()
    {
        ["acknowledged_at"] = "coalesce(x_acknowledged_at, created_at + ack_after)",
        ["resolved_at"] = "coalesce(x_resolved_at, created_at + resolve_after)",
    };

    /// <summary>The column holding a field's typed value: its own name, or <c>x_name</c> where a derived value takes it.</summary>
    private static string TypedName(BoundField b) => Derived.ContainsKey(b.Field.Name) ? "x_" + b.Field.Name : b.Field.Name;

    /// <summary>
    /// The select list of the staging table, in dependency order (DuckDB lets a later item use an earlier alias):
    /// raw text (<c>r_name</c>, kept only where a conversion can fail), typed values, derived times, source, severity,
    /// status, the content hash of the canonical fields, and how many timestamps had no offset.
    /// </summary>
    private static string RowSelect(ImportFormat format, List<BoundField> bound, IReadOnlyDictionary<string, string> statusMap)
    {
        var items = new List<string>();
        foreach (var b in bound)
        {
            if (b.Kind == FieldKind.Text)
            {
                items.Add($"{b.RawSql} AS {Identifier(b.Field.Name)}");
                continue;
            }

            // q_name: the raw text (a helper, not stored); the typed value; r_name: the raw text only where the
            // conversion failed, so the staging table carries no second copy of good values (NULLs cost nothing).
            var q = Identifier("q_" + b.Field.Name);
            var typed = Identifier(TypedName(b));
            items.Add($"{b.RawSql} AS {q}");
            if (b.Kind == FieldKind.Timestamp)
            {
                // Parsed once (p_name), then kept only if plausible: the check reads the alias, not a second parse.
                items.Add($"{Typed(b.Kind, q)} AS {Identifier("p_" + b.Field.Name)}");
                items.Add($"{Plausible(Identifier("p_" + b.Field.Name))} AS {typed}");
            }
            else items.Add($"{Typed(b.Kind, q)} AS {typed}");
            items.Add($"CASE WHEN {typed} IS NULL THEN {q} END AS {Identifier("r_" + b.Field.Name)}");
        }
        var fields = bound.Where(b => !b.Field.StagingOnly).Select(b => b.Field.Name).ToList();
        items.Add($"{Literal(format.Source)} AS source");
        if (format.Entity == Entity.Event)
        {
            items.Add($"hash({string.Join(", ", fields)}) AS row_hash");
            items.Add($"{NaiveCount(bound)} AS naive_n");
            return string.Join(",\n       ", items);
        }

        // A resolve time the row does not give: created + a duration column, else (Jira) when the status category became
        // Done, if the status says the incident is done.
        // The status column's value where the status table knows it, else a second status column's (ServiceNow
        // incident_state beside state); NULL when neither is known (then the times decide, below).
        items.Add($"coalesce({MapCase("status_raw", statusMap, "NULL")}, {MapCase("status_alt", statusMap, "NULL")}) AS mapped_status");
        var done = bound.Any(b => b.Field.Name == "done_at" && b.SourceColumn.Length > 0)
            ? "CASE WHEN mapped_status IN ('resolved', 'closed') THEN done_at END"
            : "NULL";
        // A duration left on an incident whose status says it is open or in progress (reopened) is not a resolution.
        var resolvedAt = $"coalesce(x_resolved_at, CASE WHEN mapped_status IN ('open', 'acknowledged') THEN NULL ELSE created_at + resolve_after END, {done})";
        items.AddRange(Derived.Select(d => $"{(d.Key == "resolved_at" ? resolvedAt : d.Value)} AS {d.Key}"));
        var derivedStatus = (fields.Contains("closed_at") ? "WHEN closed_at IS NOT NULL THEN 'closed' " : "") +
                            "WHEN resolved_at IS NOT NULL THEN 'resolved' WHEN acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'open'";
        items.Add($"{MapCase("severity_raw", format.SeverityMap, Literal(Severity.Unknown))} AS severity");
        items.Add($"coalesce(mapped_status, CASE {derivedStatus} END) AS status");
        items.Add($"hash({string.Join(", ", fields.Concat(["severity", "status"]))}) AS row_hash");

        items.Add($"{NaiveCount(bound)} AS naive_n");
        items.Add("CAST(x_acknowledged_at IS NULL AND acknowledged_at IS NOT NULL AS INTEGER) AS derived_ack_n");
        items.Add("CAST(x_resolved_at IS NULL AND resolved_at IS NOT NULL AS INTEGER) AS derived_resolve_n");
        return string.Join(",\n       ", items);
    }

    /// <summary>
    /// The stored row (<c>k</c>) is newer than the landing one (<c>r</c>): a higher version, or the same version (or either
    /// side without one: a list export has no sys_mod_count, a Table API dump has) and a later updated time. Such a landing row is stale and never overwrites the stored one.
    /// </summary>
    private const string NewerStored =
        "(coalesce(k.version > r.version, false) OR ((k.version IS NULL OR r.version IS NULL OR k.version = r.version) AND coalesce(k.updated_at > r.updated_at, false)))";

    /// <summary>The bound columns that order versions of one record, most significant first.</summary>
    private static List<string> VersionColumns(List<BoundField> bound) =>
        new[] { "version", "updated_at" }.Where(n => bound.Any(b => b.Field.Name == n && b.SourceColumn.Length > 0)).ToList();

    /// <summary>The file's duration columns that times were derived from (ack / resolve = created + duration).</summary>
    private static IReadOnlyDictionary<string, string> DurationColumns(List<BoundField> bound) =>
        bound.Where(b => b.Field.Name is "ack_after" or "resolve_after" && b.SourceColumn.Length > 0)
            .ToDictionary(b => b.Field.Name == "ack_after" ? "acknowledged_at" : "resolved_at", b => b.SourceColumn)
            .Concat(bound.Where(b => b.Field.Name == "done_at" && b.SourceColumn.Length > 0).Select(b => KeyValuePair.Create("resolved_at", b.SourceColumn)))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(p => p.Value)));

    /// <summary>
    /// Records which canonical fields this batch's file records (<c>batch_fields</c>): a column is bound to the field (or
    /// a duration column it is derived from) and at least one row the batch wrote fills it. A column present but empty
    /// in every row (a ServiceNow list's unused Actual start, a JSON key no record carries) is not a record of "never":
    /// it says nothing, so figures resting on it stay unknown. Rows the batch did not write keep their own batch's.
    /// </summary>
    private void RecordFields(long batchId, List<BoundField> bound, string source, string table)
    {
        var fields = new Dictionary<string, (string Column, string How)>(StringComparer.Ordinal);
        foreach (var b in bound.Where(b => b.SourceColumn.Length > 0 && !b.Field.StagingOnly)) fields[b.Field.Name] = (b.SourceColumn, "column");
        foreach (var (field, column) in DurationColumns(bound)) fields.TryAdd(field, (column, "duration"));
        if (fields.TryGetValue("status_raw", out var status)) fields.TryAdd("status", status);
        if (fields.Count == 0) return;
        var names = fields.Keys.ToList();
        var filled = store.Query(
            $"SELECT {string.Join(", ", names.Select(n => $"count({Identifier(n)}) > 0"))} FROM {table} WHERE source = $source AND last_batch_id = $batch",
            r => names.Where((_, i) => r.GetBoolean(i)).ToList(), ("source", source), ("batch", batchId)).Single();
        using var appender = store.Connection.CreateAppender("batch_fields");
        foreach (var field in filled)
            appender.CreateRow().AppendValue(batchId).AppendValue(field).AppendValue(fields[field].Column).AppendValue(fields[field].How).EndRow();
    }

    /// <summary>How many of a row's timestamps were written without an offset (and so read in the import's zone).</summary>
    private static string NaiveCount(List<BoundField> bound)
    {
        var naive = bound.Where(b => b.Kind == FieldKind.Timestamp && b.SourceColumn.Length > 0)
            .Select(b => $"CAST(ie_naive(trim(q_{b.Field.Name})) AND {TypedName(b)} IS NOT NULL AS INTEGER)").ToList();
        return naive.Count == 0 ? "0" : string.Join(" + ", naive);
    }

    /// <summary>Checks that keep a row but flag it; the metrics leave flagged durations out.</summary>
    private static string IssuesSql(Entity entity)
    {
        if (entity == Entity.Event) return "SELECT NULL::BIGINT AS ord, NULL::VARCHAR AS external_id, NULL::VARCHAR AS kind, NULL::VARCHAR AS detail WHERE false";
        var checks = new List<(string Kind, string Condition, string Detail)>
        {
            ("resolved_before_created", "resolved_at < created_at",
                "'resolved at ' || resolved_at || ' is before created at ' || created_at"),
            ("acknowledged_before_created", "acknowledged_at < created_at",
                "'acknowledged at ' || acknowledged_at || ' is before created at ' || created_at"),
            ("resolved_without_time", "status IN ('resolved', 'closed') AND resolved_at IS NULL",
                "'status is ' || status || ' but the export gives no resolve time; left out of time-to-resolve'"),
        };
        if (entity == Entity.Incident)
        {
            checks.Add(("started_after_created", "started_at > created_at",
                "'impact start ' || started_at || ' is after created at ' || created_at"));
        }
        return string.Join("\nUNION ALL\n", checks.Select(c =>
            $"SELECT r.ord, r.external_id, {Literal(c.Kind)} AS kind, {c.Detail} AS detail FROM ie_rows r WHERE {c.Condition}"));
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

    /// <summary>DuckDB's reader errors name a record ("CSV Error on Line: 7"); keep that, and the reason, with the file name.</summary>
    private static ImportException Translate(string file, DuckDBException e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var m = System.Text.RegularExpressions.Regex.Match(e.Message, @"CSV Error on Line: (\d+)");
        long? line = m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var detail = lines.FirstOrDefault(l => l.Contains("unterminated quote", StringComparison.OrdinalIgnoreCase)
                                               || l.Contains("Expected Number of Columns", StringComparison.OrdinalIgnoreCase)
                                               || l.Contains("Invalid unicode", StringComparison.OrdinalIgnoreCase)
                                               || l.Contains("Invalid UTF", StringComparison.OrdinalIgnoreCase))
                     ?? lines.FirstOrDefault(l => !l.StartsWith("CSV Error", StringComparison.Ordinal) && !l.StartsWith("Original Line", StringComparison.Ordinal))
                     ?? lines.FirstOrDefault() ?? e.Message;
        if (detail.Contains("unicode", StringComparison.OrdinalIgnoreCase) || detail.Contains("UTF", StringComparison.Ordinal))
            detail += " (the file is not UTF-8; save or export it as UTF-8)";
        if (detail.Contains("unterminated quote", StringComparison.OrdinalIgnoreCase) || detail.Contains("Expected Number of Columns", StringComparison.OrdinalIgnoreCase))
            detail += " (the file looks truncated or malformed)";
        return new ImportException(file, $"cannot be read, nothing was imported: {detail}", line, inner: e);
    }
}
