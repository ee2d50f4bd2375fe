using InsightEngine.Import.Csv;
using InsightEngine.Model;
using static InsightEngine.Import.StagingSql;

namespace InsightEngine.Import;

/// <summary>
/// What an import of one file will do, decided before anything runs: which canonical field each column fills and how
/// it is converted (<see cref="Bound"/>), the conversion select list of both passes, the checks (rejects, repeated ids,
/// versions, data issues) and the columns written. Pure: built from the format, the header and the options, testable
/// without a store (<see cref="ImportRun"/> executes it). The raw columns are named by position (<c>c0</c>, <c>c1</c>,
/// ...) and the file's column names reach SQL only as bound parameters, so nothing a file contains becomes SQL text.
/// </summary>
internal sealed class ImportPlan
{
    private ImportPlan(ImportFormat format, CsvHeader header, IReadOnlyList<BoundField> bound, ImportOptions options)
    {
        Format = format;
        Header = header;
        Bound = bound;
        Options = options;
        StatusMap = options.StatusMapFor(format);
    }

    /// <summary>Plans the import of a file with <paramref name="header"/> in <paramref name="format"/>.</summary>
    public static ImportPlan For(ImportFormat format, CsvHeader header, ImportOptions options) =>
        new(format, header, Bind(format, header), options);

    /// <summary>The format the file is read as.</summary>
    public ImportFormat Format { get; }

    /// <summary>The file's columns, in order (raw column <c>cN</c> is <c>Header.Names[N]</c>).</summary>
    public CsvHeader Header { get; }

    /// <summary>Every canonical field of the entity with the column(s) that fill it (none: NULL).</summary>
    public IReadOnlyList<BoundField> Bound { get; }

    /// <summary>The import options (zone, status values).</summary>
    public ImportOptions Options { get; }

    /// <summary>The status table: the format's, with the user's values over it.</summary>
    public IReadOnlyDictionary<string, string> StatusMap { get; }

    /// <summary>What the rows are.</summary>
    public Entity Entity => Format.Entity;

    /// <summary>The canonical table written.</summary>
    public string Table => Entity.Table();

    /// <summary>The per-import macros (null markers, the format's date patterns).</summary>
    public string MacrosSql => Macros(Format.DateFormats);

    /// <summary>
    /// How this plan reads a file, as one hash: every statement it generates (over a placeholder for the file), the
    /// parameters they bind, the zone naive times are read in, and this build of the importer. Two imports with the same
    /// fingerprint turn the same bytes into the same rows, so an unchanged file need not be read again (ImportRun).
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var text = string.Join('\n',
                Format.Id, Entity.Label(), Options.EffectiveTimeZone, typeof(ImportPlan).Assembly.ManifestModule.ModuleVersionId.ToString(),
                MacrosSql, Rows("ie_relation"), string.Join(",", CheckColumns()), RejectsSql(), IssuesSql(),
                string.Join(",", RejectsParameters.Select(p => $"{p.Name}={p.Value}")));
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>The hash of a record's raw text (every column), which identifies a record across the two passes.</summary>
    public string RawHash => $"hash({string.Join(", ", Header.Names.Select((_, i) => $"c{i}"))})";

    /// <summary>Versions are kept per record (incidents): a stale row never overwrites a newer stored one.</summary>
    public bool KeepsVersions => Entity == Entity.Incident;

    /// <summary>The columns the write pass fills (besides the batch ids).</summary>
    public IReadOnlyList<string> CanonicalColumns =>
        CanonicalSchema.For(Entity).Where(f => !f.StagingOnly).Select(f => f.Name)
            .Concat(CanonicalSchema.PipelineColumns(Entity).Where(c => !c.EndsWith("_batch_id", StringComparison.Ordinal))).ToList();

    /// <summary>The fields this file can record (bound to a column, or derived from a duration), with the column and how.</summary>
    public IReadOnlyDictionary<string, (string Column, string How)> RecordableFields
    {
        get
        {
            var fields = new Dictionary<string, (string Column, string How)>(StringComparer.Ordinal);
            foreach (var b in Bound.Where(b => b.SourceColumn.Length > 0 && !b.Field.StagingOnly)) fields[b.Field.Name] = (b.SourceColumn, "column");
            foreach (var (name, column) in DurationColumns) fields.TryAdd(name, (column, "duration"));
            if (fields.TryGetValue("status_raw", out var status)) fields.TryAdd("status", status);
            return fields;
        }
    }

