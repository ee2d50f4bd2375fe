using InsightEngine.Import;
using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Workers;

/// <summary>What became of an inbox file: its import, or why it failed, and where it was moved.</summary>
public sealed record InboxOutcome(string File, string MovedTo, ImportResult? Result, string? Error);

/// <summary>
/// Imports one file from the inbox and files it away: <c>processed/</c> on success, <c>failed/</c> with a
/// <c>NAME.error.txt</c> beside it saying why. Used by the inbox worker and by uploads, so both behave the same.
/// </summary>
public sealed class InboxProcessor(StoreGate gate, IOptions<ServiceOptions> options, TimeProvider clock, ILogger<InboxProcessor> log)
{
    /// <summary>The inbox folder, full path (created on first use).</summary>
    public string Inbox => Path.GetFullPath(options.Value.Inbox ?? throw new InvalidOperationException("No inbox is configured (Insight:Inbox)."));

    /// <summary>Imports <paramref name="file"/> (inside the inbox) and moves it.</summary>
    public async Task<InboxOutcome> ProcessAsync(string file, string? timeZone, CancellationToken cancellationToken)
    {
        try
        {
            var result = await gate.ImportAsync(file, new ImportOptions { TimeZone = timeZone }, cancellationToken).ConfigureAwait(false);
            var moved = Move(file, "processed");
            log.LogInformation("Imported {File}: {Read} read, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
                Path.GetFileName(file), result.Read, result.Inserted, result.Updated, result.Unchanged, result.Rejected);
            return new InboxOutcome(Path.GetFileName(file), moved, result, null);
        }
        catch (ImportException e)
        {
            var moved = Move(file, "failed");
            await File.WriteAllTextAsync(moved + ".error.txt", e.Message + Environment.NewLine, cancellationToken).ConfigureAwait(false);
            log.LogWarning("Import of {File} failed: {Reason}", Path.GetFileName(file), e.Message);
            return new InboxOutcome(Path.GetFileName(file), moved, null, e.Message);
        }
    }

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
