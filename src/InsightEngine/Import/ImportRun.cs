using InsightEngine.Import.Files;
using InsightEngine.Model;
using InsightEngine.Store;
using static InsightEngine.Import.StagingSql;

namespace InsightEngine.Import;

/// <summary>
/// Executes an <see cref="ImportPlan"/> inside the import's transaction, one small step at a time: check pass, record
/// numbers, repeated ids, rejects, the rows that land, what must not land, the store's snapshot, the counts, the write
/// pass, what was written, and the bookkeeping. Each step's SQL comes from the plan (our text) with values bound as
/// parameters; the working tables are TEMP tables named <c>ie_*</c>, dropped at the end.
/// </summary>
internal sealed class ImportRun(InsightStore store, ImportPlan plan, StagedInput input, string path, string file, IProgress<ImportProgress>? progress)
{
    /// <summary>What the checks found, before anything is written.</summary>
    private sealed record Counts(long Read, long Naive, long DerivedAcks, long DerivedResolves, long Stale, long Rejected, long Superseded,
        long Landing, bool Dropping, bool Repeated, bool Known, long Other);

    private string relation = "";
    private (long Length, DateTime Modified) stamp;

    private (string Name, object? Value) Source => ("source", plan.Format.Source);

    /// <summary>Runs every step; returns the result. Throws (and the caller's transaction rolls back) on any failure.</summary>
    public ImportResult Execute(Func<ExportTextInfo> settledScan)
    {
        var fingerprint = plan.Fingerprint;
        if (Repeat(fingerprint, settledScan) is { } repeat) return repeat;
        store.Execute(plan.MacrosSql);
        progress?.Report(new ImportProgress(file, ImportPhase.Reading));
        CheckPass();
        progress?.Report(new ImportProgress(file, ImportPhase.Checking));
        NumberRecords();
        FindRepeatedIds();
        FindRejects();
        SelectLandingRows();
        ListWhatMustNotLand();
        SnapshotTheStore();
        progress?.Report(new ImportProgress(file, ImportPhase.Writing));
        var counts = Count();
        var batchId = store.Scalar<long>("SELECT nextval('import_batch_seq')");
        WritePass(counts, batchId);
        var (inserted, updated) = Written(batchId);
        var issues = RecordIssuesAndRejects(batchId);
        if (plan.Entity is Entity.Incident or Entity.Event) ApplyTimeline();
        var text = settledScan();
        var unchanged = counts.Landing - inserted - updated - counts.Stale;
        WriteBatch(batchId, counts, inserted, updated, unchanged, issues, text, fingerprint);
        var types = RecordTypes(batchId);
        RecordFields(batchId);
        var sample = Sample(batchId);
        DropWorkingTables();

        return new ImportResult(batchId, file, plan.Format.Id, plan.Format.Source, plan.Entity.Label(), plan.Options.EffectiveTimeZone, counts.Naive,
            counts.Read, inserted, updated, unchanged, counts.Rejected, issues, sample)
        {
            Superseded = counts.Superseded, Stale = counts.Stale, Encoding = text.Encoding, LineEnds = text.LineEnds,
            DerivedAcknowledgements = counts.DerivedAcks, DerivedResolutions = counts.DerivedResolves,
            DerivedFrom = plan.DurationColumns, Other = counts.Other, RecordTypes = types,
        };
    }

