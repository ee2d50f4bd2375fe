using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>
/// Watches the inbox folder and imports every new <c>.csv</c> / <c>.json</c> export once it has stopped growing (same
/// size and time for <see cref="ServiceOptions.InboxSettleSeconds"/>). Files are moved out once imported, so a restart
/// finds only what was not finished; a file imported just before a crash and found again imports as all unchanged
/// (imports are idempotent), so nothing is counted twice and nothing is lost.
/// </summary>
public sealed class InboxWorker(InboxProcessor processor, IOptions<ServiceOptions> options, TimeProvider clock, ILogger<InboxWorker> log) : BackgroundService
{
    private readonly Dictionary<string, (long Size, DateTime Written, DateTimeOffset Since)> seen = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Inbox)) return;
        Directory.CreateDirectory(processor.Inbox);
        log.LogInformation("Watching {Inbox} for exports", processor.Inbox);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ScanAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.InboxPollSeconds), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over the inbox: imports the files that have settled.</summary>
    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var files = Directory.EnumerateFiles(processor.Inbox)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var gone in seen.Keys.Except(files).ToList()) seen.Remove(gone);
        foreach (var file in files)
        {
            if (cancellationToken.IsCancellationRequested) return;
            var info = new FileInfo(file);
            if (!seen.TryGetValue(file, out var last) || last.Size != info.Length || last.Written != info.LastWriteTimeUtc)
            {
                seen[file] = (info.Length, info.LastWriteTimeUtc, now);
                if (options.Value.InboxSettleSeconds > 0) continue;
            }
            else if (now - last.Since < TimeSpan.FromSeconds(options.Value.InboxSettleSeconds))
            {
                continue;
            }
            seen.Remove(file);
            await processor.ProcessAsync(file, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