    /// <summary>The file's column names the reject query names, as parameters (<c>$col_field</c>).</summary>
    public (string Name, object? Value)[] RejectsParameters =>
        Bound.Where(b => b.SourceColumn.Length > 0).Select(b => ("col_" + b.Field.Name, (object?)b.SourceColumn)).ToArray();

    private static string ColumnParameter(BoundField b) => "$col_" + b.Field.Name;

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
                if (binding.AllStartingWith)
                {
                    var positions = binding.Columns.SelectMany(header.IndexesStartingWith).Distinct().Order().ToList();
                    if (positions.Count == 0) continue;
                    parts.Add(positions.Count == 1 ? $"c{positions[0]}" : $"ie_null(concat_ws(', ', {string.Join(", ", positions.Select(p => $"c{p}"))}))");
                    sourceColumn ??= header.Names[positions[0]];
                    kind ??= binding.Kind;
                    continue;
                }
                // Within one binding the columns are alternative spellings: the first the file has is used.
                var position = binding.Columns.Select(header.IndexOf).FirstOrDefault(i => i >= 0, -1);
                if (position < 0) continue;
                var raw = $"c{position}";
                parts.Add(binding.Transform is null ? raw : $"ie_null({binding.Transform(raw)})");
                sourceColumn ??= header.Names[position];
                kind ??= binding.Kind;
            }

            var rawSql = parts.Count == 1 ? parts[0] : $"coalesce({string.Join(", ", parts)})";
            if (field.Name == "due_at") rawSql = EndOfDay(rawSql);   // a due date is due at the end of its day
            bound.Add(parts.Count == 0
                ? new BoundField(field, field.Kind, "", "NULL::VARCHAR")
                : new BoundField(field, kind ?? field.Kind, sourceColumn!, rawSql));
        }
        return bound;
    }

    /// <summary>
    /// The rejects of the check pass: unreadable values, missing required values, repeated ids. The file's column names
    /// are parameters (<see cref="RejectsParameters"/>), never SQL text.
    /// </summary>
    public string RejectsSql()
    {
        var parts = new List<string>();
        foreach (var b in Bound.Where(b => b.SourceColumn.Length > 0))
        {
            var typed = Identifier(b.Kind == FieldKind.Text ? b.Field.Name : TypedName(b));
            var bad = Identifier("r_" + b.Field.Name); // the raw text, kept only where the conversion failed
            if (b.Kind != FieldKind.Text)
            {
                parts.Add($"SELECT ord, {ColumnParameter(b)} AS column_name, {bad} AS raw_value, " +
                          $"{Literal(Expected(b.Kind))} AS reason, NULL::BIGINT AS related FROM ie_t WHERE ie_in AND {bad} IS NOT NULL");
            }
            if (b.Field.Required)
            {
                var empty = b.Kind == FieldKind.Text ? $"{typed} IS NULL" : $"{typed} IS NULL AND {bad} IS NULL";
                parts.Add($"SELECT ord, {ColumnParameter(b)} AS column_name, NULL::VARCHAR AS raw_value, 'required value is empty' AS reason, " +
                          $"NULL::BIGINT AS related FROM ie_t WHERE ie_in AND {empty}");
            }
        }
        parts.Add("SELECT ord, column_name, raw_value, reason, NULL::BIGINT AS related FROM ie_reader_rejects WHERE ord IN (SELECT ord FROM ie_t WHERE ie_in)");
        var id = Bound.Single(b => b.Field.Name == "external_id");
        parts.Add($"""
            SELECT ord, {ColumnParameter(id)} AS column_name, external_id AS raw_value, 'duplicate id in this file' AS reason, keep_ord AS related
            FROM ie_dups WHERE NOT superseded
            """);
        return string.Join("\nUNION ALL\n", parts);
    }

    /// <summary>
    /// What the check pass keeps of each record (everything the duplicate, reject, change and data-issue checks read):
    /// the id, the version, the raw text where a conversion failed, required values, the times and status the
    /// data-issue checks compare and the naive-timestamp count.
    /// </summary>
    public IEnumerable<string> CheckColumns()
    {
        var (entity, bound) = (Entity, Bound);
        var names = new List<string> { "external_id", "naive_n", "ie_in" };
        foreach (var b in bound.Where(b => b.SourceColumn.Length > 0))
        {
            if (b.Kind != FieldKind.Text) names.Add("r_" + b.Field.Name);
            if (b.Field.Required || b.Field.Name is "version" or "updated_at" or "record_type") names.Add(b.Kind == FieldKind.Text ? b.Field.Name : TypedName(b));
        }
        if (entity.IsFollowUp()) names.AddRange(["created_at", "completed_at"]);
        else if (entity != Entity.Event)
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
    /// The converted rows of <paramref name="relation"/> (the raw text columns <c>c0, c1, ...</c>), as nested selects,
    /// each layer reading only the layer below: raw text (<c>q_name</c>) and text fields and the raw hash; parsed and
    /// typed values; plausible timestamps and the source; the raw text kept only where a conversion failed
    /// (<c>r_name</c>) and the mapped status; derived times and severity; status; the content hash and counts.
    /// Layers, not one select list whose items name earlier items: DuckDB expands such references in place, so a long
    /// conversion (Jira's translated month names) was copied into every later item that used it, and binding a
    /// 4-row Jira export took 40 s.
    /// </summary>
    public string Rows(string relation)
    {
        var (format, bound, statusMap) = (Format, Bound, StatusMap);
        var layers = new List<List<string>> { new(), new(), new(), new(), new(), new(), new() };
        foreach (var b in bound)
        {
            if (b.Kind == FieldKind.Text)
            {
                layers[0].Add($"{Typed(FieldKind.Text, b.RawSql)} AS {Identifier(b.Field.Name)}");
                continue;
            }

            // q_name: the raw text (a helper, not stored); the typed value; r_name: the raw text only where the
            // conversion failed, so the staging table carries no second copy of good values (NULLs cost nothing).
            var q = Identifier("q_" + b.Field.Name);
            var typed = Identifier(TypedName(b));
            layers[0].Add($"{b.RawSql} AS {q}");
            if (b.Kind == FieldKind.Timestamp)
            {
                // Parsed once (p_name), then kept only if plausible.
                layers[1].Add($"{Typed(b.Kind, q)} AS {Identifier("p_" + b.Field.Name)}");
                layers[2].Add($"{Plausible(Identifier("p_" + b.Field.Name))} AS {typed}");
            }
            else layers[1].Add($"{Typed(b.Kind, q)} AS {typed}");
            layers[3].Add($"CASE WHEN {typed} IS NULL THEN {q} END AS {Identifier("r_" + b.Field.Name)}");
        }
        layers[0].Add($"{RawHash} AS raw_hash");
        var fields = bound.Where(b => !b.Field.StagingOnly).Select(b => b.Field.Name).ToList();
        layers[2].Add($"{Literal(format.Source)} AS source");
        layers[6].Add($"coalesce({Format.RecordFilter(Options) ?? "true"}, false) AS ie_in");
        if (format.Entity == Entity.Event)
        {
            layers[6].Add($"hash({string.Join(", ", fields)}) AS row_hash");
            layers[6].Add($"{NaiveCount(bound)} AS naive_n");
            return Nest(relation, layers);
        }
        if (format.Entity.IsFollowUp())
        {
            // The tool's status where the table knows it (the status name, else its category); else done when it has a
            // completion time, open otherwise.
            var finished = format.Entity == Entity.Postmortem ? "completed" : "done";
            layers[3].Add($"coalesce({MapCase("status_raw", statusMap, "NULL")}, {MapCase("status_alt", statusMap, "NULL")}) AS mapped_status");
            layers[5].Add($"coalesce(mapped_status, CASE WHEN completed_at IS NOT NULL THEN {Literal(finished)} ELSE 'open' END) AS status");
            layers[6].Add($"hash({string.Join(", ", fields.Append("status"))}) AS row_hash");
            layers[6].Add($"{NaiveCount(bound)} AS naive_n");
            return Nest(relation, layers);
        }

        // The status column's value where the status table knows it, else a second status column's (ServiceNow
        // incident_state beside state); NULL when neither is known (then the times decide, below).
        layers[3].Add($"coalesce({MapCase("status_raw", statusMap, "NULL")}, {MapCase("status_alt", statusMap, "NULL")}) AS mapped_status");
        // A resolve time the row does not give: created + a duration column, else (Jira) when the status category became
        // Done, if the status says the incident is done. A duration left on an incident whose status says it is open or
        // in progress (reopened) is not a resolution.
        var done = bound.Any(b => b.Field.Name == "done_at" && b.SourceColumn.Length > 0)
            ? "CASE WHEN mapped_status IN ('resolved', 'closed') THEN done_at END"
            : "NULL";
        var resolvedAt = $"coalesce(x_resolved_at, CASE WHEN mapped_status IN ('open', 'acknowledged') THEN NULL ELSE created_at + resolve_after END, {done})";
        layers[4].AddRange(Derived.Select(d => $"{(d.Key == "resolved_at" ? resolvedAt : d.Value)} AS {d.Key}"));
        layers[4].Add($"{MapCase("severity_raw", format.SeverityMap, Literal(Severity.Unknown))} AS severity");
        var derivedStatus = (fields.Contains("closed_at") ? "WHEN closed_at IS NOT NULL THEN 'closed' " : "") +
                            "WHEN resolved_at IS NOT NULL THEN 'resolved' WHEN acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'open'";
        layers[5].Add($"coalesce(mapped_status, CASE {derivedStatus} END) AS status");
        layers[6].Add($"hash({string.Join(", ", fields.Concat(["severity", "status"]))}) AS row_hash");
        layers[6].Add($"{NaiveCount(bound)} AS naive_n");
        layers[6].Add("CAST(x_acknowledged_at IS NULL AND acknowledged_at IS NOT NULL AS INTEGER) AS derived_ack_n");
        layers[6].Add("CAST(x_resolved_at IS NULL AND resolved_at IS NOT NULL AS INTEGER) AS derived_resolve_n");
        return Nest(relation, layers);
    }

    /// <summary>Layer 0 selects from the relation; each further non-empty layer adds its columns over the one below.</summary>
    private static string Nest(string relation, List<List<string>> layers)
    {
        var sql = $"SELECT {string.Join(",\n       ", layers[0])}\nFROM {relation}";
        foreach (var layer in layers.Skip(1).Where(l => l.Count > 0))
            sql = $"SELECT *,\n       {string.Join(",\n       ", layer)}\nFROM ({sql})";
        return sql;
    }

    /// <summary>
    /// The stored row (<c>k</c>) is newer than the landing one (<c>r</c>): a higher version, or the same version (or either
    /// side without one: a list export has no sys_mod_count, a Table API dump has) and a later updated time. Such a landing row is stale and never overwrites the stored one.
    /// </summary>
    public const string NewerStored =
        "(coalesce(k.version > r.version, false) OR ((k.version IS NULL OR r.version IS NULL OR k.version = r.version) AND coalesce(k.updated_at > r.updated_at, false)))";

    /// <summary>The bound columns that order versions of one record, most significant first.</summary>
    public IReadOnlyList<string> VersionColumns =>
        new[] { "version", "updated_at" }.Where(n => Bound.Any(b => b.Field.Name == n && b.SourceColumn.Length > 0)).ToList();

    /// <summary>The file's duration columns that times were derived from (ack / resolve = created + duration).</summary>
    public IReadOnlyDictionary<string, string> DurationColumns => DurationColumnsOf(Bound);

    private static IReadOnlyDictionary<string, string> DurationColumnsOf(IReadOnlyList<BoundField> bound) =>
        bound.Where(b => b.Field.Name is "ack_after" or "resolve_after" && b.SourceColumn.Length > 0)
            .ToDictionary(b => b.Field.Name == "ack_after" ? "acknowledged_at" : "resolved_at", b => b.SourceColumn)
            .Concat(bound.Where(b => b.Field.Name == "done_at" && b.SourceColumn.Length > 0).Select(b => KeyValuePair.Create("resolved_at", b.SourceColumn)))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(p => p.Value)));

    /// <summary>How many of a row's timestamps were written without an offset (and so read in the import's zone).</summary>
    private static string NaiveCount(IReadOnlyList<BoundField> bound)
    {
        var naive = bound.Where(b => b.Kind == FieldKind.Timestamp && b.SourceColumn.Length > 0)
            .Select(b => $"CAST(ie_naive(trim(q_{b.Field.Name})) AND {TypedName(b)} IS NOT NULL AS INTEGER)").ToList();
        return naive.Count == 0 ? "0" : string.Join(" + ", naive);
    }

    /// <summary>Checks that keep a row but flag it; the metrics leave flagged durations out.</summary>
    public string IssuesSql()
    {
        var entity = Entity;
        if (entity == Entity.Event) return "SELECT NULL::BIGINT AS ord, NULL::VARCHAR AS external_id, NULL::VARCHAR AS kind, NULL::VARCHAR AS detail WHERE false";
        if (entity.IsFollowUp())
        {
            return "SELECT r.ord, r.external_id, 'completed_before_created' AS kind, " +
                   "'completed at ' || r.completed_at || ' is before created at ' || r.created_at AS detail FROM ie_rows r WHERE r.completed_at < r.created_at";
        }
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
}
