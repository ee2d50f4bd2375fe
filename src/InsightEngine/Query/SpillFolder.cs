namespace InsightEngine.Query;

/// <summary>
/// A query session's own folder for DuckDB's spill files, under the system temp folder and named after the process,
/// deleted when the session ends. Folders left by a process that was killed are swept by the next session.
/// </summary>
internal sealed class SpillFolder : IDisposable
{
    private const string Prefix = "insight-query-";

    private SpillFolder(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates a new folder, first deleting those of processes that no longer run.</summary>
    public static SpillFolder Create()
    {
        var root = System.IO.Path.GetTempPath();
        SweepOrphans(root);
        var path = System.IO.Path.Combine(root, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new SpillFolder(path);
    }

    private static void SweepOrphans(string root)
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
            {
                var name = System.IO.Path.GetFileName(folder)[Prefix.Length..];
                var dash = name.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0 && int.TryParse(name[..dash], out var pid) && !Running(pid)) Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // another user's temp folder, or a race with another sweep: nothing of ours is at stake
        }
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // still in use or not ours: left for the next sweep
        }
    }

    /// <inheritdoc />
    public void Dispose() => Delete(Path);
}
