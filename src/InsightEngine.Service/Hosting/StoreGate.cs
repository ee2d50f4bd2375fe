using InsightEngine.Analysis;
using InsightEngine.Import;
using InsightEngine.Store;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Hosting;

/// <summary>
/// The one way the service reaches the store: reads open their own connection (DuckDB serves them from the last
/// committed state while an import runs), and imports take turns behind one writer lock. Each import is one
/// transaction: if the service stops in the middle, DuckDB rolls it back, so the database is never half-written.
/// </summary>
public sealed class StoreGate(IOptions<ServiceOptions> options) : IDisposable
{
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>The database file.</summary>
    public string Database => options.Value.Database;

    /// <summary>A connection for reading.</summary>
    public InsightStore OpenRead() => InsightStore.Open(Database);

    /// <summary>Imports <paramref name="file"/> (one transaction) and refreshes the analysis cache; throws <see cref="ImportException"/> on a bad file.</summary>
    public async Task<ImportResult> ImportAsync(string file, ImportOptions importOptions, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var store = InsightStore.Open(Database);
            var result = new Importer(store).ImportFile(file, importOptions);
            SharedBlocks.Refresh(store, MetricOptions.Default);
            return result;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
