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
        await SweepUploadsAsync().ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder went away or is unreadable for a moment: said, and tried again; the service stays up.
                log.LogError("Cannot scan the inbox {Inbox}: {Reason}; trying again in {Seconds} s", processor.Inbox, e.Message, options.Value.InboxPollSeconds);
            }
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
            .Where(f => InsightEngine.Import.Files.ExportFiles.IsExport(Path.GetFileName(f)))
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
            // A busy database leaves the file where it is, to be tried at a later scan (settled already, so at once).
            var outcome = await processor.ProcessAsync(file, null, cancellationToken, retryWhenBusy: true).ConfigureAwait(false);
            if (outcome.Busy && File.Exists(file)) seen[file] = (info.Length, info.LastWriteTimeUtc, DateTimeOffset.MinValue);
        }
    }

    /// <summary>
    /// Uploads the service was still receiving or importing when it stopped (a crash, kill -9) are left in
    /// <c>uploads/</c>, perhaps cut short: never imported as they are, moved to <c>failed/</c> saying so.
    /// </summary>
    internal async Task SweepUploadsAsync()
    {
        var uploads = Path.Combine(processor.Inbox, "uploads");
        if (!Directory.Exists(uploads)) return;
        // Only what an earlier process left: an upload this one is receiving was written since it started.
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        foreach (var file in Directory.EnumerateFiles(uploads).Where(f => File.GetLastWriteTimeUtc(f) < started).Order(StringComparer.Ordinal).ToList())
        {
            await processor.FailAsync(file, "an upload the service was still receiving or importing when it stopped; it may be incomplete and " +
                "nothing of it was imported. Send it again (or move it into the inbox if it is whole).").ConfigureAwait(false);
        }
    }
}
