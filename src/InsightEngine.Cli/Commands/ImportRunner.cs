using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Import;
using InsightEngine.Store;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary>Imports a list of files or folders, one transaction per file, and reports each — shared by import and demo.</summary>
public static class ImportRunner
{
    /// <summary>Expands folders to the export files in them (.csv, .json and the containers .zip, .gz, .xlsx; sorted), keeps files as given.</summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Walk(path)
                    .Where(f => InsightEngine.Import.Files.ExportFiles.IsExport(Path.GetFileName(f)))
                    .Where(f => !InsightEngine.Generation.SampleData.NotExports.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else files.Add(path);
        }
        return files;
    }

    /// <summary>Folders deeper than this below the one named are refused (a runaway tree, not an export folder).</summary>
    public const int MaxDepth = 64;

    /// <summary>More files than this below one folder are refused with what to do.</summary>
    public const int MaxFiles = 100_000;

    /// <summary>
    /// Every file below <paramref name="root"/>, each folder walked once by its real path: a symbolic link back to a
    /// folder already walked (a loop, or a second path to the same files) is not followed again, so a link loop cannot
    /// make the walk run away; depth and file count are bounded with a message.
    /// </summary>
    private static IEnumerable<string> Walk(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(DirectoryInfo Folder, string Real, int Depth)>();
        var top = new DirectoryInfo(root);
        pending.Push((top, RealPath(top, Path.GetFullPath(root)) ?? Path.GetFullPath(root), 0));
        var count = 0;
        while (pending.Count > 0)
        {
            var (folder, real, depth) = pending.Pop();
            if (!seen.Add(real)) continue;
            if (depth > MaxDepth)
                throw new ArgumentException($"'{root}' has folders more than {MaxDepth} levels deep ({folder.FullName}): import a narrower folder.");
            foreach (var file in folder.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (++count > MaxFiles)
                    throw new ArgumentException($"'{root}' holds more than 100,000 files: import a narrower folder, or the export files themselves.");
                yield return file.FullName;
            }
            foreach (var sub in folder.EnumerateDirectories().OrderByDescending(d => d.Name, StringComparer.Ordinal))
            {
                // A link that leads nowhere (broken, or a loop the system refuses to resolve) holds no export: skipped.
                if (RealPath(sub, Path.Combine(real, sub.Name)) is { } subReal) pending.Push((sub, subReal, depth + 1));
            }
        }
    }

    /// <summary>A folder's real path: a link's resolved target (null if it leads nowhere), else its real parent's path and its name.</summary>
    private static string? RealPath(DirectoryInfo folder, string fallback)
    {
        if (folder.LinkTarget is null) return fallback;
        try
        {
            var target = folder.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? Path.GetFullPath(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;   // too many levels of links: a loop
        }
    }

    /// <summary>
    /// Imports every file; failures are reported and do not stop the others. On a terminal a progress bar follows the
    /// bytes (see <see cref="ImportProgressBar"/>); redirected, nothing but the final summary is written. The analysis
    /// cache is not refreshed here: the first metric query after the import computes the blocks it reads
    /// (<see cref="AnalysisSession.Route"/>), so an import pays for no figure nobody asked for, and an unchanged
    /// re-import leaves the cache as it was.
    /// </summary>
    public static (List<ImportResult> Results, List<ImportException> Failures) Run(CliContext context, InsightStore store, IReadOnlyList<string> files,
        ImportOptions options) => Import(context, store, files, options);

    private static (List<ImportResult> Results, List<ImportException> Failures) Import(CliContext context, InsightStore store, IReadOnlyList<string> files, ImportOptions options)
    {
        if (!context.Interactive) return RunAll(new Importer(store), files, options, null);
        (List<ImportResult>, List<ImportException>) outcome = default;
        context.Terminal.Progress().AutoClear(true).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                using var bar = new ImportProgressBar(ctx, files);
                outcome = RunAll(new Importer(store) { Progress = bar }, files, options, bar);
            });
        return outcome;
    }

    private static (List<ImportResult>, List<ImportException>) RunAll(Importer importer, IReadOnlyList<string> files, ImportOptions options, ImportProgressBar? bar)
    {
        var results = new List<ImportResult>();
        var failures = new List<ImportException>();
        foreach (var file in files)
        {
            foreach (var outcome in importer.ImportEach(file, options))
            {
                if (outcome.Result is { } result) results.AddRange([result, .. result.Companions]);   // a Jira search's reviews and action items: rows of their own
                else failures.Add(outcome.Failure!);
            }
            bar?.FileDone(file);
        }
        return (results, failures);
    }

    /// <summary>The summary table, time-zone notes and the first rejects of each file.</summary>
    public static void Render(CliContext context, List<ImportResult> results, List<ImportException> failures)
    {
        if (results.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Import");
            foreach (var h in new[] { "File", "Format", "Records", "Batch", "Read", "Inserted", "Updated", "Unchanged", "Stale", "Superseded", "Rejected", "Data issues" })
                table.AddColumn(new TableColumn(h) { Alignment = h is "File" or "Format" or "Records" ? Justify.Left : Justify.Right });
            foreach (var r in results)
            {
                table.AddRow(Markup.Escape(r.File), r.Format, Plural(r.Entity), N(r.BatchId), N(r.Read), N(r.Inserted), N(r.Updated), N(r.Unchanged), N(r.Stale), N(r.Superseded),
                    r.Rejected > 0 ? $"[red]{N(r.Rejected)}[/]" : "0", r.DataIssues > 0 ? $"[yellow]{N(r.DataIssues)}[/]" : "0");
            }
            context.Terminal.Write(table);
        }

        // Per file: a Jira search's reviews and action items are more results of the same file.
        var files = results.GroupBy(r => r.File, StringComparer.Ordinal).ToList();
        var withOffsets = files.Count(f => f.All(r => r.NaiveTimestamps == 0));
        if (withOffsets > 0)
            context.Out.WriteLine(withOffsets == 1 && files.Count == 1 ? $"{files[0].Key}: every timestamp carried a UTC offset." : $"{withOffsets} of {files.Count} files: every timestamp carried a UTC offset.");
        foreach (var r in results)
        {
            if (r.NaiveTimestamps > 0)
                context.Out.WriteLine($"{r.File}: {N(r.NaiveTimestamps)} timestamps had no UTC offset and were read as {r.TimeZone} (--timezone).");
            if (r.Encoding is not ("UTF-8" or "UTF-8 (BOM)" or "ASCII") || r.LineEnds.Contains("\\r\\r", StringComparison.Ordinal) || r.LineEnds == "\\r")
                context.Out.WriteLine($"{r.File}: read as {r.Encoding}{(r.LineEnds == "(any)" ? "" : $" with {r.LineEnds} line ends")}.");
            if (r.RecordTypes.Count > 0 && r.RecordTypes.All(t => t.Became != "other") && r.RecordTypes.Any(t => t.Became != r.Entity))
                context.Out.WriteLine($"{r.File}: {TypeSummary(r)}");
            if (r.RepeatOf is { } original)
                context.Out.WriteLine($"{r.File}: the same file as batch {original}, read the same way, and nothing has changed this source's {Plural(r.Entity)} since: not read again, every record unchanged.");
            if (r.Superseded > 0)
                context.Out.WriteLine($"{r.File}: {N(r.Superseded)} rows were older versions of a record elsewhere in the file (by its version or updated time) and were superseded.");
            if (r.Stale > 0)
                context.Out.WriteLine($"{r.File}: {N(r.Stale)} rows are older than the version already stored (an older export?) and were left as stored.");
            foreach (var (field, count) in new[] { ("acknowledged_at", r.DerivedAcknowledgements), ("resolved_at", r.DerivedResolutions) })
                if (count > 0 && r.DerivedFrom.TryGetValue(field, out var column))
                    context.Out.WriteLine($"{r.File}: {N(count)} {(field == "resolved_at" ? "resolve" : "acknowledgement")} times were derived from '{column}' (the row has no {(field == "resolved_at" ? "resolve" : "acknowledgement")} timestamp).");
            if (r.Rejected == 0) continue;
            context.Out.WriteLine($"{r.File}: {N(r.Rejected)} rows rejected (all of them are in import_rejects, batch {r.BatchId}); the first:");
            foreach (var c in r.RejectSample)
            {
                var value = c.RawValue is null ? "" : $" value '{Truncate(c.RawValue)}'";
                context.Out.WriteLine($"  line {c.Line}, column '{c.Column}'{value}: {c.Reason}");
            }
        }

        foreach (var f in failures) context.Error.WriteLine($"error: {f.Message}");
    }

    /// <summary>"incident" → "incidents", "action_item" → "action items".</summary>
    private static string Plural(string entity) => entity.Replace('_', ' ') + "s";

    /// <summary>
    /// What became of each record type of a file that holds several (a Jira search): "7 records by type: Incident 2 →
    /// incidents; Post-incident review 1 → postmortems; Task 2, Sub-task 1 → action items; Bug 1 → skipped (...)".
    /// </summary>
    private static string TypeSummary(ImportResult r)
    {
        var parts = r.RecordTypes.GroupBy(t => t.Became).Select(g =>
            $"{string.Join(", ", g.Select(t => $"{t.Type} {N(t.Records)}"))} → " + g.Key switch
            {
                "skipped" => "skipped (neither an incident nor a postmortem type, and not linked to an incident or review; record types are set in insight.yaml, import: record_types:)",
                "action_item" => "action items (linked to an incident or review, or a sub-task of one)",
                var entity => Plural(entity),
            });
        var summary = $"{N(r.RecordTypes.Sum(t => t.Records))} records by type: {string.Join("; ", parts)}.";
        // Nothing was an incident: the project's incidents are probably another type.
        if (r.Read == 0 && r.RecordTypes.Any(t => t.Became == "skipped"))
            summary += $" No record is of an incident type: if this project's incidents are, say, '{r.RecordTypes.First(t => t.Became == "skipped").Type}', " +
                       $"name it in insight.yaml (import: record_types: {r.Source}: incident: [...]) and import again.";
        return summary;
    }

    private static string Truncate(string s) => s.Length <= 60 ? s.ReplaceLineEndings(" ") : s[..57].ReplaceLineEndings(" ") + "...";

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
