using System.Globalization;
using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Query;
using InsightEngine.Reporting;
using InsightEngine.Store;

namespace InsightEngine.Export;

/// <summary>One table as written: its file (name inside the folder), rows and columns.</summary>
/// <param name="Table">The canonical table.</param>
/// <param name="File">The file's name in the export folder.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Columns">Column names and DuckDB types, in file order.</param>
/// <param name="PartitionedBy">In a partitioned export, the hive keys of its folder (<c>source</c>, <c>month</c>); else empty.</param>
public sealed record ExportedTable(string Table, string File, long Rows, IReadOnlyList<ExportedColumn> Columns, IReadOnlyList<string>? PartitionedBy = null);

/// <summary>A column of an exported table.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its DuckDB type (TIMESTAMP WITH TIME ZONE, VARCHAR, BIGINT ...).</param>
public sealed record ExportedColumn(string Name, string Type);

/// <summary>What <see cref="TableExport.Write"/> wrote: the tables and the manifest beside them.</summary>
/// <param name="Folder">The export folder.</param>
/// <param name="Format">parquet or csv.</param>
/// <param name="Tables">Each table written.</param>
/// <param name="Manifest">The manifest file's path.</param>
public sealed record ExportResult(string Folder, string Format, IReadOnlyList<ExportedTable> Tables, string Manifest);

/// <summary>
/// Writes the canonical tables (<see cref="CanonicalTables"/>) for BI tools and engines that read Parquet or CSV: one
/// file per table, rows in key order, plus <c>manifest.json</c> (tables, row counts, columns and types). Parquet is
/// DuckDB's own writer (types kept: TIMESTAMPTZ as UTC-adjusted timestamps, zstd). CSV goes through
/// <see cref="SafeCsv"/>, so a cell that a spreadsheet would run as a formula (= + - @ first) is escaped with a
/// leading quote; instants are ISO 8601 UTC (Z), NULL is an empty cell. Every file is written under a temporary name
/// and renamed only when all succeeded: a failed export leaves an earlier export in the folder as it was.
/// The internal change-detection hash (row_hash) is left out: it means nothing outside this database.
/// Partitioned (Parquet only), each table is a folder in the hive layout Spark, Trino, DuckDB and pandas read as one
/// dataset: <c>alerts/source=opsgenie/month=2026-05/data_0.parquet</c>, by source and by the UTC month of the table's
/// own instant (created, occurred, assigned, imported; Hive's NULL partition where it is empty). The keys live in the
/// paths, not in the files (hive_partitioning restores them as columns). An empty table is one empty file, so the
/// dataset and its columns are always there.
/// </summary>
public static class TableExport
{
    /// <summary>The formats, the first the default.</summary>
    public static readonly IReadOnlyList<string> Formats = ["parquet", "csv"];

    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "manifest.json";

    private static readonly string[] Internal = ["row_hash"];

    /// <summary>Exports <paramref name="tables"/> (null: every canonical table) of <paramref name="store"/> into <paramref name="folder"/>.</summary>
    /// <param name="facts">When given, also the metrics' row-level building blocks (<see cref="Facts"/>) computed with these
    /// thresholds and zone at the data's as-of instant, the manifest saying which.</param>
    public static ExportResult Write(InsightStore store, string folder, string format, IReadOnlyList<string>? tables = null, Action<string>? progress = null,
        bool partitioned = false, MetricOptions? facts = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Formats.Contains(format)) throw new ArgumentException($"--format '{format}' is not an export format (use one of: {string.Join(", ", Formats)}).");
        if (partitioned && format != "parquet")
            throw new ArgumentException("--partitioned writes Parquet (a hive-partitioned dataset); use --format parquet, or leave --partitioned out for CSV.");
        var chosen = Choose(tables).Select(t => new Relation(t.Name, t.Name, t.Key, t.Time, t.HasSource)).ToList();
        FactsSettings? factsSettings = null;
        if (facts is not null)
        {
            QuerySession.DefineRowViews(store, facts);   // the views insight query reads, on this connection
            chosen.AddRange(Facts);
            factsSettings = new FactsSettings(MetricQueries.DataAsOf(store).ToString("O", CultureInfo.InvariantCulture), facts.Describe());
        }
        Directory.CreateDirectory(folder);

