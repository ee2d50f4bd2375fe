using InsightEngine.Import;
using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>
/// What became of an inbox file: its import, or why it failed, and where it was moved. <paramref name="Busy"/>: another
/// process held the database; <paramref name="MovedTo"/> is then the file itself when it stays to be tried again.
/// </summary>
public sealed record InboxOutcome(string File, string MovedTo, ImportResult? Result, string? Error, bool Busy = false, bool InternalError = false)
{
    /// <summary>Each export's outcome (one for a plain file; one per export inside a ZIP).</summary>
    public IReadOnlyList<ImportOutcome> Imports { get; init; } = [];
}

/// <summary>
/// Imports one file from the inbox and files it away: <c>processed/</c> on success, <c>failed/</c> with a
/// <c>NAME.error.txt</c> beside it saying why. Used by the inbox worker and by uploads, so both behave the same.
/// </summary>
public sealed class InboxProcessor(IImportGate gate, IOptions<ServiceOptions> options, TimeProvider clock, ILogger<InboxProcessor> log)
{
    /// <summary>The inbox folder, full path (created on first use).</summary>
    public string Inbox => Path.GetFullPath(options.Value.Inbox ?? throw new InvalidOperationException("No inbox is configured (Insight:Inbox)."));

    private readonly Dictionary<string, int> busyAttempts = new(StringComparer.Ordinal);
    private int busyTries;

    /// <summary>How many times, since start, a file found the database held by another process.</summary>
    public int BusyTries => Volatile.Read(ref busyTries);

    /// <summary>
    /// Imports <paramref name="file"/> (inside the inbox) and moves it: to <c>processed/</c>, or to <c>failed/</c> with
    /// the reason (a bad file; an error of ours, logged). While another process holds the database the file stays where
    /// it is when <paramref name="retryWhenBusy"/> (the inbox tries it again at a later scan, up to
    /// <see cref="ServiceOptions.InboxBusyAttempts"/> times), else it goes to <c>failed/</c> saying so (an upload: the
    /// client is told to send it again). Nothing is left half-way: every file ends imported, waiting, or in failed/.
    /// </summary>
    public async Task<InboxOutcome> ProcessAsync(string file, string? timeZone, CancellationToken cancellationToken, bool retryWhenBusy = false)
    {
        try
        {
            var imports = await gate.ImportAsync(file, new ImportOptions { TimeZone = timeZone }, cancellationToken).ConfigureAwait(false);
            foreach (var result in imports.Select(i => i.Result).OfType<ImportResult>())
            {
                log.LogInformation("Imported {File}: {Read} read, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                    Shown(result.File, file), result.Read, result.Inserted, result.Updated, result.Unchanged, result.Rejected);
            }
            var failures = imports.Where(i => i.Failure is not null).ToList();
            if (failures.Count > 0)
            {
                // A container part of which imported: the rest is said in failed/ (importing it again is safe: imports are idempotent).
                var reason = string.Join(Environment.NewLine, failures.Select(f => Shown(f.Failure!.Message, file)));
                if (failures.Count < imports.Count) reason = $"{imports.Count - failures.Count} of {imports.Count} exports inside were imported; these were not:{Environment.NewLine}{reason}";
                return await FailAsync(file, reason).ConfigureAwait(false) with { Imports = imports };
            }
            var moved = Move(file, "processed");
            return new InboxOutcome(Path.GetFileName(file), moved, imports.Count == 1 ? imports[0].Result : null, null) { Imports = imports };
        }
        catch (ImportException e)
        {
            return await FailAsync(file, e.Message).ConfigureAwait(false);
        }
        catch (Store.StoreBusyException e)
        {
            int attempts;
            Interlocked.Increment(ref busyTries);
            lock (busyAttempts) attempts = busyAttempts[file] = busyAttempts.GetValueOrDefault(file) + 1;
            if (retryWhenBusy && attempts < options.Value.InboxBusyAttempts)
            {
                log.LogInformation("{File} waits: {Reason} (attempt {Attempt} of {Attempts}; tried again at the next scan)",
                    Path.GetFileName(file), e.Message, attempts, options.Value.InboxBusyAttempts);
                return new InboxOutcome(Path.GetFileName(file), file, null, e.Message, Busy: true);
            }
            var reason = retryWhenBusy
                ? $"{e.Message} It was tried {attempts} times (Insight:InboxBusyAttempts) and never got in; nothing was imported. Move it back into the inbox to try again."
                : $"{e.Message} Nothing was imported: send the file again in a few seconds.";
            return await FailAsync(file, reason, busy: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Our bug or the machine's (a full disk), not the file's: the file is kept in failed/ and the worker goes on.
            log.LogError(e, "Import of {File} failed with an internal error", Path.GetFileName(file));
            return await FailAsync(file, $"internal error while importing ({e.GetType().Name}: {e.Message.Split('\n')[0]}); nothing was imported. " +
                "The service log has the details; please report it.", internalError: true).ConfigureAwait(false);
        }
        finally
        {
            if (!File.Exists(file)) lock (busyAttempts) busyAttempts.Remove(file);
        }
    }

    /// <summary>Moves <paramref name="file"/> to <c>failed/</c> with <c>NAME.error.txt</c> saying why.</summary>
    public async Task<InboxOutcome> FailAsync(string file, string reason, bool busy = false, bool internalError = false)
    {
        var moved = Move(file, "failed");
        // Not cancellable: a file in failed/ always has its reason beside it.
        await File.WriteAllTextAsync(moved + ".error.txt", reason + Environment.NewLine, CancellationToken.None).ConfigureAwait(false);
        if (!internalError) log.LogWarning("{File} moved to failed/: {Reason}", Path.GetFileName(file), reason);
        return new InboxOutcome(Path.GetFileName(file), moved, null, reason, busy, internalError);
    }

    /// <summary>Messages name the file by its name in the inbox, never the server's folders.</summary>
    private static string Shown(string text, string path) => text.Replace(path, Path.GetFileName(path), StringComparison.Ordinal);

    /// <summary>Moves a file into a sub-folder of the inbox, never over an earlier one of the same name.</summary>
    private string Move(string file, string folder)
    {
        var target = Path.Combine(Inbox, folder);
        Directory.CreateDirectory(target);
        var path = Path.Combine(target, Path.GetFileName(file));
        if (File.Exists(path))
        {
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            path = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(file)}.{stamp}-{Guid.NewGuid().ToString("N")[..6]}{Path.GetExtension(file)}");
        }
        File.Move(file, path);
        return path;
    }
}
