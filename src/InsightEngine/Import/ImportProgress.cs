namespace InsightEngine.Import;

/// <summary>The phases of one file's import, in order.</summary>
public enum ImportPhase
{
    /// <summary>The file is being read and converted.</summary>
    Reading,

    /// <summary>Rejects, repeats and changes are being worked out.</summary>
    Checking,

    /// <summary>Rows are being written to the store.</summary>
    Writing,
}

/// <summary>A progress report: the file and the phase it has reached.</summary>
public sealed record ImportProgress(string File, ImportPhase Phase);
