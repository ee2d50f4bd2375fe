using System.Globalization;
using System.Text.RegularExpressions;

namespace InsightEngine.Store;

/// <summary>
/// Another process holds the database file: DuckDB lets one process at a time open a file for writing (and none while
/// a writer has it). Not the file's fault and not ours: wait (<see cref="StoreOpening"/>), or retry later.
/// </summary>
public sealed partial class StoreBusyException : StoreException
{
    /// <summary>Creates the exception for <paramref name="path"/>, held by <paramref name="holder"/> (null: not known).</summary>
    public StoreBusyException(string path, string? holder, int? holderProcessId, Exception? inner = null)
        : base($"The database '{path}' is in use by another process{(holder is null ? "" : $" ({holder})")}: " +
               "only one process at a time can open a database file for writing.", inner)
    {
        Database = path;
        Holder = holder;
        HolderProcessId = holderProcessId;
    }

    /// <summary>Creates the exception.</summary>
    public StoreBusyException() : this("", null, null) { }

    /// <summary>Creates the exception.</summary>
    public StoreBusyException(string message) : base(message) { Database = ""; }

    /// <summary>Creates the exception.</summary>
    public StoreBusyException(string message, Exception inner) : base(message, inner) { Database = ""; }

    /// <summary>The database file.</summary>
    public string Database { get; }

    /// <summary>The process holding the file, as <c>PID 1234: dotnet insight-service.dll</c>, where DuckDB named it.</summary>
    public string? Holder { get; }

    /// <summary>The holding process's id, where DuckDB named it.</summary>
    public int? HolderProcessId { get; }

    /// <summary>True for DuckDB's "Could not set lock on file" refusal.</summary>
    internal static bool IsLockConflict(string message) => message.Contains("Could not set lock on file", StringComparison.Ordinal);

    /// <summary>The exception for DuckDB's lock refusal <paramref name="message"/>: the holder named from its PID.</summary>
    internal static StoreBusyException From(string path, string message, Exception inner)
    {
        var m = Holding().Match(message);
        if (!m.Success) return new StoreBusyException(path, null, null, inner);
        var pid = int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture);
        return new StoreBusyException(path, $"PID {pid}: {Describe(pid, m.Groups["program"].Value)}", pid, inner);
    }

    /// <summary>
    /// The holder's program and what it runs (<c>dotnet insight.dll import</c>), from <c>/proc</c> where there is one:
    /// the leading words only, file names without folders, stopping at the first option, so no secret on its command
    /// line (an API key) is ever repeated.
    /// </summary>
    private static string Describe(int pid, string program)
    {
        try
        {
            var words = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .TakeWhile(w => !w.StartsWith('-') && !w.Contains('=', StringComparison.Ordinal))
                .Take(3).Select(w => Path.GetFileName(w)).ToList();
            if (words.Count > 0) return string.Join(' ', words);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // no /proc (macOS, Windows) or the process has gone: DuckDB's own name for it will do
        }
        return Path.GetFileName(program);
    }

    [GeneratedRegex(@"Conflicting lock is held in (?<program>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex Holding();
}