    /// <summary>
    /// 0. An unchanged file is not read again: when an earlier batch read a file with this SHA-256 through the same plan
    /// (<see cref="ImportPlan.Fingerprint"/>) and no batch has written this source's records since, reading it again would
    /// write nothing. The import is recorded as a batch of its own that repeats that one (its counts with every landing
    /// record unchanged, its rejects and record types copied); nothing else changes, so the data version does not move.
    /// Only the SHA-256 is waited for, and only when a batch with this fingerprint exists. Not for files that name
    /// record types (Jira): what their other records became is settled across several passes.
    /// </summary>
    private ImportResult? Repeat(string fingerprint, Func<ExportTextInfo> settledScan)
    {
        if (plan.Bound.Any(b => b.Field.Name == "record_type" && b.SourceColumn.Length > 0)) return null;
        var entity = ("entity", (object?)plan.Entity.Label());
        if (store.Scalar<long>("SELECT count(*) FROM import_batches WHERE source = $source AND entity = $entity AND plan_fingerprint = $fingerprint",
                Source, entity, ("fingerprint", fingerprint)) == 0)
            return null;
        var text = settledScan();
        var previous = store.Query("""
            SELECT batch_id, coalesce(repeat_of, batch_id), rows_read, inserted + updated + unchanged, rejected, superseded, stale,
                   naive_timestamps, coalesce(other_records, 0), coalesce(derived_acks, 0), coalesce(derived_resolves, 0)
            FROM import_batches p
            WHERE source = $source AND entity = $entity AND plan_fingerprint = $fingerprint AND file_sha256 = $sha AND status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM import_batches l
                              WHERE l.source = p.source AND l.entity = p.entity AND l.batch_id > p.batch_id AND l.inserted + l.updated > 0)
            ORDER BY batch_id DESC LIMIT 1
            """,
            r => (Batch: r.GetInt64(0), Original: r.GetInt64(1), Read: r.GetInt64(2), Landed: r.GetInt64(3), Rejected: r.GetInt64(4),
                Superseded: r.GetInt64(5), Stale: r.GetInt64(6), Naive: r.GetInt64(7), Other: r.GetInt64(8), Acks: r.GetInt64(9), Resolves: r.GetInt64(10)),
            Source, entity, ("fingerprint", fingerprint), ("sha", text.Sha256)).SingleOrDefault();
        if (previous.Batch == 0) return null;

        var batchId = store.Scalar<long>("SELECT nextval('import_batch_seq')");
        var counts = new Counts(previous.Read, previous.Naive, previous.Acks, previous.Resolves, previous.Stale, previous.Rejected, previous.Superseded,
            Landing: previous.Landed + previous.Stale, Dropping: false, Repeated: false, Known: true, previous.Other);
        WriteBatch(batchId, counts, 0, 0, previous.Landed, 0, text, fingerprint, repeatOf: previous.Original);
        store.Execute("""
            INSERT INTO import_rejects SELECT $batch, line, column_name, raw_value, reason FROM import_rejects WHERE batch_id = $previous;
            """, ("batch", batchId), ("previous", previous.Batch));
        return new ImportResult(batchId, file, plan.Format.Id, plan.Format.Source, plan.Entity.Label(), plan.Options.EffectiveTimeZone, previous.Naive,
            previous.Read, 0, 0, previous.Landed, previous.Rejected, 0, Sample(batchId))
        {
            Superseded = previous.Superseded, Stale = previous.Stale, Encoding = text.Encoding, LineEnds = text.LineEnds,
            DerivedAcknowledgements = previous.Acks, DerivedResolutions = previous.Resolves, DerivedFrom = plan.DurationColumns,
            Other = previous.Other, RepeatOf = previous.Original,
        };
    }

