using InsightEngine.Analysis;
using InsightEngine.Import;
using InsightEngine.Store;
using InsightEngine.Settings;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Hosting;

/// <summary>
/// The one way the service reaches the store: reads open their own connection (DuckDB serves them from the last
/// committed state while an import runs), and imports take turns behind one writer lock. Each import is one
/// transaction: if the service stops in the middle, DuckDB rolls it back, so the database is never half-written.
/// </summary>
public sealed class StoreGate(IOptions<ServiceOptions> options, InsightSettings settings) : IDisposable
{
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>The database file.</summary>
    public string Database => options.Value.Database;

    /// <summary>A connection for reading.</summary>
    public InsightStore OpenRead() => InsightStore.Open(Database, settings.MemoryLimit);

    /// <summary>The settings the service loaded at start-up.</summary>
    public InsightSettings Settings => settings;

    /// <summary>
    /// A connection for reading and an analysis session on it, interrupted when <paramref name="cancellationToken"/>
    /// fires. Its reads run in one transaction: every figure of a request (a report's many queries, the analysis-cache
    /// check and the cached tables it then reads) comes from one snapshot, even while an import commits beside it.
    /// </summary>
    public ReadSession OpenSession(CancellationToken cancellationToken)
    {
        // The request's own time limit and the client going away both stop its work (ErrorMiddleware tells which).
        var limit = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var store = OpenRead();
        try
        {
            var cancel = store.CancelWith(linked.Token);
            var snapshot = store.Connection.BeginTransaction();
            return new ReadSession(store, new AnalysisSession(store, settings), new Scope(() =>
            {
                try
                {
                    snapshot.Dispose();   // rolls back: nothing was written
                }
                catch (DuckDB.NET.Data.DuckDBException) when (linked.IsCancellationRequested)
                {
                    // interrupted: the connection is closed next anyway
                }
                cancel.Dispose();
                linked.Dispose();
                limit.Dispose();
            }));
        }
        catch
        {
            linked.Dispose();
            limit.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports <paramref name="file"/> (one transaction, the settings' status values over <paramref name="importOptions"/>)
    /// and refreshes the analysis cache for the settings' thresholds; throws <see cref="ImportException"/> on a bad file.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string file, ImportOptions importOptions, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var store = InsightStore.Open(Database, settings.MemoryLimit);
            var result = new Importer(store).ImportFile(file, settings.ForImport(importOptions));
            AnalysisSession.Refresh(store, settings.Metrics);
            return result;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}

/// <summary>A read connection with its analysis session and cancellation scope, disposed together.</summary>
public sealed class ReadSession(InsightStore store, AnalysisSession session, IDisposable cancel) : IDisposable
{
    /// <summary>The connection.</summary>
    public InsightStore Store => store;

    /// <summary>The analysis session on it.</summary>
    public AnalysisSession Analysis => session;

    /// <inheritdoc />
    public void Dispose()
    {
        session.Dispose();
        cancel.Dispose();
        store.Dispose();
    }
}
