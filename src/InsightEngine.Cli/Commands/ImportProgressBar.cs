using System.Globalization;
using InsightEngine.Import;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// The import progress bar, in bytes over all files. DuckDB reads a CSV inside one call, so while a file is being read
/// its progress is taken from the bytes this process has read (<c>rchar</c> in <c>/proc/self/io</c>, which counts DuckDB's
/// reads and the SHA-256 pass alike, hence halved); the checking and writing phases that follow move it to the file's end.
/// Where <c>/proc</c> is missing the bar advances by phase only.
/// </summary>
internal sealed class ImportProgressBar : IProgress<ImportProgress>, IDisposable
{
    private readonly ProgressTask task;
    private readonly Dictionary<string, long> sizes;
    private readonly Timer timer;
    private readonly object gate = new();
    private double done;           // bytes of finished files
    private string? current;
    private long currentSize;
    private long readAtStart;
    private double phaseFloor;     // the share of the current file its phase guarantees

    public ImportProgressBar(ProgressContext context, IReadOnlyList<string> files)
    {
        sizes = files.Distinct().ToDictionary(f => f, f => File.Exists(f) ? new FileInfo(f).Length : 0);
        task = context.AddTask($"Importing {files.Count} file{(files.Count == 1 ? "" : "s")}", maxValue: Math.Max(1, sizes.Values.Sum()));
        timer = new Timer(_ => Tick(), null, 250, 250);
    }

    public void Report(ImportProgress value)
    {
        lock (gate)
        {
            if (value.File != current)
            {
                current = value.File;
                currentSize = sizes.GetValueOrDefault(value.File);
                readAtStart = BytesRead() ?? 0;
                task.Description = Markup.Escape(Path.GetFileName(value.File));
            }
            phaseFloor = value.Phase switch { ImportPhase.Reading => 0, ImportPhase.Checking => 0.85, _ => 0.95 };
        }
        Tick();
    }

    public void FileDone(string file)
    {
        lock (gate)
        {
            done += sizes.GetValueOrDefault(file);
            current = null;
            phaseFloor = 0;
            task.Value = done;
        }
    }

    private void Tick()
    {
        lock (gate)
        {
            if (current is null) return;
            var read = BytesRead() is { } now ? Math.Min(0.85, (now - readAtStart) / 2.0 / Math.Max(1, currentSize)) : 0;
            task.Value = done + currentSize * Math.Max(phaseFloor, read);
        }
    }

    /// <summary>Bytes this process has read so far (Linux), or null.</summary>
    private static long? BytesRead()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
                if (line.StartsWith("rchar:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public void Dispose() => timer.Dispose();
}
