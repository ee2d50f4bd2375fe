using System.Collections;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Pull;

/// <summary>What a pull did to one stream.</summary>
/// <param name="Stream">incidents, log_entries ...</param>
/// <param name="Format">The format its pages were imported with.</param>
/// <param name="From">The start of the range asked for.</param>
/// <param name="To">Its end.</param>
/// <param name="Pages">Pages imported (each one transaction).</param>
/// <param name="Read">Records read, summed over the pages' imports (and their companions').</param>
/// <param name="Inserted">New records.</param>
/// <param name="Updated">Changed records, updated in place.</param>
/// <param name="Unchanged">Records already stored as they are.</param>
/// <param name="Rejected">Records refused (each in import_rejects with its reason).</param>
public sealed record PullStreamResult(string Stream, string Format, DateTimeOffset From, DateTimeOffset To, long Pages, long Read, long Inserted, long Updated,
    long Unchanged, long Rejected);

/// <summary>What a pull did.</summary>
public sealed record PullResult(string Source, string Account, IReadOnlyList<PullStreamResult> Streams, int Requests);

/// <summary>How far a pull has got (for a progress display).</summary>
public sealed record PullProgress(string Stream, long Pages, long Records, DateTimeOffset WindowEnd);

/// <summary>
/// Pulls a tool's records through its API into the store: each page lands through the same import pipeline as a file
/// of the same format (so counts add up, rejects are recorded, and a pulled record gives the figures the same record
/// imported from a file gives), one transaction per page, the stream's cursor advanced in the transaction of the page
/// that completes a window. An incremental pull starts at the cursor less the overlap.
/// </summary>
public sealed class Puller(InsightStore store)
{
    /// <summary>Runs a pull of every stream of <paramref name="connector"/>.</summary>
    public async Task<PullResult> RunAsync(PullConnector connector, PullOptions options, IDictionary environment, ImportOptions? import = null,
        IProgress<PullProgress>? progress = null, HttpMessageHandler? handler = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(options);
        var variable = connector.Reader(environment);
        var baseUrl = options.ApiUrl ?? connector.BaseUrl(variable);
        if (baseUrl.Scheme is not ("https" or "http"))
            throw new PullException($"The API URL must be http or https, not '{baseUrl.Scheme}'.");
        using var http = new PullHttp(options, connector.Vendor, connector.Variables, connector.Authorize(variable), handler);
        var account = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var now = options.Clock.GetUtcNow();
        var until = options.Until ?? now;
        var context = new PullContext(http, baseUrl, options, cancellation);
        var importer = new Importer(store);
        var results = new List<PullStreamResult>();
        var stream = connector.Streams[0];
        try
        {
            // Every stream's start, decided (and recorded) before any is pulled: a stream this pull never reaches (it stops
            // on an earlier one) starts where it was asked to next time, not at a first pull's default reach.
            var starts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var s in connector.Streams)
            {
                var (cursor, first) = store.Query(
                    "SELECT cursor_at, first_from FROM pull_cursors WHERE source = $s AND account = $a AND stream = $t",
                    r => (Utc(r, 0), Utc(r, 1)), ("s", connector.Source), ("a", account), ("t", s.Name)).SingleOrDefault();
                starts[s.Name] = options.Since ?? (cursor is { } c ? c - (options.Overlap ?? connector.Overlap) : first ?? until - options.FirstPull);
                store.Execute("""
                    INSERT INTO pull_cursors (source, account, stream, first_from, last_pull_at) VALUES ($s, $a, $t, $from, $now)
                    ON CONFLICT (source, account, stream) DO UPDATE SET last_pull_at = $now, first_from = coalesce(pull_cursors.first_from, $from)
                    """, ("s", connector.Source), ("a", account), ("t", s.Name), ("from", starts[s.Name].UtcDateTime), ("now", now.UtcDateTime));
            }
            foreach (var s in connector.Streams)
            {
                stream = s;
                var since = starts[s.Name];
                long pages = 0, read = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0;
                await foreach (var page in s.Pages(context, since, until).WithCancellation(cancellation).ConfigureAwait(false))
                {
                    if (page.Records == 0)
                    {
                        // Nothing to import (an empty window): only the cursor moves, no batch is written.
                        Advance(store, connector.Source, account, s.Name, page);
                        progress?.Report(new PullProgress(s.Name, pages, read, page.Cursor ?? since));
                        continue;
                    }
                    var results0 = ImportPage(importer, connector, account, s, page, import ?? new ImportOptions(), options);
                    foreach (var r in results0)
                    {
                        read += r.Read;
                        inserted += r.Inserted;
                        updated += r.Updated;
                        unchanged += r.Unchanged + r.Stale;
                        rejected += r.Rejected;
                    }
                    pages++;
                    progress?.Report(new PullProgress(s.Name, pages, read, page.Cursor ?? since));
                }
                store.Execute("UPDATE pull_cursors SET last_success_at = $now, last_error = NULL WHERE source = $s AND account = $a AND stream = $t",
                    ("s", connector.Source), ("a", account), ("t", s.Name), ("now", now.UtcDateTime));
                results.Add(new PullStreamResult(s.Name, s.Format, since, until, pages, read, inserted, updated, unchanged, rejected));
            }
        }
        catch (Exception e) when (e is PullException or ImportException)
        {
            try
            {
                store.Execute("UPDATE pull_cursors SET last_error = $e WHERE source = $s AND account = $a AND stream = $t",
                    ("e", e.Message), ("s", connector.Source), ("a", account), ("t", stream.Name));
            }
            catch (DuckDB.NET.Data.DuckDBException)
            {
                // Recording the error must not hide it (a cancelled connection refuses further statements).
            }
            throw;
        }
        return new PullResult(connector.Source, account, results, http.Requests);
    }

    /// <summary>Counts a page and moves the stream's cursor to the window the page completes (never back).</summary>
    private static void Advance(InsightStore store, string source, string account, string stream, PulledPage page) =>
        store.Execute("""
            UPDATE pull_cursors SET pages = pages + 1, records = records + $n,
                cursor_at = CASE WHEN $cursor IS NULL THEN cursor_at ELSE greatest(coalesce(cursor_at, $cursor), $cursor) END
            WHERE source = $s AND account = $a AND stream = $t
            """, ("n", (long)page.Records), ("cursor", page.Cursor?.UtcDateTime), ("s", source), ("a", account), ("t", stream));

    private static DateTimeOffset? Utc(System.Data.IDataRecord r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    /// <summary>
    /// Imports one page from a temporary file (the API's body as it came: the format's own wrapper), in one transaction
    /// with the cursor's advance.
    /// </summary>
    private static List<ImportResult> ImportPage(Importer importer, PullConnector connector, string account, PullFeed stream, PulledPage page,
        ImportOptions import, PullOptions options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"insight-pull-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, page.Text);
            var pageOptions = import with
            {
                Format = stream.Format,
                Mapping = null,
                TimeZone = import.TimeZone ?? options.TimeZone,
                WithinTransaction = (s, _) => Advance(s, connector.Source, account, stream.Name, page),
            };
            var result = importer.ImportFile(path, pageOptions, $"{connector.Source} {stream.Name} (API)");
            return [result, .. result.Companions];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
