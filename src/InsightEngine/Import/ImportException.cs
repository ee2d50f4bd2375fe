namespace InsightEngine.Import;

/// <summary>
/// A file that cannot be imported at all (unknown format, missing required column, wrong encoding, truncated).
/// Nothing of it is written: its transaction rolls back. The message names the file, and the line and column where known.
/// </summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with <c>file:line:</c> where known.</summary>
    public ImportException(string file, string problem, long? line = null, string? column = null, Exception? inner = null)
        : base(Format(file, problem, line, column), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public ImportException() { File = ""; Problem = ""; }

    /// <summary>Creates the exception.</summary>
    public ImportException(string message) : base(message) { File = ""; Problem = message; }

    /// <summary>Creates the exception.</summary>
    public ImportException(string message, Exception inner) : base(message, inner) { File = ""; Problem = message; }

    /// <summary>The file that failed.</summary>
    public string File { get; }

    /// <summary>The 1-based line, where known.</summary>
    public long? Line { get; }

    /// <summary>The file's own column name, where the problem is one column.</summary>
    public string? Column { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, string problem, long? line, string? column)
    {
        var where = line is null ? file : $"{file}:{line}";
        return column is null ? $"{where}: {problem}" : $"{where}: column '{column}': {problem}";
    }
}