        var written = new List<(string Temp, string Final)>();
        var folders = new HashSet<string>(StringComparer.Ordinal);   // the temporaries that are partitioned folders of ours
        var results = new List<ExportedTable>();
        try
        {
            foreach (var table in chosen)
            {
                progress?.Invoke(table.Name);
                var keys = partitioned ? PartitionKeys(table) : [];
                if (keys.Count > 0)
                {
                    results.Add(WritePartitioned(store, folder, table, keys, written));
                    folders.Add(written[^1].Temp);
                    continue;
                }
                var file = $"{table.Name}.{format}";
                var final = Path.Combine(folder, file);
                var temp = final + ".partial";
                written.Add((temp, final));
                var columns = Columns(store, table.From);
                var select = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {table.From} ORDER BY {table.Key}";
                var rows = format == "parquet" ? Parquet(store, select, temp) : Csv(store, select, temp);
                results.Add(new ExportedTable(table.Name, file, rows, columns));
            }
            var manifest = Path.Combine(folder, ManifestName);
            var manifestTemp = manifest + ".partial";
            written.Add((manifestTemp, manifest));
            File.WriteAllText(manifestTemp, Manifest(store, format, results, factsSettings));
            foreach (var (temp, final) in written)
            {
                if (folders.Contains(temp))
                {
                    if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
                    Directory.Move(temp, final);
                }
                else File.Move(temp, final, overwrite: true);
            }
            return new ExportResult(folder, format, results, manifest);
        }
        catch
        {
            foreach (var (temp, _) in written)
            {
                // only our own files and folders (a folder where a file of ours was to go is not ours)
                if (folders.Contains(temp)) { if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true); }
                else if (File.Exists(temp)) File.Delete(temp);
            }
            throw;
        }
    }

    /// <summary>Hive's folder name for a NULL key (a row without its instant, an empty table's placeholder).</summary>
    public const string NullPartition = "__HIVE_DEFAULT_PARTITION__";

    private static string Literal(string path) => "'" + Path.GetFullPath(path).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The hive keys a table is partitioned by: source where its rows name one, month where it has an instant.</summary>
    private static List<string> PartitionKeys(Relation table) =>
        [.. table.HasSource ? ["source"] : Array.Empty<string>(), .. table.Time is null ? [] : new[] { "month" }];

    /// <summary>One table as a hive-partitioned Parquet folder (DuckDB's PARTITION_BY), written beside its final name first.</summary>
    private static ExportedTable WritePartitioned(InsightStore store, string folder, Relation table, List<string> keys, List<(string Temp, string Final)> written)
    {
        var final = Path.Combine(folder, table.Name);
        var temp = final + ".partial";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);   // left by an export that was killed
        written.Add((temp, final));
        var columns = Columns(store, table.From);
        var month = table.Time is null ? "" : $", strftime({Quote(table.Time)}, '%Y-%m') AS month";
        var select = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))}{month} FROM {table.From} ORDER BY {table.Key}";
        var rows = store.Execute($"COPY ({select}) TO {Literal(temp)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({string.Join(", ", keys)}))");
        if (rows == 0)
        {
            // DuckDB writes no file for no rows; a reader must still find the dataset and its columns: one empty file
            // under the NULL partition (Hive's name for it, which Spark, Trino and DuckDB read as NULL).
            var empty = Path.Combine([temp, .. keys.Select(k => $"{k}={NullPartition}"), "data_0.parquet"]);
            Directory.CreateDirectory(Path.GetDirectoryName(empty)!);
            var emptySelect = $"SELECT {string.Join(", ", columns.Where(c => !keys.Contains(c.Name)).Select(c => Quote(c.Name)))} FROM {table.From} LIMIT 0";
            store.Execute($"COPY ({emptySelect}) TO {Literal(empty)} (FORMAT parquet, COMPRESSION zstd)");
        }
        var stored = columns.Where(c => c.Name != "source").ToList();   // the keys are in the paths
        return new ExportedTable(table.Name, table.Name + "/", rows, stored, keys);
    }

    /// <summary>
    /// The metrics' row-level building blocks written by <c>--facts</c>: insight query's <c>all_*</c> views (Query/Sql/row_views.sql),
    /// each under the name of the macro it is made of.
    /// </summary>
    public static readonly IReadOnlyList<string> FactNames = ["incident_facts", "alert_noise", "pages", "recurrences"];

    private static readonly Relation[] Facts =
    [
        new("incident_facts", "all_incident_facts", "source, external_id", "created_at", true),
        new("alert_noise", "all_alert_noise", "source, external_id", "created_at", true),
        new("pages", "all_pages", "page_kind, source, external_id", "created_at", true),
        new("recurrences", "all_recurrences", "source, external_id", null, true),
    ];

    /// <summary>What is written: a canonical table, or a fact view, under <paramref name="Name"/>.</summary>
    private sealed record Relation(string Name, string From, string Key, string? Time, bool HasSource);

    /// <summary>The as-of instant and settings the facts were computed with.</summary>
    private sealed record FactsSettings(string AsOf, IReadOnlyDictionary<string, string> Settings);

    private static List<CanonicalTable> Choose(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return [.. CanonicalTables.All];
        return names.Select(n => CanonicalTables.All.FirstOrDefault(t => t.Name == n)
                ?? throw new ArgumentException($"'{n}' is not a canonical table (use any of: {string.Join(", ", CanonicalTables.All.Select(t => t.Name))})."))
            .Distinct()
            .ToList();
    }

    /// <summary>A table's or view's columns in order, with their DuckDB types (DESCRIBE: tables and the TEMP fact views alike).</summary>
    private static List<ExportedColumn> Columns(InsightStore store, string relation) =>
        store.Query($"DESCRIBE SELECT * FROM {relation}", r => new ExportedColumn(r.GetString(0), r.GetString(1)))
            .Where(c => !Internal.Contains(c.Name))
            .ToList();

    private static long Parquet(InsightStore store, string select, string path)
    {
        var literal = "'" + Path.GetFullPath(path).Replace("'", "''", StringComparison.Ordinal) + "'";
        return store.Execute($"COPY ({select}) TO {literal} (FORMAT parquet, COMPRESSION zstd)");   // COPY reports the rows written
    }

    private static long Csv(InsightStore store, string select, string path)
    {
        using var command = store.Command(select);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = SafeCsv.Create(file);
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
        for (var i = 0; i < reader.FieldCount; i++) csv.WriteField(reader.GetName(i));
        csv.EndRecord();
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < types.Length; i++) csv.WriteValue(reader.IsDBNull(i) ? null : reader.GetValue(i), types[i]);
            csv.EndRecord();
        }
        csv.Flush();
        return rows;
    }

    private static string Manifest(InsightStore store, string format, List<ExportedTable> tables, FactsSettings? facts) =>
        JsonSerializer.Serialize(new
        {
            exported_at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            database = Path.GetFileName(store.Path),
            schema_version = Migrations.LatestVersion,
            format,
            facts = facts is null ? null : new
            {
                as_of = facts.AsOf,
                settings = facts.Settings,
                note = "incident_facts, alert_noise, pages and recurrences are the metrics' row-level building blocks (insight query's all_* views) " +
                       "with these thresholds and reporting zone at this as-of instant; docs/query.md says how each metric aggregates them.",
            },
            csv_notes = format == "csv"
                ? "Instants are ISO 8601 UTC. NULL is an empty cell. A text cell starting with = + - @ (or a tab or CR) has a leading ' so spreadsheets do not run it as a formula."
                : null,
            tables = tables.Select(t => new
            {
                table = t.Table,
                file = t.File,
                rows = t.Rows,
                partitioned_by = t.PartitionedBy is { Count: > 0 } keys ? keys : null,
                columns = t.Columns.Select(c => new { name = c.Name, type = c.Type }),
            }),
        }, ManifestJson);

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // a file, not HTML: keep + ' readable
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