    /// <summary>
    /// 1. Check pass: read, convert and derive every record (the plan's select list over the raw text columns, named by
    /// position, null markers already NULL), but keep only what the checks need: the id, the raw text of values that
    /// failed to convert, the times the data-issue checks read. The full rows are converted again and written once,
    /// straight into the canonical table, by the write pass: staging every typed row and copying it again made a 1 GB
    /// import 5x DuckDB's read_csv and twice its memory.
    /// </summary>
    private void CheckPass()
    {
        stamp = FileStamp(path);
        relation = input.Relation(store);
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_typed AS
            SELECT {string.Join(", ", plan.CheckColumns())} FROM (
            {plan.Rows(relation)})
            """);
    }

    /// <summary>
    /// 2. Number the records: DuckDB keeps insertion order (preserve_insertion_order, its default), so rowid counts
    /// records in file order; inside a transaction it starts at a large base, hence the subtraction.
    /// </summary>
    private void NumberRecords()
    {
        var firstRowId = store.Scalar<long?>("SELECT min(rowid) FROM ie_typed") ?? 0;
        store.Execute("CREATE OR REPLACE TEMP VIEW ie_t AS SELECT rowid - CAST(" + firstRowId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " AS BIGINT) AS ord, * FROM ie_typed");
    }

    /// <summary>
    /// 3. Repeated ids: with a version or updated-time column (ServiceNow sys_mod_count / sys_updated_on, Jira Updated)
    /// the newest row wins, wherever it stands in the file, and older rows are superseded; otherwise, or between equal
    /// versions, the first occurrence is kept and the others rejected.
    /// </summary>
    private void FindRepeatedIds()
    {
        var versions = plan.VersionColumns;
        var versioned = versions.Count > 0;
        var versionTuple = versioned ? $"({string.Join(", ", versions)})" : "";
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_dups AS
            SELECT ord, external_id, keep_ord, {(versioned ? "v IS DISTINCT FROM keep_v" : "false")} AS superseded
            FROM (SELECT ord, external_id, {(versioned ? versionTuple + " AS v, " : "")}
                         first_value(ord) OVER w AS keep_ord{(versioned ? $", first_value({versionTuple}) OVER w AS keep_v" : "")}
                  FROM ie_t WHERE external_id IS NOT NULL AND ie_in
                  WINDOW w AS (PARTITION BY external_id ORDER BY {(versioned ? string.Join(", ", versions.Select(v => v + " DESC NULLS LAST")) + ", ord" : "ord")}))
            WHERE ord <> keep_ord
            """);
    }

    /// <summary>
    /// Rejects: values the reader refused (<see cref="StagedInput.ReaderRejects"/>), unreadable values, missing required
    /// values, repeated ids (column names bound as parameters).
    /// </summary>
    private void FindRejects()
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE ie_reader_rejects (ord BIGINT, column_name VARCHAR, raw_value VARCHAR, reason VARCHAR)");
        if (input.ReaderRejects.Count > 0)
        {
            using var appender = store.Connection.CreateAppender("temp", "main", "ie_reader_rejects");
            foreach (var (ord, column, raw, reason) in input.ReaderRejects)
                appender.CreateRow().AppendValue(ord).AppendValue(column).AppendValue(raw).AppendValue(reason).EndRow();
        }
        store.Execute($"CREATE OR REPLACE TEMP TABLE ie_rejects AS {plan.RejectsSql()}", plan.RejectsParameters);
    }

    /// <summary>
    /// 4. The rows that land: every record neither rejected nor superseded. (A left join on the few excluded records,
    /// not NOT EXISTS: DuckDB planned those as anti joins that hash every record, twice, and ran out of memory.)
    /// </summary>
    private void SelectLandingRows() =>
        store.Execute("""
            CREATE OR REPLACE TEMP TABLE ie_excluded AS
            SELECT ord FROM ie_rejects UNION SELECT ord FROM ie_dups WHERE superseded;
            CREATE OR REPLACE TEMP VIEW ie_rows AS
            SELECT t.* FROM ie_t t LEFT JOIN ie_excluded x ON x.ord = t.ord WHERE x.ord IS NULL AND t.ie_in;
            """);

    /// <summary>
    /// 5. What must not land, as raw hashes (the write pass has no record numbers): every rejected or superseded record,
    /// unless an identical record lands (an exact copy of a kept record: removed after the write). A clean file (the
    /// usual case) has nothing to drop and skips the extra read that hashes every record.
    /// </summary>
    private void ListWhatMustNotLand()
    {
        if (store.Scalar<long>("SELECT count(*) FROM ie_excluded") == 0)
        {
            store.Execute("CREATE OR REPLACE TEMP TABLE ie_drop (raw_hash UBIGINT)");
            return;
        }
        store.Execute($"CREATE OR REPLACE TEMP TABLE ie_hashes AS SELECT {plan.RawHash} AS raw_hash FROM {relation}");
        var firstHashRow = store.Scalar<long?>("SELECT min(rowid) FROM ie_hashes") ?? 0;
        store.Execute("CREATE OR REPLACE TEMP VIEW ie_h AS SELECT rowid - CAST(" + firstHashRow.ToString(System.Globalization.CultureInfo.InvariantCulture) + " AS BIGINT) AS ord, raw_hash FROM ie_hashes");
        store.Execute("""
            CREATE OR REPLACE TEMP TABLE ie_drop AS
            SELECT h.raw_hash FROM ie_h h JOIN ie_excluded x ON x.ord = h.ord
            EXCEPT SELECT h.raw_hash FROM ie_h h LEFT JOIN ie_excluded x ON x.ord = h.ord WHERE x.ord IS NULL;
            DROP VIEW ie_h; DROP TABLE ie_hashes;
            """);
    }

    /// <summary>
    /// What the store already holds of this file's records (ids, content hashes, versions), and the landing rows' data
    /// issues. Only the ids the file has: a large export into a store holding millions of other records of the source
    /// (another export of the same tool) then joins nothing, and the write pass needs no join at all.
    /// </summary>
    private void SnapshotTheStore() =>
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_known AS
            SELECT external_id, row_hash, first_batch_id{(plan.KeepsVersions ? ", version, updated_at" : "")} FROM {plan.Table}
            WHERE source = $source AND external_id IN (SELECT external_id FROM ie_typed WHERE external_id IS NOT NULL);
            CREATE OR REPLACE TEMP TABLE ie_issues AS {plan.IssuesSql()};
            """, Source);

    /// <summary>The counts that must add up: read = inserted + updated + unchanged + stale + rejected + superseded.</summary>
    private Counts Count()
    {
        var derived = plan.Entity is Entity.Event || plan.Entity.IsFollowUp() ? (0L, 0L) : store.Query(
            "SELECT coalesce(sum(derived_ack_n), 0)::BIGINT, coalesce(sum(derived_resolve_n), 0)::BIGINT FROM ie_rows", r => (r.GetInt64(0), r.GetInt64(1))).Single();
        // Stale: a landing row that the store already holds in a newer version (an older export imported after a newer one).
        var stale = plan.KeepsVersions && plan.VersionColumns.Count > 0
            ? store.Scalar<long>($"SELECT count(*) FROM ie_rows r JOIN ie_known k USING (external_id) WHERE {ImportPlan.NewerStored}")
            : 0;
        return new Counts(
            Read: store.Scalar<long>("SELECT count(*) FROM ie_typed WHERE ie_in"),
            Naive: store.Scalar<long?>("SELECT sum(naive_n) FROM ie_typed WHERE ie_in") ?? 0,
            DerivedAcks: derived.Item1, DerivedResolves: derived.Item2, Stale: stale,
            Rejected: store.Scalar<long>("SELECT count(DISTINCT ord) FROM ie_rejects"),
            Superseded: store.Scalar<long>("SELECT count(*) FROM ie_dups d WHERE superseded AND NOT EXISTS (SELECT 1 FROM ie_rejects r WHERE r.ord = d.ord)"),
            Landing: store.Scalar<long>("SELECT count(*) FROM ie_rows"),
            Dropping: store.Scalar<long>("SELECT count(*) FROM ie_drop") > 0,
            Repeated: store.Scalar<long>("SELECT count(*) FROM ie_dups") > 0,
            Known: store.Scalar<long>("SELECT count(*) FROM ie_known") > 0,
            Other: store.Scalar<long>("SELECT count(*) FROM ie_typed WHERE NOT ie_in"));
    }

    /// <summary>
    /// 6. The write pass: the file is read and converted again and every record that lands and is new or changed is
    /// written once. A first import of a clean file needs no join at all. (Conditions on converted values would be
    /// pushed below the conversion by DuckDB and convert every value twice: the joins on hashes avoid that.) No
    /// primary-key index on the canonical tables (it made bulk loads several times slower): keys stay unique because a
    /// file's repeated ids are rejected and a changed row's old version is deleted below. The rows land in no particular
    /// order, and the join keeps the stored rows as its hash table (<see cref="InsightStore.BulkWrite"/>).
    /// </summary>
    private void WritePass(Counts counts, long batchId)
    {
        var canonical = plan.CanonicalColumns;
        // The stored side of the join is its hash table. As (id, content hash) strings it outgrew 512 MB for a 1.3 GB
        // export of 3.2 M records all already stored; as two 64-bit keys per record (the id's hash, and the hash of id and
        // content) it is 24 bytes a record. Exact where it matters: a record is skipped only when its id and content
        // hash both match a stored one's; two stored ids sharing a hash (never seen: ~n²/2⁶⁵) fall back to the strings.
        // Stale checks read the stored versions, so they join the strings too (incidents: thousands, not millions).
        var narrow = counts.Known && counts.Stale == 0
            && store.Scalar<bool>("SELECT count(*) = count(DISTINCT hash(external_id)) FROM ie_known");
        if (narrow)
            store.Execute("CREATE OR REPLACE TEMP TABLE ie_known_keys AS SELECT hash(external_id) AS id_key, hash(external_id, row_hash) AS pair_key, first_batch_id FROM ie_known");
        var conditions = new List<string>();
        if (counts.Dropping) conditions.Add("x.raw_hash IS NULL");
        if (narrow) conditions.Add("(k.id_key IS NULL OR k.pair_key <> hash(r.external_id, r.row_hash))");
        else if (counts.Known) conditions.Add("(k.external_id IS NULL OR k.row_hash <> r.row_hash)");
        if (counts.Known && counts.Stale > 0) conditions.Add($"NOT coalesce({ImportPlan.NewerStored}, false)");
        if (counts.Other > 0) conditions.Add("r.ie_in");
        store.BulkWrite(() => store.Execute($"""
            INSERT INTO {plan.Table} ({string.Join(", ", canonical)}, first_batch_id, last_batch_id)
            SELECT {string.Join(", ", canonical.Select(c => "r." + c))}, {(counts.Known ? "coalesce(k.first_batch_id, $batch)" : "$batch")}, $batch
            FROM ({plan.Rows(relation)}) r
            {(narrow ? "LEFT JOIN ie_known_keys k ON k.id_key = hash(r.external_id)" : counts.Known ? "LEFT JOIN ie_known k ON k.external_id = r.external_id" : "")}
            {(counts.Dropping ? "LEFT JOIN ie_drop x ON x.raw_hash = r.raw_hash" : "")}
            {(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")}
            """, ("batch", batchId)));
        input.Cleanup(store);
        if (FileStamp(path) != stamp)
            throw new ImportException(file, "changed while it was being imported (it is still being written?); nothing was imported. Import it again once it is complete.");

        // An exact copy of a kept record (same id, same raw text) passed the filter too: keep one.
        if (counts.Repeated)
        {
            store.Execute($"""
                DELETE FROM {plan.Table} WHERE rowid IN (
                    SELECT rowid FROM (
                        SELECT rowid, row_number() OVER (PARTITION BY external_id ORDER BY rowid) AS copy
                        FROM {plan.Table}
                        WHERE source = $source AND last_batch_id = $batch AND external_id IN (SELECT external_id FROM ie_dups))
                    WHERE copy > 1)
                """, Source, ("batch", batchId));
        }
    }

    /// <summary>What was written: new rows (first seen in this batch) and changed ones, whose old versions go.</summary>
    private (long Inserted, long Updated) Written(long batchId)
    {
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ie_written AS
            SELECT external_id, first_batch_id = $batch AS is_new FROM {plan.Table} WHERE source = $source AND last_batch_id = $batch;
            DELETE FROM {plan.Table} WHERE source = $source AND last_batch_id <> $batch
                AND external_id IN (SELECT external_id FROM ie_written WHERE NOT is_new);
            """, Source, ("batch", batchId));
        return (store.Scalar<long>("SELECT count(*) FROM ie_written WHERE is_new"), store.Scalar<long>("SELECT count(*) FROM ie_written WHERE NOT is_new"));
    }

    /// <summary>7. Data issues of the written rows (replacing their old ones) and the rejects, each with its physical line.</summary>
    private long RecordIssuesAndRejects(long batchId)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE ie_written_issues AS SELECT i.* FROM ie_issues i JOIN ie_written w USING (external_id)");
        var issues = store.Scalar<long>("SELECT count(*) FROM ie_written_issues");
        var ords = store.Query("SELECT ord FROM ie_rejects UNION SELECT related FROM ie_rejects WHERE related IS NOT NULL UNION SELECT ord FROM ie_written_issues",
            r => r.GetInt64(0));
        WriteLines(ords);
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
            """, Source, ("entity", plan.Entity.Label()), ("batch", batchId));
        return issues;
    }

    private void WriteLines(IReadOnlyCollection<long> ords)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE ie_lines (ord BIGINT, line BIGINT)");
        if (ords.Count == 0) return;
        var lines = input.Lines(ords);
        using var appender = store.Connection.CreateAppender("temp", "main", "ie_lines");
        foreach (var (ord, line) in lines)
            appender.CreateRow().AppendValue(ord).AppendValue(line).EndRow();
    }

    /// <summary>
    /// Fills an incident's first acknowledgement and its resolution from the source's timeline events where the incident
    /// row lacks them (see <c>Import/Sql/apply_timeline.sql</c>). Runs after incident and event imports alike, so the
    /// order in which an incidents dump and a log-entries dump arrive does not matter.
    /// </summary>
    private void ApplyTimeline()
    {
        if (store.Scalar<long>("SELECT count(*) FROM (SELECT 1 FROM timeline_events WHERE source = $source LIMIT 1)", Source) == 0) return;
        store.Execute(SqlResources.Read("Import/Sql/apply_timeline.sql"), Source);
    }

    /// <summary>The batch: its counts (which add up), the file's hash, encoding and line ends.</summary>
    private void WriteBatch(long batchId, Counts counts, long inserted, long updated, long unchanged, long issues, ExportTextInfo text,
        string fingerprint, long? repeatOf = null) =>
        store.Execute("""
            INSERT INTO import_batches (batch_id, source, format, entity, file_name, file_sha256, file_bytes, imported_at, timezone,
                naive_timestamps, rows_read, inserted, updated, unchanged, rejected, data_issues, status, superseded, stale, encoding, line_ends, other_records,
                plan_fingerprint, repeat_of, derived_acks, derived_resolves)
            VALUES ($batch, $source, $format, $entity, $file, $sha, $bytes, now(), $tz, $naive,
                $read, $inserted, $updated, $unchanged, $rejected, $issues, 'completed', $superseded, $stale, $encoding, $line_ends, $other,
                $fingerprint, $repeat_of, $acks, $resolves)
            """,
            ("batch", batchId), Source, ("format", plan.Format.Id), ("entity", plan.Entity.Label()), ("file", file),
            ("sha", text.Sha256), ("bytes", text.Bytes), ("tz", plan.Options.EffectiveTimeZone), ("naive", counts.Naive), ("read", counts.Read),
            ("inserted", inserted), ("updated", updated), ("unchanged", unchanged), ("rejected", counts.Rejected), ("issues", issues),
            ("superseded", counts.Superseded), ("stale", counts.Stale), ("encoding", text.Encoding), ("line_ends", text.LineEnds), ("other", counts.Other),
            ("fingerprint", fingerprint), ("repeat_of", repeatOf), ("acks", counts.DerivedAcks), ("resolves", counts.DerivedResolves));

    /// <summary>
    /// Where the file names each record's type (a Jira search's Issue Type): how many of each type this batch read as its
    /// entity (<c>import_batch_types</c>) and how many it left to others (<c>other</c>: the importer settles those into
    /// postmortem, action item or skipped once every pass over the file has run).
    /// </summary>
    private IReadOnlyList<RecordTypeCount> RecordTypes(long batchId)
    {
        if (!plan.Bound.Any(b => b.Field.Name == "record_type" && b.SourceColumn.Length > 0)) return [];
        var label = plan.Entity.Label();
        var types = store.Query(
            "SELECT coalesce(record_type, '(no type)'), ie_in, count(*) FROM ie_typed GROUP BY ALL ORDER BY 3 DESC, 1",
            r => new RecordTypeCount(r.GetString(0), r.GetInt64(2), r.GetBoolean(1) ? label : "other"));
        using var appender = store.Connection.CreateAppender("import_batch_types");
        foreach (var t in types.Where(t => t.Became != "other"))
            appender.CreateRow().AppendValue(batchId).AppendValue(t.Type).AppendValue(t.Records).AppendValue(t.Became).EndRow();
        return types;
    }

    /// <summary>
    /// Records which canonical fields this batch's file records (<c>batch_fields</c>): a column is bound to the field (or
    /// a duration column it is derived from) and at least one row the batch wrote fills it. A column present but empty
    /// in every row (a ServiceNow list's unused Actual start, a JSON key no record carries) is not a record of "never":
    /// it says nothing, so figures resting on it stay unknown. Rows the batch did not write keep their own batch's.
    /// </summary>
    private void RecordFields(long batchId)
    {
        var fields = plan.RecordableFields;
        if (fields.Count == 0) return;
        var names = fields.Keys.ToList();
        var filled = store.Query(
            $"SELECT {string.Join(", ", names.Select(n => $"count({Identifier(n)}) > 0"))} FROM {plan.Table} WHERE source = $source AND last_batch_id = $batch",
            r => names.Where((_, i) => r.GetBoolean(i)).ToList(), Source, ("batch", batchId)).Single();
        using var appender = store.Connection.CreateAppender("batch_fields");
        foreach (var field in filled)
            appender.CreateRow().AppendValue(batchId).AppendValue(field).AppendValue(fields[field].Column).AppendValue(fields[field].How).EndRow();
    }

    /// <summary>The first rejects, for the summary.</summary>
    private List<RejectedCell> Sample(long batchId) =>
        store.Query("""
            SELECT line, column_name, raw_value, reason FROM import_rejects WHERE batch_id = $batch
            ORDER BY line, column_name LIMIT $limit
            """,
            r => new RejectedCell(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)),
            ("batch", batchId), ("limit", ImportResult.SampleSize));

    private void DropWorkingTables() =>
        store.Execute("DROP VIEW ie_rows; DROP VIEW ie_t; DROP TABLE ie_typed; DROP TABLE ie_rejects; DROP TABLE ie_drop; DROP TABLE ie_known; DROP TABLE ie_issues; DROP TABLE ie_written; DROP TABLE ie_written_issues; DROP TABLE ie_lines; DROP TABLE ie_dups; DROP TABLE ie_excluded; DROP TABLE ie_reader_rejects; DROP TABLE IF EXISTS ie_known_keys;");

    /// <summary>Size and modification time: the write pass re-reads the file, which must not have changed since the check pass.</summary>
    private static (long Length, DateTime Modified) FileStamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }
}
