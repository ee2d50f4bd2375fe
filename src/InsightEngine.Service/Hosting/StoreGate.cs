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
public sealed class StoreGate(IOptions<ServiceOptions> options, InsightSettings settings, TimeProvider clock) : IImportGate, IDisposable
{
    private TimeSpan Wait => TimeSpan.FromSeconds(options.Value.StoreWaitSeconds);

    private readonly SemaphoreSlim writer = new(1, 1);

    private long generation;

    private readonly System.Threading.Channels.Channel<long> dataChanged =
        System.Threading.Channels.Channel.CreateBounded<long>(new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });

    /// <summary>Signals each import or pull of the service that changed the data (the cache warmer listens).</summary>
    public System.Threading.Channels.ChannelReader<long> DataChanges => dataChanged.Reader;

    /// <summary>Bumped after each import or pull of this service ends (committed or not): part of <see cref="DataVersions"/>' stamp.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>The database file.</summary>
    public string Database => options.Value.Database;

    /// <summary>
    /// A connection for reading. The service holds the database file only while a connection is open, so a CLI
    /// command can use it between requests; while another process holds it, this waits
    /// <see cref="ServiceOptions.StoreWaitSeconds"/>, then throws <see cref="StoreBusyException"/> (a 503).
    /// </summary>
    public InsightStore OpenRead(CancellationToken cancellationToken = default)
    {
        var store = StoreOpening.Retry(() => InsightStore.Open(Database, settings.MemoryLimit), Wait, clock, cancellationToken);
        store.FillsAnalysisCache = false;   // the writer refreshes it after each import that changed data; reads never write
        return store;
    }

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
        InsightStore store;
        try
        {
            store = OpenRead(linked.Token);
        }
        catch
        {
            linked.Dispose();
            limit.Dispose();
            throw;
        }
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
    /// Imports <paramref name="file"/> (one transaction; each export of a container in its own; the settings' status
    /// values over <paramref name="importOptions"/>) and refreshes the analysis cache for the settings' thresholds; each
    /// export's result or refusal is in the outcomes; throws
    /// <see cref="StoreBusyException"/> when another process holds the database past <see cref="ServiceOptions.StoreWaitSeconds"/>.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportAsync(string file, ImportOptions importOptions, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var store = await StoreOpening.RetryAsync(() => InsightStore.Open(Database, settings.MemoryLimit), Wait, clock, cancellationToken)
                .ConfigureAwait(false);
            var outcomes = new Importer(store).ImportEach(file, settings.ForImport(importOptions));
            // Only when the data changed (an unchanged re-import leaves the data version, and so the cache, as they were).
            if (outcomes.Any(o => o.Result?.Wrote == true))
            {
                AnalysisSession.Refresh(store, settings.Metrics);
                dataChanged.Writer.TryWrite(Generation);
            }
            return outcomes;
        }
        finally
        {
            Interlocked.Increment(ref generation);
            writer.Release();
        }
    }

    /// <summary>
    /// Pulls from a tool's API as the one writer (each page one transaction), then refreshes the analysis cache; throws
    /// <see cref="StoreBusyException"/> when another process holds the database, <see cref="Pull.PullException"/> when the
    /// pull cannot go on (what was pulled is kept).
    /// </summary>
    public async Task<Pull.PullResult> PullAsync(Pull.PullConnector connector, Pull.PullOptions pullOptions, System.Collections.IDictionary environment,
        CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var store = await StoreOpening.RetryAsync(() => InsightStore.Open(Database, settings.MemoryLimit), Wait, clock, cancellationToken)
                .ConfigureAwait(false);
            var result = await new Pull.Puller(store).RunAsync(connector, pullOptions, environment, settings.ForImport(), cancellation: cancellationToken)
                .ConfigureAwait(false);
            if (result.Streams.Any(s => s.Inserted + s.Updated > 0))
            {
                AnalysisSession.Refresh(store, settings.Metrics);
                dataChanged.Writer.TryWrite(Generation);
            }
            return result;
        }
        finally
        {
            Interlocked.Increment(ref generation);
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

/// <summary>How the inbox and uploads import a file: one transaction, behind the service's one writer (<see cref="StoreGate"/>).</summary>
public interface IImportGate
{
    /// <summary>Imports <paramref name="file"/> (each export of a container): the outcomes; <see cref="StoreBusyException"/> for a held store.</summary>
    Task<IReadOnlyList<ImportOutcome>> ImportAsync(string file, ImportOptions importOptions, CancellationToken cancellationToken);
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
