using InsightEngine.Service.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>
/// Keeps the first visitor from paying for a computation: once the service has started, and after each of its imports or
/// pulls that changed the data (<see cref="StoreGate.DataChanges"/>), it asks itself — over HTTP, through the same
/// middleware, so exactly the answer a visitor would get is kept — for the dashboard and the response metric. A failure
/// is logged and changes nothing: the next visitor then computes the answer as without the warmer.
/// </summary>
public sealed class CacheWarmer(IServer server, IOptions<ServiceOptions> options, StoreGate gate, IHostApplicationLifetime lifetime,
    ILogger<CacheWarmer> log) : BackgroundService
{
    /// <summary>What is asked for: the dashboard and the most asked metric.</summary>
    public static readonly IReadOnlyList<string> Paths = ["/", "/api/metrics/response?by=severity"];

    private int rounds;

    /// <summary>How many times everything in <see cref="Paths"/> has been asked for (tests wait on it).</summary>
    public int Rounds => Volatile.Read(ref rounds);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmCache) return;
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        using var client = Client();
        if (client is null) return;
        await Warm(client, stoppingToken).ConfigureAwait(false);
        try
        {
            await foreach (var _ in gate.DataChanges.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                await Warm(client, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Warm(HttpClient client, CancellationToken stoppingToken)
    {
        foreach (var path in Paths)
        {
            try
            {
                using var response = await client.GetAsync(path, stoppingToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) log.LogInformation("Warming {Path}: {Status}; it is computed at its first request instead.", path, (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested) return;   // the service is stopping: nothing to warm for
                log.LogInformation("Warming {Path} failed ({Reason}); it is computed at its first request instead.", path, e.Message);
            }
        }
        Interlocked.Increment(ref rounds);
    }

    /// <summary>A client for the service's own first address (a wildcard bind reached on loopback), with its Host name and key.</summary>
    private HttpClient? Client()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return null;
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        var client = new HttpClient { BaseAddress = uri.Uri, Timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds + 30) };
        client.DefaultRequestHeaders.Host = ServiceApp.HostNames(options.Value)[0];
        if (!string.IsNullOrEmpty(options.Value.ApiKey)) client.DefaultRequestHeaders.Add(ApiKeyMiddleware.Header, options.Value.ApiKey);
        return client;
    }
}
