using System.Collections;
using InsightEngine.Pull;
using InsightEngine.Service.Hosting;
using InsightEngine.Store;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>What the service knows of one configured source: for <c>GET /api/sources</c> and the dashboard.</summary>
/// <param name="Source">The tool.</param>
/// <param name="Schedule">Its cron schedule.</param>
/// <param name="NextSync">When it is pulled next.</param>
/// <param name="Running">A pull is running now.</param>
/// <param name="LastResult">The last pull's result in this process, if one succeeded.</param>
/// <param name="LastError">Why the last pull in this process stopped, if it did.</param>
public sealed record SourceStatus(string Source, string Schedule, DateTimeOffset? NextSync, bool Running, PullResult? LastResult, string? LastError);

/// <summary>
/// Pulls each configured source (<c>Insight:Sources</c>) on its cron schedule (Cronos), one pull at a time through the
/// store gate; a failed pull is logged (without a credential), kept as the source's last error and tried again at the
/// next scheduled time. The environment is read at each pull, so a rotated token needs no restart.
/// </summary>
public sealed class PullWorker(StoreGate gate, IOptions<ServiceOptions> options, TimeProvider clock, ILogger<PullWorker> log) : BackgroundService
{
    private readonly Dictionary<string, SourceStatus> statuses = new(StringComparer.Ordinal);
    private readonly Lock sync = new();

    /// <summary>The environment pulls read credentials from (tests give their own).</summary>
    internal IDictionary Environment { get; init; } = System.Environment.GetEnvironmentVariables();

    /// <summary>Every configured source's status, in configuration order.</summary>
    public IReadOnlyList<SourceStatus> Statuses
    {
        get
        {
            lock (sync)
            {
                return options.Value.Sources.Select(s => statuses.GetValueOrDefault(Key(s))
                    ?? new SourceStatus(s.Source, s.Schedule, s.Next(clock.GetUtcNow()), false, null, null)).ToList();
            }
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Sources.Select(s => RunScheduleAsync(s, stoppingToken)));

    private async Task RunScheduleAsync(SourceOptions source, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = source.Next(clock.GetUtcNow());
            Set(source, s => s with { NextSync = next });
            if (next is null) return;
            try
            {
                await Task.Delay(next.Value - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await PullNowAsync(source, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pulls <paramref name="source"/> now; the status says how it went.</summary>
    internal async Task PullNowAsync(SourceOptions source, CancellationToken cancellation)
    {
        Set(source, s => s with { Running = true });
        try
        {
            var result = await gate.PullAsync(source.Connector, source.Options(clock), Environment, cancellation).ConfigureAwait(false);
            log.LogInformation("Pulled {Source}: {Records} records in {Pages} pages", source.Source, result.Streams.Sum(s => s.Read), result.Streams.Sum(s => s.Pages));
            Set(source, s => s with { Running = false, LastResult = result, LastError = null, NextSync = source.Next(clock.GetUtcNow()) });
        }
        catch (Exception e) when (e is PullException or StoreBusyException or Import.ImportException)
        {
            log.LogWarning("Pulling {Source} stopped: {Reason}", source.Source, e.Message);
            Set(source, s => s with { Running = false, LastError = e.Message, NextSync = source.Next(clock.GetUtcNow()) });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Set(source, s => s with { Running = false });
        }
    }

    private void Set(SourceOptions source, Func<SourceStatus, SourceStatus> change)
    {
        lock (sync)
        {
            var key = Key(source);
            var current = statuses.GetValueOrDefault(key) ?? new SourceStatus(source.Source, source.Schedule, null, false, null, null);
            statuses[key] = change(current);
        }
    }

    private static string Key(SourceOptions s) => s.Source.ToLowerInvariant() + "|" + s.ApiUrl;
}
